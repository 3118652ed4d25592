package io.inkwell.author;

import java.util.Collection;
import java.util.Map;
import java.util.UUID;

/**
 * How many published posts name each author. The post feature owns published posts and
 * answers this (authors do not read its tables); an author with none is absent from the map.
 */
public interface AuthorPublications {

    Map<UUID, Long> publishedPostsByAuthor(Collection<UUID> authorIds);

    /** Every author with at least one published post. */
    Map<UUID, Long> publishedPostsByAuthor();
}
