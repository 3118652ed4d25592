package io.inkwell.common.web;

import io.inkwell.common.config.InkwellConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where things live for readers. Permalinks point at the frontend (INKWELL_PUBLIC_URL plus the
 * INKWELL_PERMALINK_* patterns); media and the API's own documents at this API
 * (INKWELL_API_URL, else the public URL). Without a public URL, permalinks are paths and media
 * URLs stay as stored ({@code /media/...}).
 *
 * <p>Never the request's Host: these URLs end up in cached answers that every client shares.
 */
@ApplicationScoped
public class PublicUrls {

    private static final Pattern DATE_TOKEN = Pattern.compile(":(year|month|day)");

    private final Optional<String> site;
    private final Optional<String> api;
    private final InkwellConfig.Permalink permalink;
    private final boolean postNeedsDate;

    public PublicUrls(InkwellConfig config) {
        this.site = config.publicUrl().map(PublicUrls::withoutTrailingSlash);
        this.api = config.apiUrl().map(PublicUrls::withoutTrailingSlash).or(() -> site);
        this.permalink = config.permalink();
        this.postNeedsDate = DATE_TOKEN.matcher(permalink.post()).find();
    }

    /** The frontend's base without a trailing slash, when INKWELL_PUBLIC_URL is set. */
    public Optional<String> site() {
        return site;
    }

    /** The site's home page, with its trailing slash. */
    public Optional<String> home() {
        return site.map(base -> base + "/");
    }

    /**
     * A post's permalink; null for a draft (no publishedAt) when the pattern needs its date, as
     * a preview of one has none yet.
     */
    public String post(String slug, OffsetDateTime publishedAt) {
        String path = permalink.post().replace(":slug", slug);
        if (!postNeedsDate) {
            return onSite(path);
        }
        if (publishedAt == null) {
            return null;
        }
        OffsetDateTime utc = publishedAt.withOffsetSameInstant(ZoneOffset.UTC);
        return onSite(path.replace(":year", zeroPadded(utc.getYear(), 4))
                .replace(":month", zeroPadded(utc.getMonthValue(), 2))
                .replace(":day", zeroPadded(utc.getDayOfMonth(), 2)));
    }

    /** Whether a post's permalink has its date in it (:year, :month, :day), so needs its publication time. */
    public boolean postNeedsDate() {
        return postNeedsDate;
    }

    /** Without String.format, which costs more than the rest of a permalink: this runs for every post of every list built. */
    private static String zeroPadded(int number, int digits) {
        String plain = Integer.toString(number);
        return plain.length() >= digits ? plain : "0".repeat(digits - plain.length()) + plain;
    }

    public String page(String slug) {
        return onSite(permalink.page().replace(":slug", slug));
    }

    /** A post's or a page's permalink, by its type ({@code post} or {@code page}). */
    public String postOfType(String type, String slug, OffsetDateTime publishedAt) {
        return "page".equals(type) ? page(slug) : post(slug, publishedAt);
    }

    public String tag(String slug) {
        return onSite(permalink.tag().replace(":slug", slug));
    }

    public String category(String slug) {
        return onSite(permalink.category().replace(":slug", slug));
    }

    public String author(String slug) {
        return onSite(permalink.author().replace(":slug", slug));
    }

    /** A path on this server (e.g. {@code /media/...}) made absolute when the API's address is known. */
    public String onApi(String path) {
        return api.isPresent() && isSitePath(path) ? api.get() + path : path;
    }

    /** A path of the frontend (e.g. a link in a post's body) made absolute when the site's address is known. */
    public String onSite(String path) {
        return site.isPresent() && isSitePath(path) ? site.get() + path : path;
    }

    /** Whether the API's absolute address is known, so that {@link #onApi} gives absolute URLs. */
    public boolean apiKnown() {
        return api.isPresent();
    }

    /** "/x" but not "//host/x", which browsers read as another host. */
    private static boolean isSitePath(String url) {
        return url != null && url.startsWith("/") && !url.startsWith("//") && !url.startsWith("/\\");
    }

    private static String withoutTrailingSlash(String base) {
        String stripped = base.strip();
        while (stripped.endsWith("/")) {
            stripped = stripped.substring(0, stripped.length() - 1);
        }
        return stripped;
    }
}
