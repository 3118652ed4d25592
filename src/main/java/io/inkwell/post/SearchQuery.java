package io.inkwell.post;

import io.inkwell.common.error.FieldError;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What a reader typed into search, read once: white space collapsed and lower-cased (the
 * search ignores case), so equal questions share one cache entry. The words never reach
 * {@code to_tsquery} as syntax: all but the last go through {@code plainto_tsquery}, which parses
 * text the way posts were parsed, and the last one, matched as a prefix for type-ahead, goes as
 * one quoted operand with the characters that could end the quote taken out.
 */
record SearchQuery(String text) {

    static final int MAX_CHARS = 200;
    /** Shorter last words are matched whole: a one-letter prefix matches most of the index. */
    static final int MIN_PREFIX_CHARS = 2;
    private static final Pattern WHITE_SPACE = Pattern.compile("\\s+");
    /** What would end or escape a quoted {@code to_tsquery} operand. */
    private static final Pattern QUOTE_OR_BACKSLASH = Pattern.compile("['\\\\]");

    /** The parameter's value, or an error naming {@code q}. */
    static Optional<SearchQuery> parse(String q, List<FieldError> errors) {
        if (q == null || q.isBlank()) {
            errors.add(new FieldError("q", "Required: the words to search for."));
            return Optional.empty();
        }
        String text = WHITE_SPACE.matcher(q.strip()).replaceAll(" ").toLowerCase(Locale.ROOT);
        if (text.codePointCount(0, text.length()) > MAX_CHARS) {
            errors.add(new FieldError("q", "At most " + MAX_CHARS + " characters."));
            return Optional.empty();
        }
        return Optional.of(new SearchQuery(text));
    }

    /** Every word but the last, for {@code plainto_tsquery}: each must occur as a whole word. */
    String wholeWords() {
        int lastSpace = text.lastIndexOf(' ');
        return lastSpace < 0 ? "" : text.substring(0, lastSpace);
    }

    /**
     * The last word as a quoted {@code to_tsquery} operand, a prefix ({@code 'pyth':*}) when it
     * is long enough; empty when it has no letter or digit. Quote and backslash would end or
     * escape the quoted operand, so they go.
     */
    String lastWordOperand() {
        String last = QUOTE_OR_BACKSLASH.matcher(text.substring(text.lastIndexOf(' ') + 1)).replaceAll(" ").strip();
        long letters = last.codePoints().filter(Character::isLetterOrDigit).count();
        if (letters == 0) {
            return "";
        }
        return "'" + last + "'" + (letters >= MIN_PREFIX_CHARS ? ":*" : "");
    }
}
