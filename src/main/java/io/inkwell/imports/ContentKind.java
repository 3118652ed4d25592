package io.inkwell.imports;

import java.util.Locale;

/** What an imported Markdown file becomes: a dated blog post or a standalone page. */
public enum ContentKind {
    POST, PAGE;

    /** "post" or "page", the values the post API uses for its type. */
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }
}
