package io.inkwell.image;

import io.inkwell.common.config.InkwellConfig;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.URI;
import java.util.Locale;
import java.util.Optional;

/**
 * Where the public copy of a stored object is, when INKWELL_IMAGES_PUBLIC_BASE_URL is set (a
 * public bucket, or a CDN in front of it): /media then redirects there instead of sending the
 * bytes itself. Only with S3 storage, whose object keys are the URL's path.
 */
@ApplicationScoped
class MediaRedirects {

    private final Optional<String> base;

    MediaRedirects(InkwellConfig config, MediaObjectStores stores) {
        this.base = config.images().publicBaseUrl().map(String::strip).filter(url -> !url.isEmpty())
                .map(url -> baseOf(url, config, stores));
    }

    void checkAtStart(@Observes StartupEvent started) {
        // The constructor refuses a bad setting; observing the start makes it run then, not at
        // the first image.
        enabled();
    }

    boolean enabled() {
        return base.isPresent();
    }

    /** The public address of the object with this storage key, when redirects are on. */
    Optional<URI> locationOf(String key) {
        return base.map(url -> URI.create(url + key));
    }

    private static String baseOf(String url, InkwellConfig config, MediaObjectStores stores) {
        if (stores.configured() != MediaObjectStores.Kind.S3) {
            throw new IllegalStateException("INKWELL_IMAGES_PUBLIC_BASE_URL needs INKWELL_IMAGES_STORAGE=s3: "
                    + "the address names objects by their keys in the bucket.");
        }
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            uri = null;
        }
        String scheme = uri == null || uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null || uri.getQuery() != null) {
            throw new IllegalStateException("INKWELL_IMAGES_PUBLIC_BASE_URL must be an http(s) address such as "
                    + "https://media.example.com/, not '" + url + "'.");
        }
        String prefix = S3ObjectStore.Settings.from(config.images().s3()).prefix();
        return (url.endsWith("/") ? url : url + "/") + prefix;
    }
}
