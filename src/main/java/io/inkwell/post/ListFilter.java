package io.inkwell.post;

import java.util.Locale;

/**
 * The tag, category and author (by slug, lower-case; null for none) that a list of live posts
 * or a search is narrowed to, as the query parameters {@code tag}, {@code category} and
 * {@code author} give them.
 */
record ListFilter(String tag, String category, String author) {

    static ListFilter of(String tag, String category, String author) {
        return new ListFilter(slug(tag), slug(category), slug(author));
    }

    /** The part of a cache key that tells filtered lists apart. */
    String cacheKey() {
        return "&t=" + tag + "&c=" + category + "&a=" + author;
    }

    private static String slug(String value) {
        return value == null || value.isBlank() ? null : value.strip().toLowerCase(Locale.ROOT);
    }
}
