package io.inkwell.auth;

/**
 * What a token may do, named once: endpoints declare one with {@code @PermissionsAllowed}, and
 * {@link Role} grants them. Which post a contributor or an author may change is decided by the
 * post feature (their own ones only), on top of these.
 */
public final class Permissions {

    /** Read the Content API when keys are required (INKWELL_CONTENT_REQUIRE_KEY). */
    public static final String CONTENT_READ = "content:read";
    public static final String POSTS_READ = "posts:read";
    /** Create posts; edit, delete and preview the ones that list the token's author. */
    public static final String POSTS_WRITE = "posts:write";
    /** Publish, schedule and unpublish the posts one may write. */
    public static final String POSTS_PUBLISH = "posts:publish";
    /** Write and publish every post, not only one's own. */
    public static final String POSTS_ALL = "posts:all";
    /** Tags, categories and authors. */
    public static final String TAXONOMY_READ = "taxonomy:read";
    public static final String TAXONOMY_WRITE = "taxonomy:write";
    public static final String IMAGES_READ = "images:read";
    public static final String IMAGES_UPLOAD = "images:upload";
    /** Change the alt text of, or delete, any image. */
    public static final String IMAGES_WRITE = "images:write";
    public static final String IMPORT = "site:import";
    public static final String EXPORT = "site:export";
    public static final String TOKENS = "tokens:manage";
    public static final String ACTIVITY = "activity:read";
    public static final String WEBHOOKS = "webhooks:manage";
    /** Copy every image's bytes to another storage (database, filesystem, S3). */
    public static final String MEDIA_MIGRATE = "media:migrate";

    private Permissions() {
    }
}
