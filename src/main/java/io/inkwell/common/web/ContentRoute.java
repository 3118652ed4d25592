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

    /**
     * Whether an answer enters the content cache only when its key is asked for a second time
     * lately ({@link FirstAsks}). Search: most questions typed into a search box are asked once,
     * so keeping each answer would fill the cache with answers nobody reads again and keep them
     * alive into the old generation (with 8 clients asking new questions, a full collection of
     * 120-180 ms every 10 seconds); a popular question is kept from its second ask.
     */
    boolean cachedFromSecondAsk() {
        return this == SEARCH;
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
