package io.inkwell.common.web;

/** The address prefixes that security and CORS decide by, written once. */
public final class Routes {

    public static final String ADMIN = "/api/admin";
    public static final String CONTENT = "/api/content";
    public static final String CONTENT_PREVIEW = CONTENT + "/preview";
    public static final String CONTENT_CHANGES = CONTENT + "/changes";
    public static final String MEDIA = "/media";

    private Routes() {
    }

    public static boolean isAdmin(String path) {
        return under(path, ADMIN);
    }

    public static boolean isContent(String path) {
        return under(path, CONTENT);
    }

    /** The public reads: the Content API and image delivery. */
    public static boolean isPublicRead(String path) {
        return under(path, CONTENT) || under(path, MEDIA);
    }

    /**
     * The reads a read replica may answer: the Content API, except previews, which show an
     * editor's latest save, and the change feed, whose cursors are the primary's transaction
     * ids (a logical replica numbers its own). Media stays on the primary too: an upload's
     * address is fetched right after the upload answers.
     */
    public static boolean readsFromReplica(String path) {
        return under(path, CONTENT) && !under(path, CONTENT_PREVIEW) && !under(path, CONTENT_CHANGES);
    }

    private static boolean under(String path, String prefix) {
        return path.equals(prefix) || path.startsWith(prefix + "/");
    }
}
