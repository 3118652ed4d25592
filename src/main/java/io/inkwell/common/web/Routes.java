package io.inkwell.common.web;

/** The address prefixes that security and CORS decide by, written once. */
public final class Routes {

    public static final String ADMIN = "/api/admin";
    public static final String CONTENT = "/api/content";
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

    private static boolean under(String path, String prefix) {
        return path.equals(prefix) || path.startsWith(prefix + "/");
    }
}
