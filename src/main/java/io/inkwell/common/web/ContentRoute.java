package io.inkwell.common.web;

import io.inkwell.common.config.InkwellConfig;

/** The Content API's route families, each with its own Cache-Control (INKWELL_CACHE_CONTROL_*). */
public enum ContentRoute {
    /** Lists of posts, pages, tags, categories and authors. */
    LIST,
    /** One post, page, tag, category or author. */
    ITEM,
    /** RSS, Atom and JSON feeds, and the sitemap. */
    FEED,
    /** Search results. */
    SEARCH,
    /** The change feed. */
    CHANGES;

    /** Whether the answer follows from the request's address alone (the change feed's also depends on the watermark). */
    boolean keyedByAddressAlone() {
        return this != CHANGES;
    }

    String cacheControl(InkwellConfig.CacheControl config) {
        return switch (this) {
            case LIST -> config.lists();
            case ITEM -> config.items();
            case FEED -> config.feeds();
            case SEARCH -> config.search();
            case CHANGES -> config.changes();
        };
    }
}
