package dev.paperstream.enrich.domain;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/** The key that identifies an author across listings: Unicode-normalized, whitespace-folded, lower case. */
public final class AuthorNames {

    /** Longest name kept, in characters (the author table's column); a longer one is cut, not refused. */
    public static final int MAX_LENGTH = 300;
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    private AuthorNames() {
    }

    /**
     * The display form: Unicode NFKC with whitespace folded to single spaces, cut to {@link #MAX_LENGTH}
     * characters (a listing that runs a whole author list together is still counted, under its first 300).
     */
    public static String clean(String name) {
        return cut(WHITESPACE.matcher(Normalizer.normalize(name, Normalizer.Form.NFKC)).replaceAll(" ").strip());
    }

    /** The identifying key; lower-casing can lengthen a name, so it is cut again. */
    public static String key(String name) {
        return cut(clean(name).toLowerCase(Locale.ROOT));
    }

    /** The first {@link #MAX_LENGTH} characters, never splitting a surrogate pair. */
    private static String cut(String text) {
        if (text.length() <= MAX_LENGTH) {
            return text;
        }
        int end = Character.isHighSurrogate(text.charAt(MAX_LENGTH - 1)) ? MAX_LENGTH - 1 : MAX_LENGTH;
        return text.substring(0, end).strip();
    }
}
