package io.inkwell.common.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Inkwell's own settings; each can be set by an environment variable (INKWELL_...). */
@ConfigMapping(prefix = "inkwell")
public interface InkwellConfig {

    /**
     * INKWELL_DATA_DIR: the embedded database (when no external one is set) and the scratch
     * space of uploads; the launcher reads it too, before this configuration exists.
     */
    @WithDefault("data")
    String dataDir();

    /** INKWELL_ADMIN_TOKEN: installed as an admin token at start if it is not stored yet. */
    Optional<String> adminToken();

    /** Largest JSON body the API reads (INKWELL_MAX_JSON_BYTES). */
    @WithDefault("1048576")
    long maxJsonBytes();

    /**
     * How long the Content API caches a response before checking for changes by other instances;
     * ContentGeneration's @Scheduled reads it by name, so this is its only default.
     */
    @WithDefault("1s")
    Duration contentCacheCheckInterval();

    /**
     * Bytes of Content API responses kept in memory (INKWELL_CONTENT_CACHE_BYTES; 0 keeps none);
     * unset: a quarter of the heap ({@code ContentCache}).
     */
    Optional<@Min(0) Long> contentCacheBytes();

    ReadDatasource readDatasource();

    /**
     * INKWELL_READ_DATASOURCE_URL, _USERNAME, _PASSWORD: a read replica for the Content API
     * (README, "Read replicas"). application.properties hands them to the {@code read}
     * datasource, which stays inactive without a URL; they are declared here so a misspelled
     * one is refused at start instead of ignored.
     */
    interface ReadDatasource {
        Optional<String> url();

        Optional<String> username();

        Optional<String> password();
    }

    Writes writes();

    interface Writes {
        /**
         * Admin API writes (posts, tags, categories, authors, images, restores) running at once
         * (INKWELL_WRITES_MAX_CONCURRENT); the rest wait. Unset: half the processors, at least
         * one, so that readers keep the other half.
         */
        Optional<@Min(1) Integer> maxConcurrent();

        /** How long a write waits for its turn before a 503 (INKWELL_WRITES_SLOT_WAIT). */
        @WithDefault("30s")
        Duration slotWait();
    }

    /** Cache-Control of Content API answers, per route family (INKWELL_CACHE_CONTROL_*). */
    CacheControl cacheControl();

    interface CacheControl {
        /** Lists of posts, pages, tags, categories, authors (INKWELL_CACHE_CONTROL_LISTS). */
        @WithDefault("public, max-age=60, stale-while-revalidate=300")
        String lists();

        /** One post, page, tag, category or author (INKWELL_CACHE_CONTROL_ITEMS). */
        @WithDefault("public, max-age=60, stale-while-revalidate=300")
        String items();

        /** Feeds and the sitemap (INKWELL_CACHE_CONTROL_FEEDS). */
        @WithDefault("public, max-age=60, stale-while-revalidate=300")
        String feeds();

        /** Search results (INKWELL_CACHE_CONTROL_SEARCH). */
        @WithDefault("public, max-age=60, stale-while-revalidate=300")
        String search();

        /** The change feed: a build asks it for what changed, so a copy must not be old (INKWELL_CACHE_CONTROL_CHANGES). */
        @WithDefault("public, max-age=0, must-revalidate")
        String changes();
    }

    Images images();

    Health health();

    interface Health {
        /**
         * How long the database may stay unreachable before liveness fails and an orchestrator
         * should restart the server (INKWELL_HEALTH_DATABASE_GRACE).
         */
        @WithDefault("20s")
        Duration databaseGrace();
    }

    Imports imports();

    Preview preview();

    interface Preview {
        /**
         * INKWELL_PREVIEW_FRONTEND_URL: the frontend's address for a preview link, with
         * {@code {token}}, {@code {slug}} and {@code {type}} filled in, e.g.
         * {@code https://blog.example/api/draft?token={token}&slug={slug}} for Next.js draft mode.
         * Unset: preview links have no {@code frontendUrl}.
         */
        Optional<@Pattern(regexp = "https?://.*\\{token}.*", message = "Must be an http(s) URL containing \\{token\\}.")
                String> frontendUrl();
    }

    Cors cors();

    Auth auth();

    Revisions revisions();

    /** The history of each post's working copy (PostRevisions). */
    interface Revisions {
        /** Revisions every post keeps, newest first, whatever their age (INKWELL_REVISIONS_KEEP). */
        @WithDefault("50")
        @Min(1)
        int keep();

        /**
         * Days a revision that went live is kept beyond the newest {@link #keep()}, counted from
         * the last time it went live (INKWELL_REVISIONS_KEEP_PUBLISHED_DAYS).
         */
        @WithDefault("365")
        @Min(0)
        int keepPublishedDays();

