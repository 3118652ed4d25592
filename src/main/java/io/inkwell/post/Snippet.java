package io.inkwell.post;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.owasp.html.Encoding;

/**
 * A search result's snippet: its passage as safe HTML, the text escaped and each word of the
 * query in {@code <mark>}, the words {@code ts_headline(..., 'HighlightAll=true')} marks: those
 * indexed as one of the query's lexemes, or as a lexeme that begins with one of its prefixes.
 * Which word is where, and what it is indexed as, was found once after the passage was written
 * (V20, PassageMarker), so a search does not parse and stem ten passages again; a passage not
 * marked yet comes marked by ts_headline ({@link #fromHeadline}).
 */
final class Snippet {

    /** Between the entries of a passage's marks (V20). */
    private static final char ENTRY = '\u0001';
    /*
     * ts_headline's marks, for a passage not marked yet (PassageMarker): control characters,
     * which the indexed text never holds (PostSearchIndex), so the text between them can be
     * escaped before they become <mark> tags. The whole passage, every word of the query in it
     * marked.
     */
    private static final String START = "\u0002";
    private static final String STOP = "\u0003";
    static final String HEADLINE_OPTIONS = "StartSel=" + START + ", StopSel=" + STOP + ", HighlightAll=true";

    private Snippet() {
    }

    /**
     * The operands of a query, as {@code ts_headline} matches them whatever the operators between
     * them: whole lexemes, and prefixes ({@code 'pyth':*}).
     */
    record QueryWords(List<String> whole, List<String> prefixes) {

        /**
         * From the query as PostgreSQL writes it ({@code 'cach' | 'buff':*}): each operand quoted,
         * a quote in it doubled and a backslash written twice, then {@code :} and its flags
         * ({@code *} for a prefix, weights).
         */
        static QueryWords parse(String tsquery) {
            Set<String> whole = new LinkedHashSet<>();
            List<String> prefixes = new ArrayList<>();
            int at = tsquery.indexOf('\'');
            while (at >= 0) {
                StringBuilder lexeme = new StringBuilder();
                int i = at + 1;
                while (i < tsquery.length()) {
                    char c = tsquery.charAt(i);
                    if (c == '\'' && i + 1 < tsquery.length() && tsquery.charAt(i + 1) == '\'') {
                        lexeme.append('\'');
                        i += 2;
                    } else if (c == '\'') {
                        break;
                    } else if (c == '\\' && i + 1 < tsquery.length()) {
                        lexeme.append(tsquery.charAt(i + 1));
                        i += 2;
                    } else {
                        lexeme.append(c);
                        i++;
                    }
                }
                int flags = i + 1;
                int flagsEnd = flags;
                if (flags < tsquery.length() && tsquery.charAt(flags) == ':') {
                    flagsEnd = flags + 1;
                    while (flagsEnd < tsquery.length() && "*ABCDabcd".indexOf(tsquery.charAt(flagsEnd)) >= 0) {
                        flagsEnd++;
                    }
                }
                if (tsquery.substring(flags, flagsEnd).contains("*")) {
                    prefixes.add(lexeme.toString());
                } else {
                    whole.add(lexeme.toString());
                }
                at = flagsEnd < tsquery.length() ? tsquery.indexOf('\'', flagsEnd) : -1;
            }
            return new QueryWords(List.copyOf(whole), List.copyOf(prefixes));
        }

        /**
         * Whether {@code text} from {@code start} to {@code end} is one of the words or begins
         * with one of the prefixes. Read in place: a search tests some 600 lexemes, a query has
         * a few words.
         */
        boolean match(String text, int start, int end) {
            int length = end - start;
            for (String word : whole) {
                if (word.length() == length && text.startsWith(word, start)) {
                    return true;
                }
            }
            for (String prefix : prefixes) {
                if (prefix.length() <= length && text.startsWith(prefix, start)) {
                    return true;
                }
            }
            return false;
        }
    }

    /**
     * The passage with the words of {@code words} marked. {@code marks}: the passage's words as V20
     * writes them, {@code start:end:lexeme} in characters (code points) of the passage.
     */
    static String html(String passage, String marks, QueryWords words) {
        StringBuilder html = new StringBuilder(passage.length() + 64);
        boolean astral = passage.length() != passage.codePointCount(0, passage.length());
        int shown = 0;
        int entry = 0;
        while (marks != null && entry < marks.length()) {
            int next = marks.indexOf(ENTRY, entry);
            int entryEnd = next < 0 ? marks.length() : next;
            int firstColon = marks.indexOf(':', entry);
            int secondColon = marks.indexOf(':', firstColon + 1);
            if (words.match(marks, secondColon + 1, entryEnd)) {
                int start = index(passage, Integer.parseInt(marks, entry, firstColon, 10), astral);
                int end = index(passage, Integer.parseInt(marks, firstColon + 1, secondColon, 10), astral);
                // A word indexed as several lexemes has an entry for each: it is marked once.
                if (start >= shown) {
                    escape(passage.substring(shown, start), html);
                    html.append("<mark>");
                    escape(passage.substring(start, end), html);
                    html.append("</mark>");
                    shown = end;
                }
            }
            entry = entryEnd + 1;
        }
        escape(passage.substring(shown), html);
        return html.toString();
    }

    /** ts_headline's answer (with {@link #HEADLINE_OPTIONS}) as the same HTML. */
    static String fromHeadline(String headline) {
        StringBuilder html = new StringBuilder(headline.length() + 32);
        for (String part : headline.split(START, -1)) {
            int stop = part.indexOf(STOP);
            if (stop < 0) {
                escape(part, html);
            } else {
                html.append("<mark>");
                escape(part.substring(0, stop), html);
                html.append("</mark>");
                escape(part.substring(stop + 1).replace(STOP, ""), html);
            }
        }
        return html.toString();
    }

    /** Where the {@code codePoint}th character is in the Java string. */
    private static int index(String passage, int codePoint, boolean astral) {
        return astral ? passage.offsetByCodePoints(0, codePoint) : codePoint;
    }

    private static void escape(String text, StringBuilder html) {
        try {
            Encoding.encodeRcdataOnto(text, html);
        } catch (IOException e) {
            throw new UncheckedIOException("A StringBuilder does not fail", e);
        }
    }
}
