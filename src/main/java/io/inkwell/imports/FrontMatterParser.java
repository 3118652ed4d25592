package io.inkwell.imports;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import io.inkwell.common.web.MaxNesting;
import io.inkwell.common.web.StrictJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Splits a Hugo or Jekyll Markdown file into front matter and body and parses the front matter:
 * TOML and JSON with Jackson's mappers, YAML with {@link YamlFrontMatter} (aliases resolved).
 * Dates are left as strings: neither converts them, and {@link SiteMapper} decides which zone a
 * date without one is in.
 */
public final class FrontMatterParser {

    private static final char BYTE_ORDER_MARK = '\uFEFF';
    /*
     * Numbers as written, as the API keeps meta's (1.10 stays 1.10; 1E+400 is no infinity), so that
     * an exported post comes back the same.
     */
    private static final ObjectMapper TOML = TomlMapper.builder()
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .build();
    // A key written twice is a mistake in the file; Jackson would silently keep the last one.
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .build();

    private FrontMatterParser() {
    }

    /**
     * @param path    the file's path, only used in messages
     * @param content the whole file
     * @throws ImportFileException when the front matter is unclosed, malformed or not a table
     */
    public static SourceDocument parse(String path, String content) {
        String text = !content.isEmpty() && content.charAt(0) == BYTE_ORDER_MARK ? content.substring(1) : content;
        List<Line> lines = lines(text);
        // Hugo skips blank lines and spaces before the front matter; so do we, or such a file's
        // front matter would become the start of its body.
        int first = firstNotBlank(lines);
        String opening = first < lines.size() ? lines.get(first).content().strip() : "";
        if (opening.equals("+++")) {
            return delimited(path, text, lines, first, "+++", FrontMatterFormat.TOML, TOML::readTree);
        }
        if (opening.equals("---")) {
            return delimited(path, text, lines, first, "---", FrontMatterFormat.YAML,
                    yaml -> YamlFrontMatter.read(path, yaml, first + 1));
        }
        // "{{<" is a shortcode at the top of a body without front matter, not a JSON object.
        if (opening.startsWith("{") && !opening.startsWith("{{")) {
            return json(path, text, lines, first);
        }
        return new SourceDocument(path, FrontMatterFormat.NONE, "", JsonNodeFactory.instance.objectNode(), 1, text, 1);
    }

    private static int firstNotBlank(List<Line> lines) {
        int index = 0;
        while (index < lines.size() && lines.get(index).content().isBlank()) {
            index++;
        }
        return index;
    }

    /** Front matter between the delimiter lines at index {@code opening} and the next one like it. */
    private static SourceDocument delimited(String path, String text, List<Line> lines, int opening, String delimiter,
            FrontMatterFormat format, TreeReader reader) {
        for (int i = opening + 1; i < lines.size(); i++) {
            if (lines.get(i).content().stripTrailing().equals(delimiter)) {
                String frontMatter = text.substring(lines.get(opening + 1).start(), lines.get(i).start());
                int bodyStart = lines.get(i).end();
                // Front matter starts on the line after the opening one (file line opening + 2),
                // so parser line n is file line n + opening + 1.
                ObjectNode fields = read(path, frontMatter, reader, opening + 1);
                return new SourceDocument(path, format, frontMatter, fields, opening + 2, text.substring(bodyStart), i + 2);
            }
        }
        throw new ImportFileException(path, opening + 1, "front matter opened with " + delimiter + " on line "
                + (opening + 1) + " is never closed by a " + delimiter + " line (as in Hugo, a file whose first text is "
                + delimiter + " starts with front matter; a body that opens with a rule needs front matter before it)");
    }

    /** JSON front matter is the object that opens the file; the body begins on the line after it. */
    private static SourceDocument json(String path, String text, List<Line> lines, int opening) {
        int open = text.indexOf('{', lines.get(opening).start());
        int close = matchingBrace(text, open);
        if (close < 0) {
            throw new ImportFileException(path, opening + 1,
                    "JSON front matter opened on line " + (opening + 1) + " is never closed");
        }
        int lineIndex = opening;
        while (lines.get(lineIndex).end() <= close) {
            lineIndex++;
        }
        Line closingLine = lines.get(lineIndex);
        String rest = text.substring(close + 1, closingLine.start() + closingLine.content().length());
        if (!rest.isBlank()) {
            throw new ImportFileException(path, lineIndex + 1,
                    "the closing } of JSON front matter must end its line, found: " + rest.strip());
        }
        String frontMatter = text.substring(open, close + 1);
        ObjectNode fields = read(path, frontMatter, JSON::readTree, opening);
        return new SourceDocument(path, FrontMatterFormat.JSON, frontMatter, fields, opening + 1,
                text.substring(closingLine.end()), lineIndex + 2);
    }