        /**
         * Saves by one token within this time of a revision's first save update that revision
         * instead of adding one (INKWELL_REVISIONS_COALESCE_WINDOW).
         */
        @WithDefault("2m")
        Duration coalesceWindow();
    }

    Activity activity();

    Webhooks webhooks();

    interface Webhooks {
        /**
         * Whether webhooks may target loopback, private, link-local and metadata addresses
         * (INKWELL_WEBHOOKS_ALLOW_PRIVATE); off, since a webhook could otherwise reach into the
         * server's own network.
         */
        @WithDefault("false")
        boolean allowPrivate();

        /** The wait after a first failed attempt; it doubles each time, up to an hour (INKWELL_WEBHOOKS_RETRY_BASE). */
        @WithDefault("10s")
        Duration retryBase();

        /** How long a delivery is retried before it is marked failed (INKWELL_WEBHOOKS_GIVE_UP_AFTER). */
        @WithDefault("24h")
        Duration giveUpAfter();
    }

    interface Activity {
        /** How long the activity log keeps an entry (INKWELL_ACTIVITY_RETENTION). */
        @WithDefault("90d")
        Duration retention();
    }

    Search search();

    interface Search {
        /**
         * The PostgreSQL text search configuration (INKWELL_SEARCH_LANGUAGE: english, german,
         * simple...) that posts are indexed and searched in; checked at start.
         */
        @WithDefault("english")
        String language();

        /**
         * Searches that miss the cache running at once (INKWELL_SEARCH_MAX_CONCURRENT); the rest
         * wait their turn. Unset: one more than the processors, enough to keep them busy.
         */
        Optional<@Min(1) Integer> maxConcurrent();

        /** How long a search waits for its turn before a 503 (INKWELL_SEARCH_SLOT_WAIT). */
        @WithDefault("10s")
        Duration slotWait();
    }

    Changes changes();

    /** The change feed (GET /api/content/changes). */
    interface Changes {
        /**
         * How long a change stays in the feed (INKWELL_CHANGES_RETENTION); a cursor older than
         * that answers 410, and its client rebuilds in full.
         */
        @WithDefault("90d")
        Duration retention();
    }

    /**
     * INKWELL_PUBLIC_URL: the address readers visit, the frontend's (e.g. https://blog.example.com);
     * permalinks ({@code url} in the Content API, feeds, the sitemap) point there. Unset: {@code url}
     * is the permalink's path, and feeds and the sitemap answer 404.
     */
    Optional<@Pattern(regexp = PUBLIC_BASE, message = PUBLIC_BASE_RULE) String> publicUrl();

    /**
     * INKWELL_API_URL: where this API is reached from outside (e.g. https://api.blog.example.com),
     * the base of absolute {@code /media/...} URLs and of the sitemap index's sitemaps. Unset: the
     * public URL, as when a proxy serves the API and /media on the site's own origin.
     */
    Optional<@Pattern(regexp = PUBLIC_BASE, message = PUBLIC_BASE_RULE) String> apiUrl();

    String PUBLIC_BASE = "https?://[^/?#\\s]+(/[^?#\\s]*)?";
    String PUBLIC_BASE_RULE = "Must be an http(s) URL without query or fragment, e.g. https://blog.example.com.";

    Permalink permalink();

    /**
     * Paths of the frontend's pages, with {@code :slug} (and for posts {@code :year}, {@code :month},
     * {@code :day} of publishedAt, in UTC) filled in. The defaults are Hugo's for a site whose posts
     * live in content/posts.
     */
    interface Permalink {
        String RULE = "Must start with '/' and contain :slug.";

        /** INKWELL_PERMALINK_POST. */
        @WithDefault("/posts/:slug/")
        @Pattern(regexp = "/.*:slug.*", message = RULE)
        String post();

        /** INKWELL_PERMALINK_PAGE. */
        @WithDefault("/:slug/")
        @Pattern(regexp = "/.*:slug.*", message = RULE)
        String page();

        /** INKWELL_PERMALINK_TAG. */
        @WithDefault("/tags/:slug/")
        @Pattern(regexp = "/.*:slug.*", message = RULE)
        String tag();

        /** INKWELL_PERMALINK_CATEGORY. */
        @WithDefault("/categories/:slug/")
        @Pattern(regexp = "/.*:slug.*", message = RULE)
        String category();

        /** INKWELL_PERMALINK_AUTHOR. */
        @WithDefault("/authors/:slug/")
        @Pattern(regexp = "/.*:slug.*", message = RULE)
        String author();
    }

    Feeds feeds();

    interface Feeds {
        /** Newest posts an RSS, Atom or JSON feed carries (INKWELL_FEEDS_SIZE). */
        @WithDefault("20")
        @Min(1)
        @Max(100)
        int size();

        /** The feeds' title (INKWELL_FEEDS_TITLE); unset: the host name of INKWELL_PUBLIC_URL. */
        Optional<String> title();
    }

