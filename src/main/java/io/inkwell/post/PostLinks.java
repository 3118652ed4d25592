package io.inkwell.post;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.inkwell.common.web.HtmlLinks;
import io.inkwell.common.web.Json;
import io.inkwell.common.web.PublicUrls;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.function.UnaryOperator;

/**
 * Adds the addresses of a post's JSON when it is sent, not when it is published: {@code url}
 * for the post and each of its authors, tags and categories, and absolute media URLs (feature
 * image, its variants, images in the body). Snapshots stay free of addresses, so changing
 * INKWELL_PUBLIC_URL or a permalink pattern never leaves stale ones behind; the cost is one
 * parse per cache miss.
 */
@ApplicationScoped
class PostLinks {

    /*
     * About 3,000 list entries (each some 700 characters as stored and 900 as sent): 5 to 10 MB,
     * as their text is Latin-1 or not (a curly quote in a title makes it two bytes a character).
     */
    private static final long SUMMARIES_CHARS = 5L * 1024 * 1024;

    private final PublicUrls urls;
    private final Json json;
    /*
     * A list entry as sent, by its stored JSON: its addresses depend on nothing else (the
     * settings are fixed while the server runs). Search answers and the list pages rebuilt after
     * a write send the same entries again and again, and adding the addresses (a parse and a
     * write) was a fifth of the JVM's time in a search. An entry edited since is stored anew, so
     * it is another key; the old one ages out.
     */
    private final Cache<String, String> summaries = Caffeine.newBuilder().maximumWeight(SUMMARIES_CHARS)
            .weigher((String stored, String sent) -> stored.length() + sent.length()).build();

    PostLinks(PublicUrls urls, Json json) {
        this.urls = urls;
        this.json = json;
    }

    /** A list entry (a post's summary) as stored, with its addresses. */
    String summaryWithAddresses(String storedJson) {
        return summaries.get(storedJson, this::addTo);
    }

    /** A post or a list entry as stored, with its addresses. */
    String addTo(String storedJson) {
        ObjectNode post = json.storedObject(storedJson);
        addTo(post);
        return json.writeTree(post);
    }

    void addTo(ObjectNode post) {
        OffsetDateTime publishedAt = urls.postNeedsDate() && post.hasNonNull("publishedAt")
                ? OffsetDateTime.parse(post.get("publishedAt").asText()) : null;
        post.put("url", urls.postOfType(post.path("type").asText(), post.path("slug").asText(), publishedAt));
        addUrls(post.path("authors"), urls::author);
        addUrls(post.path("tags"), urls::tag);
        addUrls(post.path("categories"), urls::category);
        if (post.path("featureImage").isObject()) {
            ObjectNode image = (ObjectNode) post.get("featureImage");
            absoluteMedia(image);
            for (JsonNode variant : image.path("variants")) {
                absoluteMedia((ObjectNode) variant);
            }
        }
        if (urls.apiKnown() && post.path("html").isTextual()) {
            post.put("html", HtmlLinks.rewrite(post.get("html").asText(), this::mediaOnApi));
        }
    }

    /** Media the body links to lives on this API; other links stay as the author wrote them. */
    private String mediaOnApi(String url) {
        return url.startsWith("/media/") ? urls.onApi(url) : url;
    }

    /** An image's URL: ours under /media on the API, any other path on the site (an imported theme's file). */
    private void absoluteMedia(ObjectNode node) {
        if (node.path("url").isTextual()) {
            String url = node.get("url").asText();
            node.put("url", url.startsWith("/media/") ? urls.onApi(url) : urls.onSite(url));
        }
    }

    private static void addUrls(JsonNode refs, UnaryOperator<String> permalink) {
        for (JsonNode ref : refs) {
            ((ObjectNode) ref).put("url", permalink.apply(ref.path("slug").asText()));
        }
    }
}
