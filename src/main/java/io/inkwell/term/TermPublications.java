package io.inkwell.term;

import java.util.Collection;
import java.util.Map;
import java.util.UUID;

/**
 * How many published posts carry each tag or category. The post feature owns published posts
 * and answers this (terms do not read its tables); a term with none is absent from the map.
 */
public interface TermPublications {

    Map<UUID, Long> publishedPostsByTerm(Collection<UUID> termIds);

    /** Every term with at least one published post. */
    Map<UUID, Long> publishedPostsByTerm();
}