    Sitemap sitemap();

    interface Sitemap {
        /**
         * URLs one sitemap lists (INKWELL_SITEMAP_MAX_URLS); past it, sitemap.xml becomes an index
         * of numbered sitemaps. 50,000 is the protocol's limit; tests lower it.
         */
        @WithDefault("50000")
        @Min(1)
        @Max(50000)
        int maxUrls();
    }

    Content content();

    interface Content {
        /**
         * Whether the Content API needs a key (INKWELL_CONTENT_REQUIRE_KEY): a token of role
         * {@code content} (or any staff token). Off by default: a blog's published content is public.
         */
        @WithDefault("false")
        boolean requireKey();
    }

    /** Brakes on guessing tokens. */
    interface Auth {
        /**
         * Bad tokens one client address may send within {@link #failureWindow()} before every
         * token it sends is answered 429 until the window ends (INKWELL_AUTH_MAX_FAILURES).
         */
        @WithDefault("10")
        int maxFailures();

        /** INKWELL_AUTH_FAILURE_WINDOW. */
        @WithDefault("60s")
        Duration failureWindow();
    }

    /** Which browser origins may call the API from their pages. */
    interface Cors {
        /**
         * Origins allowed to read the Content API and /media (INKWELL_CORS_CONTENT_ORIGINS,
         * comma-separated); {@code *}, the default, is any origin. Never with credentials.
         */
        @WithDefault("*")
        List<String> contentOrigins();

        /**
         * Origins allowed to call the Admin API with a token (INKWELL_CORS_ADMIN_ORIGINS,
         * comma-separated, exact {@code scheme://host[:port]}); none by default.
         */
        Optional<List<String>> adminOrigins();
    }

    interface Imports {
        /** Most files one archive may hold (INKWELL_IMPORTS_MAX_ENTRIES). */
        @WithDefault("5000")
        int maxEntries();

        /** Largest single file in an archive, unpacked (INKWELL_IMPORTS_MAX_ENTRY_BYTES). */
        @WithDefault("67108864")
        long maxEntryBytes();

        /** Most bytes one upload may unpack to (INKWELL_IMPORTS_MAX_TOTAL_BYTES). */
        @WithDefault("2147483648")
        long maxTotalBytes();

        /** Highest unpacked/packed ratio of an archive entry before it counts as a zip bomb. */
        @WithDefault("200")
        int maxCompressionRatio();
    }

    interface Images {
        /** Largest upload (INKWELL_IMAGES_MAX_BYTES); larger ones get 413 before they are read. */
        @WithDefault("26214400")
        long maxBytes();

        /** Largest width x height (INKWELL_IMAGES_MAX_PIXELS), checked from the header before decoding. */
        @WithDefault("60000000")
        long maxPixels();

        /** The widths frontends may ask for with ?w= (INKWELL_IMAGES_VARIANT_WIDTHS). */
        @WithDefault("320,640,960,1280,1920")
        List<Integer> variantWidths();

        /** Where image bytes live: database (default), filesystem or s3 (INKWELL_IMAGES_STORAGE). */
        @WithDefault("database")
        String storage();

        /** Directory of the filesystem storage (INKWELL_IMAGES_STORAGE_DIR). */
        @WithDefault("data/media")
        String storageDir();

        /** Bytes of media kept in memory for delivery (INKWELL_IMAGES_MEMORY_CACHE_BYTES). */
        @WithDefault("67108864")
        long memoryCacheBytes();

        /** Images decoded at the same time; each can take 4 bytes a pixel of heap. */
        @WithDefault("1")
        int concurrentDecodes();

        /** The bucket of INKWELL_IMAGES_STORAGE=s3 (INKWELL_IMAGES_S3_...); credentials come from the AWS default chain. */
        S3 s3();

        /**
         * INKWELL_IMAGES_PUBLIC_BASE_URL: with s3, /media redirects to this address plus the
         * object's key (prefix included), where the bucket or a CDN in front of it serves it.
         */
        Optional<String> publicBaseUrl();
    }

    interface S3 {
        /** INKWELL_IMAGES_S3_BUCKET: required for s3. */
        Optional<String> bucket();

        /** INKWELL_IMAGES_S3_PREFIX: put before every key, e.g. {@code blog/} (a missing final slash is added). */
        Optional<String> prefix();

        /** INKWELL_IMAGES_S3_ENDPOINT: an S3-compatible server's address; unset for AWS. */
        Optional<String> endpoint();

        /** INKWELL_IMAGES_S3_REGION: unset, the AWS default (AWS_REGION), else us-east-1 with an endpoint. */
        Optional<String> region();

        /** INKWELL_IMAGES_S3_PATH_STYLE: address the bucket in the path (most S3-compatible servers), not the host name. */
        @WithDefault("false")
        boolean pathStyle();
    }
}
