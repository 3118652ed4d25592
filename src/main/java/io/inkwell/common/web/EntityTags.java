package io.inkwell.common.web;

/** How an {@code If-None-Match} header is read, for every answer that has an ETag. */
public final class EntityTags {

    private static final String ANY_TAG = "*";
    private static final String WEAK_PREFIX = "W/";

    private EntityTags() {
    }

    /**
     * Whether one If-None-Match value (a list of tags, or {@code *}) names this tag, compared
     * weakly (RFC 9110, 8.8.3.2): {@code "x"} and {@code W/"x"} are the same tag.
     */
    public static boolean noneMatchNames(String ifNoneMatch, String tag) {
        if (ifNoneMatch == null) {
            return false;
        }
        String opaque = tag.startsWith(WEAK_PREFIX) ? tag.substring(WEAK_PREFIX.length()) : tag;
        for (String listed : ifNoneMatch.split(",")) {
            String candidate = listed.strip();
            if (candidate.equals(ANY_TAG)) {
                return true;
            }
            if (candidate.startsWith(WEAK_PREFIX)) {
                candidate = candidate.substring(WEAK_PREFIX.length());
            }
            if (candidate.equals(opaque)) {
                return true;
            }
        }
        return false;
    }
}
