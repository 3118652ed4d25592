package io.inkwell.feed;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * A JSON Feed 1.1 document (https://www.jsonfeed.org/version/1.1/); absent fields are left out,
 * but {@code items} is always there, empty or not, as the format requires.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record JsonFeed(
        String version,
        String title,
        @JsonProperty("home_page_url") String homePageUrl,
        @JsonProperty("feed_url") String feedUrl,
        String description,
        List<Author> authors,
        List<Item> items) {

    static final String VERSION = "https://jsonfeed.org/version/1.1";

    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    record Author(String name, String url) {
    }

    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    record Item(
            String id,
            String url,
            String title,
            @JsonProperty("content_html") String contentHtml,
            String summary,
            String image,
            @JsonProperty("date_published") OffsetDateTime datePublished,
            @JsonProperty("date_modified") OffsetDateTime dateModified,
            List<Author> authors,
            List<String> tags) {
    }
}
