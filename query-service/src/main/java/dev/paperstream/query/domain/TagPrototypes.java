package dev.paperstream.query.domain;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Topic tags a paper earns by meaning: each tag has prototype vectors (its definition and example descriptions,
 * embedded by the same model as papers), and a paper's vector near enough to a tag's nearest prototype earns the
 * tag, with the broader tags it implies. A second signal beside the keyword rules, for papers whose words the rules
 * do not know.
 *
 * @param tags          the tags with their prototypes, in taxonomy order
 * @param minSimilarity least cosine similarity between a paper and a tag's nearest prototype
 * @param maxBelowBest  how far below the paper's most similar tag another tag may be and still be earned, so that
 *                      a paper near everything earns only what it is nearest to
 */
public record TagPrototypes(List<Tag> tags, double minSimilarity, double maxBelowBest) {

    /**
     * One tag's prototypes.
     *
     * @param slug    the tag
     * @param vectors vectors of its definition and examples (kept as unit vectors)
     * @param implies broader tags that apply whenever this one does
     */
    public record Tag(String slug, List<float[]> vectors, List<String> implies) {

        public Tag {
            vectors = vectors.stream().map(TagPrototypes::unit).toList();
            implies = List.copyOf(implies);
        }

        /** Cosine similarity of a unit vector to the nearest prototype. */
        double similarity(float[] paper) {
            double best = -1;
            for (float[] prototype : vectors) {
                best = Math.max(best, dot(paper, prototype));
            }
            return best;
        }
    }

    public TagPrototypes {
        tags = List.copyOf(tags);
    }

    /**
     * The tags a paper's vector earns that its keyword tags do not already have, most similar first, with the tags
     * they imply.
     *
     * @param vector   the paper's vector
     * @param ruleTags the tags the keyword rules gave it
     */
    public List<String> tagsFor(float[] vector, Collection<String> ruleTags) {
        float[] paper = unit(vector);
        double[] similarities = new double[tags.size()];
        double best = -1;
        for (int i = 0; i < tags.size(); i++) {
            similarities[i] = tags.get(i).similarity(paper);
            best = Math.max(best, similarities[i]);
        }
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < tags.size(); i++) {
            if (similarities[i] >= minSimilarity && similarities[i] >= best - maxBelowBest) {
                order.add(i);
            }
        }
        order.sort((a, b) -> Double.compare(similarities[b], similarities[a]));
        Set<String> earned = new LinkedHashSet<>();
        for (int i : order) {
            earned.add(tags.get(i).slug());
            earned.addAll(tags.get(i).implies());
        }
        earned.removeAll(ruleTags);
        return List.copyOf(earned);
    }

    private static float[] unit(float[] vector) {
        double norm = Math.sqrt(dot(vector, vector));
        float[] unit = new float[vector.length];
        for (int i = 0; i < vector.length; i++) {
            unit[i] = norm == 0 ? 0 : (float) (vector[i] / norm);
        }
        return unit;
    }

    private static double dot(float[] a, float[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }
}
