package io.inkwell.common.web;

import java.util.List;
import java.util.UUID;

/**
 * The surrogate keys of public content: what a cached Content API response was built from, sent
 * as {@code Surrogate-Key} and {@code Cache-Tag} so a CDN can purge by them, and what a write
 * names as changed. One vocabulary for the instance's cache, CDNs and webhook receivers.
 *
 * <ul>
 * <li>{@code post-<id>}: one post's or page's own answer;</li>
 * <li>{@code posts}, {@code pages}: every list of them (and feeds, search, the sitemap);</li>
 * <li>{@code term-<id>} (a tag or category), {@code author-<id>}: its own answer and every post
 * that shows its name;</li>
 * <li>{@code tags}, {@code categories}, {@code authors}: their lists and post counts;</li>
 * <li>{@code search}: search results (which also carry {@code posts} and {@code pages});</li>
 * <li>{@code changes}: the change feed's pages;</li>
 * <li>{@code media}: images served from /media.</li>
 * </ul>
 */
public final class ContentKeys {

    public static final String TAGS = "tags";
    public static final String CATEGORIES = "categories";
    public static final String AUTHORS = "authors";
    public static final String MEDIA = "media";
    /** Pages of the change feed: final once read, until pruning moves its horizon. */
    public static final String CHANGES = "changes";
    /** Search results, beyond the lists they follow: the index itself was rebuilt. */
    public static final String SEARCH = "search";

    private ContentKeys() {
    }

    public static String post(UUID id) {
        return "post-" + id;
    }

    /** {@code posts} or {@code pages}: every list of posts of this type ("post", "page"). */
    public static String listOf(String type) {
        return type + "s";
    }

    public static String author(UUID id) {
        return "author-" + id;
    }

    /** A tag or category: term ids are unique across taxonomies. */
    public static String term(UUID id) {
        return "term-" + id;
    }

    /** {@code tags} or {@code categories}, by the taxonomy's name. */
    public static String terms(String taxonomy) {
        return "tag".equals(taxonomy) ? TAGS : CATEGORIES;
    }

    /**
     * What a post going live, changing live or going offline touches: its own answer, every
     * list of its type, and the post counts of tags, categories and authors.
     */
    public static List<String> ofPostChange(UUID id, String type) {
        return List.of(post(id), listOf(type), TAGS, CATEGORIES, AUTHORS);
    }

    /** What a tag or category changing (renamed, described, deleted) touches; its posts follow on their own. */
    public static List<String> ofTermChange(UUID id, String taxonomy) {
        return List.of(term(id), terms(taxonomy));
    }

    /** What an author changing (renamed, new bio, deleted) touches; its posts follow on their own. */
    public static List<String> ofAuthorChange(UUID id) {
        return List.of(author(id), AUTHORS);
    }
}
