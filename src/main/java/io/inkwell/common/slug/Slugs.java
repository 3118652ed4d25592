package io.inkwell.common.slug;

import com.ibm.icu.text.Transliterator;
import java.util.Locale;
import java.util.regex.Pattern;

/** URL slugs: ASCII, lower case, words joined by hyphens. */
public final class Slugs {

    public static final int MAX_LENGTH = 200;
    public static final String PATTERN = "^[a-z0-9]+(?:[-_.][a-z0-9]+)*$";
    /** What a client is told when its slug breaks {@link #PATTERN}. */
    public static final String RULE = "Use lower-case letters, digits and single hyphens, e.g. 'my-first-post' (at most "
            + MAX_LENGTH + " characters).";
    private static final Pattern VALID = Pattern.compile(PATTERN);
    private static final Pattern NON_ALPHANUMERIC = Pattern.compile("[^a-z0-9]+");
    // ICU does the transliteration (Cyrillic, Greek, accents...) so we don't keep tables of our own.
    private static final ThreadLocal<Transliterator> TO_ASCII = ThreadLocal.withInitial(
            () -> Transliterator.getInstance("Any-Latin; Latin-ASCII"));

    private Slugs() {
    }

    /** "Café Zürich" -> "cafe-zurich". Empty when nothing ASCII is left. */
    public static String fromText(String text) {
        // ICU is slow next to the rest of an import; plain ASCII needs no transliteration.
        String ascii = (isAscii(text) ? text : TO_ASCII.get().transliterate(text)).toLowerCase(Locale.ROOT);
        String slug = NON_ALPHANUMERIC.matcher(ascii).replaceAll("-").replaceAll("^-+|-+$", "");
        if (slug.length() > MAX_LENGTH) {
            slug = slug.substring(0, MAX_LENGTH).replaceAll("-+$", "");
        }
        return slug;
    }

    private static boolean isAscii(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) > 127) {
                return false;
            }
        }
        return true;
    }

    public static boolean isValid(String slug) {
        return slug != null && slug.length() <= MAX_LENGTH && VALID.matcher(slug).matches();
    }

    /** Explicit slugs are case-insensitive, so they are stored in lower case. */
    public static String normalize(String slug) {
        return slug.toLowerCase(Locale.ROOT);
    }
}
