package dev.paperstream.query.domain;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which of many terms occur in a text, as substrings, in one pass over the text whatever their number (an
 * Aho-Corasick automaton): matching a paper against thousands of saved searches reads its text once.
 */
public final class TermScanner {

    private static final class Node {
        final Map<Character, Node> next = new HashMap<>();
        final List<String> found = new ArrayList<>();
        Node fail;
    }

    private final Node root = new Node();

    public TermScanner(Collection<String> terms) {
        for (String term : new HashSet<>(terms)) {
            if (term.isEmpty()) {
                continue;
            }
            Node node = root;
            for (int i = 0; i < term.length(); i++) {
                node = node.next.computeIfAbsent(term.charAt(i), c -> new Node());
            }
            node.found.add(term);
        }
        // Breadth first: each node's fail link is the longest proper suffix that is also a path from the root.
        Deque<Node> queue = new ArrayDeque<>();
        for (Node child : root.next.values()) {
            child.fail = root;
            queue.add(child);
        }
        while (!queue.isEmpty()) {
            Node node = queue.poll();
            for (Map.Entry<Character, Node> edge : node.next.entrySet()) {
                Node child = edge.getValue();
                Node fail = node.fail;
                while (fail != root && !fail.next.containsKey(edge.getKey())) {
                    fail = fail.fail;
                }
                Node target = fail.next.get(edge.getKey());
                child.fail = target != null && target != child ? target : root;
                child.found.addAll(child.fail.found);
                queue.add(child);
            }
        }
    }

    /** The terms that occur in {@code text}. */
    public Set<String> find(String text) {
        Set<String> present = new HashSet<>();
        Node node = root;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            while (node != root && !node.next.containsKey(c)) {
                node = node.fail;
            }
            node = node.next.getOrDefault(c, root);
            if (!node.found.isEmpty()) {
                present.addAll(node.found);
            }
        }
        return present;
    }
}
