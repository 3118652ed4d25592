package io.inkwell.feed;

import jakarta.ws.rs.core.MediaType;
import java.util.Arrays;
import java.util.Optional;

/** The feed formats, by the file name that ends a feed's address. */
enum FeedFormat {
    RSS("rss.xml", new MediaType("application", "rss+xml"), "rss_2.0"),
    ATOM("atom.xml", new MediaType("application", "atom+xml"), "atom_1.0"),
    JSON("feed.json", new MediaType("application", "feed+json"), null);

    static final String NAMES = "rss.xml, atom.xml or feed.json";

    final String fileName;
    final MediaType mediaType;
    /** ROME's name of the format; null for JSON Feed, which ROME does not write. */
    final String romeType;

    FeedFormat(String fileName, MediaType mediaType, String romeType) {
        this.fileName = fileName;
        this.mediaType = mediaType;
        this.romeType = romeType;
    }

    static Optional<FeedFormat> ofFileName(String name) {
        return Arrays.stream(values()).filter(format -> format.fileName.equals(name)).findFirst();
    }
}
