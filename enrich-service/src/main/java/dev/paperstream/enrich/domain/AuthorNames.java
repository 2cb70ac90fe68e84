package dev.paperstream.enrich.domain;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/** The key that identifies an author across listings: Unicode-normalized, whitespace-folded, lower case. */
public final class AuthorNames {

    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    private AuthorNames() {
    }

    /** The display form: Unicode NFKC with whitespace folded to single spaces. */
    public static String clean(String name) {
        return WHITESPACE.matcher(Normalizer.normalize(name, Normalizer.Form.NFKC)).replaceAll(" ").strip();
    }

    /** The identifying key. */
    public static String key(String name) {
        return clean(name).toLowerCase(Locale.ROOT);
    }
}
