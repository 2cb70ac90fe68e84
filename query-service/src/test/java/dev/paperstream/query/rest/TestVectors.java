package dev.paperstream.query.rest;

/** Vector arithmetic for tests. */
public final class TestVectors {

    private TestVectors() {
    }

    /** The cosine similarity of two vectors. */
    public static double cosine(float[] a, float[] b) {
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
            na += a[i] * a[i];
            nb += b[i] * b[i];
        }
        return dot / Math.sqrt(na * nb);
    }
}
