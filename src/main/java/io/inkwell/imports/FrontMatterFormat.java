package io.inkwell.imports;

/** How a Markdown file's front matter is written: Hugo accepts all three, Jekyll only YAML. */
public enum FrontMatterFormat {
    /** Between {@code +++} lines. */
    TOML,
    /** Between {@code ---} lines. */
    YAML,
    /** An object that opens the file with {@code {}. */
    JSON,
    /** The file is all body. */
    NONE
}
