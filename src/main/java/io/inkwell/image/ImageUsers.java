package io.inkwell.image;

import java.util.Collection;
import java.util.Map;
import java.util.UUID;

/** Names the posts that use an image, for the answer that refuses to delete it. The post feature answers. */
public interface ImageUsers {

    /** Post titles by id, for those of these posts that exist. */
    Map<UUID, String> titles(Collection<UUID> postIds);
}
