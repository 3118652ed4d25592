package io.inkwell.support;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/**
 * A server that knows its public addresses: the site (frontend) and the API on separate hosts,
 * the site's origin the only one that may read the Content API, a dated post permalink, short
 * feeds and small sitemaps, so that tests reach every branch with little data. One profile for
 * all such tests: each profile restarts Quarkus.
 */
public class PublicUrlProfile implements QuarkusTestProfile {

    public static final String SITE = "https://blog.example";
    public static final String API = "https://api.blog.example";
    public static final int FEED_SIZE = 5;
    public static final int SITEMAP_MAX_URLS = 10;

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "inkwell.public-url", SITE + "/",
                "inkwell.api-url", API,
                "inkwell.cors.content-origins", SITE,
                "inkwell.permalink.post", "/:year/:month/:day/:slug/",
                "inkwell.feeds.title", "Example Blog",
                "inkwell.feeds.size", String.valueOf(FEED_SIZE),
                "inkwell.sitemap.max-urls", String.valueOf(SITEMAP_MAX_URLS));
    }
}
