package dev.paperstream.ingest.domain;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/** Seeded random edits of a listing body, shared by the parser fuzz and equivalence tests. */
final class ListingMutations {

    /** Fragments of each format's syntax and bytes that break encodings, inserted by the mutations. */
    static final byte[][] SYNTAX = {
            "·\n".getBytes(StandardCharsets.UTF_8), "\n• 0 authors\n".getBytes(StandardCharsets.UTF_8),
            "Feb 30\n".getBytes(StandardCharsets.UTF_8), "Dec 31, 99999 9999999\n".getBytes(StandardCharsets.UTF_8),
            "{".getBytes(StandardCharsets.UTF_8), "]".getBytes(StandardCharsets.UTF_8),
            "\"upvotes\": 1e999,".getBytes(StandardCharsets.UTF_8), "null".getBytes(StandardCharsets.UTF_8),
            "<entry>".getBytes(StandardCharsets.UTF_8), "</feed>".getBytes(StandardCharsets.UTF_8),
            "<!DOCTYPE x [<!ENTITY a \"b\">]>".getBytes(StandardCharsets.UTF_8), "&a;".getBytes(StandardCharsets.UTF_8),
            "<![CDATA[x]]>".getBytes(StandardCharsets.UTF_8), new byte[] { (byte) 0xC3 }, new byte[] { 0 },
            new byte[] { (byte) 0xEF, (byte) 0xBB, (byte) 0xBF } };

    private ListingMutations() {
    }

    /** One to four random edits of the fixture; {@code insertions} are the syntax fragments it may insert. */
    static byte[] mutate(byte[] fixture, byte[][] insertions, Random random) {
        byte[] body = fixture;
        int edits = 1 + random.nextInt(4);
        for (int e = 0; e < edits; e++) {
            body = switch (random.nextInt(6)) {
                case 0 -> flipBytes(body, random);
                case 1 -> Arrays.copyOf(body, body.length == 0 ? 0 : random.nextInt(body.length));
                case 2 -> shuffleLines(body, random);
                case 3 -> insert(body, insertions[random.nextInt(insertions.length)], random);
                case 4 -> deleteRange(body, random);
                default -> insert(body, randomBytes(random), random);
            };
        }
        return body;
    }

    private static byte[] flipBytes(byte[] body, Random random) {
        byte[] copy = body.clone();
        int flips = 1 + random.nextInt(8);
        for (int i = 0; i < flips && copy.length > 0; i++) {
            copy[random.nextInt(copy.length)] ^= (byte) (1 << random.nextInt(8));
        }
        return copy;
    }

    private static byte[] shuffleLines(byte[] body, Random random) {
        List<String> lines = new ArrayList<>(Arrays.asList(new String(body, StandardCharsets.ISO_8859_1).split("\n", -1)));
        if (lines.size() > 2) {
            int from = random.nextInt(lines.size());
            int to = Math.min(lines.size(), from + 1 + random.nextInt(20));
            Collections.shuffle(lines.subList(from, to), random);
        }
        return String.join("\n", lines).getBytes(StandardCharsets.ISO_8859_1);
    }

    private static byte[] insert(byte[] body, byte[] insertion, Random random) {
        int at = body.length == 0 ? 0 : random.nextInt(body.length + 1);
        byte[] result = new byte[body.length + insertion.length];
        System.arraycopy(body, 0, result, 0, at);
        System.arraycopy(insertion, 0, result, at, insertion.length);
        System.arraycopy(body, at, result, at + insertion.length, body.length - at);
        return result;
    }

    private static byte[] deleteRange(byte[] body, Random random) {
        if (body.length < 2) {
            return body;
        }
        int from = random.nextInt(body.length);
        int to = Math.min(body.length, from + 1 + random.nextInt(200));
        byte[] result = new byte[body.length - (to - from)];
        System.arraycopy(body, 0, result, 0, from);
        System.arraycopy(body, to, result, from, body.length - to);
        return result;
    }

    private static byte[] randomBytes(Random random) {
        byte[] bytes = new byte[1 + random.nextInt(16)];
        random.nextBytes(bytes);
        return bytes;
    }
}
