package io.inkwell.imports;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.regex.Pattern;

/**
 * A Markdown source file split into front matter and body, before any Hugo or Jekyll meaning
 * is given to the keys.
 *
 * @param path          the file's path, used in messages
 * @param format        how the front matter was written
 * @param frontMatter   the front-matter text exactly as in the file, without its delimiters
 * @param fields        the parsed front matter, keys in file order; dates stay strings
 * @param frontMatterStartLine 1-based line of the file where the front-matter text begins (the
 *                      {@code {} line for JSON, the line after the opening delimiter otherwise;
 *                      blank lines before the front matter count)
 * @param body          everything after the closing delimiter, exactly as in the file
 * @param bodyStartLine 1-based line of the file on which {@code body} begins
 */
public record SourceDocument(String path, FrontMatterFormat format, String frontMatter, ObjectNode fields,
        int frontMatterStartLine, String body, int bodyStartLine) {

    /**
     * The file line on which a top-level key is written, so that a bad value can be pointed at;
     * null when it cannot be found (for instance a key inside a TOML table).
     */
    public Integer lineOf(String key) {
        if (format == FrontMatterFormat.NONE) {
            return null;
        }
        Pattern keyLine = Pattern.compile("^\\s*[\"']?" + Pattern.quote(key) + "[\"']?\\s*[=:]",
                Pattern.CASE_INSENSITIVE);
        String[] lines = frontMatter.split("\r?\n|\r", -1);
        for (int i = 0; i < lines.length; i++) {
            if (keyLine.matcher(lines[i]).find()) {
                return frontMatterStartLine() + i;
            }
        }
        return null;
    }
}