    /** Index of the brace closing the one at {@code open}, skipping braces inside JSON strings; -1 if none. */
    private static int matchingBrace(String text, int open) {
        int depth = 0;
        boolean inString = false;
        for (int i = open; i < text.length(); i++) {
            char c = text.charAt(i);
            if (inString) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
            } else if (c == '{') {
                depth++;
            } else if (c == '}' && --depth == 0) {
                return i;
            }
        }
        return -1;
    }

    /** Reads a front matter's text as a tree: Jackson's mappers, or {@link YamlFrontMatter}. */
    @FunctionalInterface
    private interface TreeReader {
        JsonNode read(String frontMatter) throws IOException;
    }

    private static ObjectNode read(String path, String frontMatter, TreeReader reader, int lineOffset) {
        JsonNode tree;
        try {
            tree = reader.read(frontMatter);
        } catch (JacksonException e) {
            throw syntaxError(path, frontMatter, e, lineOffset);
        } catch (NumberFormatException e) {
            // 1e999999999999 in JSON: Jackson's BigDecimal reader throws this bare.
            throw new ImportFileException(path, null,
                    "front matter has a number whose exponent is beyond what can be stored: " + e.getMessage());
        } catch (IOException e) {
            throw new UncheckedIOException("Reading a string does not fail", e);
        }
        if (tree == null || tree.isMissingNode() || tree.isNull()) {
            return JsonNodeFactory.instance.objectNode();
        }
        if (!tree.isObject()) {
            throw new ImportFileException(path, lineOffset + 1,
                    "front matter must be a table of keys and values, found " + describe(tree));
        }
        checkAsTheApiDoes(path, tree);
        return (ObjectNode) tree;
    }

    /**
     * The rules the API applies to free JSON ({@link StrictJson}): an escaped NUL or half a
     * surrogate pair in a title or a meta value, which no text column can hold, and nesting
     * deeper than a post's JSON can be read back, fail the file rather than the whole import.
     */
    private static void checkAsTheApiDoes(String path, JsonNode tree) {
        if (MaxNesting.Validator.depth(tree) > MaxNesting.LEVELS) {
            throw new ImportFileException(path, null, "front matter nests more than " + MaxNesting.LEVELS
                    + " levels of tables and lists (the API's limit for meta)");
        }
        StrictJson.textProblem(tree).ifPresent(problem -> {
            throw new ImportFileException(path, null, "front matter" + (problem.path().isEmpty() ? "" : " at "
                    + problem.dotted()) + ": " + problem.message());
        });
    }

    private static ImportFileException syntaxError(String path, String frontMatter, JacksonException e, int lineOffset) {
        JsonLocation location = e.getLocation();
        Integer line = location != null && location.getLineNr() > 0 ? location.getLineNr() : null;
        String problem = problemOf(e);
        if (line != null && problem.startsWith(TOML_DUPLICATE_KEY)) {
            line = tomlAssignmentLine(frontMatter, line, location.getColumnNr());
        }
        return new ImportFileException(path, line == null ? null : line + lineOffset, "front matter syntax error: " + problem, e);
    }

    /** Jackson's TOML reader's words for a key written twice (its JSON reader says "Duplicate field"). */
    private static final String TOML_DUPLICATE_KEY = "Duplicate key";
    /** The start of a TOML line that assigns a key: a bare or quoted key, dotted or not, then "=". */
    private static final Pattern TOML_ASSIGNMENT = Pattern.compile(
            "^\\s*(?:[A-Za-z0-9_-]+|\"[^\"]*\"|'[^']*')(?:\\s*\\.\\s*(?:[A-Za-z0-9_-]+|\"[^\"]*\"|'[^']*'))*\\s*=");

    /**
     * The line (1 = the front matter's first) of the assignment of a key written twice. Jackson's
     * TOML reader sees the duplicate once it has read the token after the value: on the same line
     * for an inline table (its closing brace), else the next key, table or the end, past any
     * blank lines and comments, and past the last line of a value over several lines. So: the last
     * line that assigns a key, from the reported one when the token there follows others on it,
     * else from the line before.
     */
    private static int tomlAssignmentLine(String frontMatter, int line, int column) {
        List<Line> lines = lines(frontMatter);
        int from;
        if (line > lines.size()) {
            from = lines.size() - 1;
        } else {
            String reported = lines.get(line - 1).content();
            String before = reported.substring(0, Math.min(Math.max(column - 1, 0), reported.length()));
            if (before.contains("=")) {
                // An inline table closed on this line holds the key twice, whatever starts the line
                // (one inside an array over several lines starts with "{").
                return line;
            }
            from = before.isBlank() ? line - 2 : line - 1;
        }
        boolean[] inString = insideMultiLineStrings(lines);
        for (int index = from; index >= 0; index--) {
            if (!inString[index] && TOML_ASSIGNMENT.matcher(lines.get(index).content()).find()) {
                return index + 1;
            }
        }
        return line;
    }

    private static final String BASIC_MULTI_LINE = "\"\"\"";
    private static final String LITERAL_MULTI_LINE = "'''";

    /**
     * Whether each line starts inside a TOML multi-line string (three double or single quotes),
     * where a line such as {@code k = v} is text, not an assignment. Strings on one line and
     * comments are skipped, so quotes in them open nothing; the file parsed up to the error, so
     * its strings are well formed.
     */
    private static boolean[] insideMultiLineStrings(List<Line> lines) {
        boolean[] inside = new boolean[lines.size()];
        String open = null;
        for (int index = 0; index < lines.size(); index++) {
            inside[index] = open != null;
            String text = lines.get(index).content();
            int at = 0;
            while (at < text.length()) {
                if (open != null) {
                    int close = closingQuote(text, at, open);
                    if (close < 0) {
                        break;
                    }
                    open = null;
                    at = close + 3;
                } else if (text.startsWith(BASIC_MULTI_LINE, at) || text.startsWith(LITERAL_MULTI_LINE, at)) {
                    open = text.substring(at, at + 3);
                    at += 3;
                } else if (text.charAt(at) == '"' || text.charAt(at) == '\'') {
                    int close = closingQuote(text, at + 1, String.valueOf(text.charAt(at)));
                    at = close < 0 ? text.length() : close + 1;
                } else if (text.charAt(at) == '#') {
                    break;
                } else {
                    at++;
                }
            }
        }
        return inside;
    }

    /** Where {@code quote} closes a string from {@code from}: a backslash escapes in basic (double-quoted) strings only. */
    private static int closingQuote(String text, int from, String quote) {
        boolean escapes = quote.charAt(0) == '"';
        for (int at = from; at < text.length(); at++) {
            if (escapes && text.charAt(at) == '\\') {
                at++;
            } else if (text.startsWith(quote, at)) {
                return at;
            }
        }
        return -1;
    }

    /**
     * The parser's own words without its position report, which counts lines from the start of
     * the front matter and would contradict our file line.
     */
    private static String problemOf(JacksonException e) {
        if (e.getCause() instanceof org.yaml.snakeyaml.error.MarkedYAMLException yaml && yaml.getProblem() != null) {
            return yaml.getProblem();
        }
        String message = e.getOriginalMessage();
        if (message == null) {
            return "unreadable";
        }
        int cut = message.indexOf("\n at [Source");
        return (cut >= 0 ? message.substring(0, cut) : message).strip();
    }

    private static String describe(JsonNode node) {
        return switch (node.getNodeType()) {
            case ARRAY -> "a list";
            case STRING -> "a single string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            default -> node.getNodeType().name().toLowerCase();
        };
    }

    /** A line without its terminator; {@code end} is just past the terminator. */
    private record Line(int start, String content, int end) {
    }

    /** Lines ending in LF, CRLF or CR, so offsets in the original text stay exact. */
    private static List<Line> lines(String text) {
        List<Line> lines = new ArrayList<>();
        int start = 0;
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '\n' || c == '\r') {
                int contentEnd = i;
                i += c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n' ? 2 : 1;
                lines.add(new Line(start, text.substring(start, contentEnd), i));
                start = i;
            } else {
                i++;
            }
        }
        if (start < text.length()) {
            lines.add(new Line(start, text.substring(start), text.length()));
        }
        return lines;
    }
}
