package io.inkwell.imports;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the code in Markdown (fenced blocks and inline code spans), where shortcodes and image
 * syntax are shown, not used. An approximation of CommonMark that is enough for that purpose:
 * indented code blocks are not recognised, because a 4-space indent is just as often a nested
 * list item.
 */
final class MarkdownCode {

    private static final Pattern FENCE_OPEN = Pattern.compile(" {0,3}(`{3,}|~{3,})(.*)");

    private MarkdownCode() {
    }

    /** {@code mask[i]} is true when character {@code i} lies inside code. */
    static boolean[] mask(String markdown) {
        boolean[] mask = new boolean[markdown.length()];
        int lineStart = 0;
        int proseStart = 0;
        while (lineStart < markdown.length()) {
            int lineEnd = lineEnd(markdown, lineStart);
            Matcher open = FENCE_OPEN.matcher(stripCarriageReturn(markdown.substring(lineStart, lineEnd)));
            boolean isFence = open.matches() && !(open.group(1).charAt(0) == '`' && open.group(2).contains("`"));
            if (!isFence) {
                lineStart = next(markdown, lineEnd);
                continue;
            }
            markSpans(markdown, proseStart, lineStart, mask);
            String fence = open.group(1);
            Pattern close = Pattern.compile(" {0,3}" + Pattern.quote(String.valueOf(fence.charAt(0))) + "{"
                    + fence.length() + ",}[ \\t]*");
            int blockEnd = markdown.length();
            int line = next(markdown, lineEnd);
            while (line < markdown.length()) {
                int end = lineEnd(markdown, line);
                if (close.matcher(stripCarriageReturn(markdown.substring(line, end))).matches()) {
                    blockEnd = end;
                    break;
                }
                line = next(markdown, end);
            }
            for (int i = lineStart; i < blockEnd; i++) {
                mask[i] = true;
            }
            lineStart = next(markdown, blockEnd);
            proseStart = lineStart;
        }
        markSpans(markdown, proseStart, markdown.length(), mask);
        return mask;
    }

    /**
     * A run of n backticks opens a code span that the next run of exactly n closes; an unmatched
     * run is literal text. Spans may cross line breaks but not a blank line (a paragraph end).
     */
    private static void markSpans(String markdown, int from, int to, boolean[] mask) {
        Matcher blankLine = Pattern.compile("\\n[ \\t]*\\r?\\n").matcher(markdown).region(from, to);
        int paragraphStart = from;
        while (paragraphStart < to) {
            int paragraphEnd = blankLine.find() ? blankLine.start() : to;
            markSpansInParagraph(markdown, paragraphStart, paragraphEnd, mask);
            paragraphStart = paragraphEnd == to ? to : blankLine.end();
        }
    }

    /** Linear: each run learns the index of the next run of the same length in one backward pass. */
    private static void markSpansInParagraph(String markdown, int from, int to, boolean[] mask) {
        List<int[]> runs = new ArrayList<>();
        int i = from;
        while (i < to) {
            if (markdown.charAt(i) == '`' && !(i > from && markdown.charAt(i - 1) == '\\')) {
                int end = runEnd(markdown, i, to);
                runs.add(new int[] {i, end});
                i = end;
            } else {
                i++;
            }
        }
        int[] nextOfSameLength = new int[runs.size()];
        Map<Integer, Integer> seen = new HashMap<>();
        for (int r = runs.size() - 1; r >= 0; r--) {
            int length = runs.get(r)[1] - runs.get(r)[0];
            nextOfSameLength[r] = seen.getOrDefault(length, -1);
            seen.put(length, r);
        }
        int r = 0;
        while (r < runs.size()) {
            int close = nextOfSameLength[r];
            if (close < 0) {
                r++;
                continue;
            }
            for (int k = runs.get(r)[0]; k < runs.get(close)[1]; k++) {
                mask[k] = true;
            }
            r = close + 1;
        }
    }

    private static int runEnd(String text, int start, int limit) {
        int end = start;
        while (end < limit && text.charAt(end) == '`') {
            end++;
        }
        return end;
    }

    private static int lineEnd(String text, int start) {
        int newline = text.indexOf('\n', start);
        return newline < 0 ? text.length() : newline;
    }

    private static int next(String text, int lineEnd) {
        return Math.min(text.length(), lineEnd + 1);
    }

    private static String stripCarriageReturn(String line) {
        return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
    }

    /** 1-based line of each offset, by binary search over line starts. */
    static final class LineIndex {
        private final int[] starts;

        LineIndex(String text) {
            int count = 1;
            for (int i = 0; i < text.length(); i++) {
                if (text.charAt(i) == '\n') {
                    count++;
                }
            }
            starts = new int[count];
            int line = 1;
            for (int i = 0; i < text.length(); i++) {
                if (text.charAt(i) == '\n') {
                    starts[line++] = i + 1;
                }
            }
        }

        int lineOf(int offset) {
            int found = java.util.Arrays.binarySearch(starts, offset);
            return found >= 0 ? found + 1 : -found - 1;
        }
    }
}
