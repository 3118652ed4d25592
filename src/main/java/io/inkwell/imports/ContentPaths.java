package io.inkwell.imports;

import io.inkwell.post.PostType;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Where Hugo and Jekyll keep posts and pages. Paths are site paths: relative to the site root,
 * '/'-separated, without the archive's wrapping folder (see {@link SiteLayout}).
 */
public final class ContentPaths {

    private static final List<String> POST_FOLDERS =
            List.of("content/post/", "content/posts/", "content/blog/", "_posts/", "_drafts/");
    static final List<String> MARKDOWN_EXTENSIONS = List.of(".md", ".markdown", ".mdown", ".mkd");
    // Repository files that sit next to a Jekyll site's pages but are not pages.
    private static final List<String> REPOSITORY_FILES =
            List.of("readme", "license", "licence", "changelog", "contributing", "code_of_conduct", "security");

    private ContentPaths() {
    }

    /** A Markdown file becomes a post or a page, or is skipped for the reason given. */
    public record Classification(Optional<PostType> kind, String skipReason) {

        static Classification of(PostType kind) {
            return new Classification(Optional.of(kind), null);
        }

        static Classification skipped(String reason) {
            return new Classification(Optional.empty(), reason);
        }

        public boolean isSkipped() {
            return kind.isEmpty();
        }
    }

    public static boolean isMarkdown(String path) {
        String lower = path.toLowerCase(Locale.ROOT);
        return MARKDOWN_EXTENSIONS.stream().anyMatch(lower::endsWith);
    }

    /** Jekyll keeps unpublished posts in {@code _drafts/}. */
    public static boolean isDraftFolder(String sitePath) {
        return sitePath.startsWith("_drafts/");
    }

    public static Classification classify(String sitePath) {
        if (!isMarkdown(sitePath)) {
            return Classification.skipped("not a Markdown file");
        }
        String fileName = fileName(sitePath);
        String baseName = withoutExtension(fileName).toLowerCase(Locale.ROOT);
        if (baseName.equals("_index")) {
            return Classification.skipped("Hugo section list page (_index), which has no content of its own");
        }
        boolean inPostFolder = POST_FOLDERS.stream().anyMatch(sitePath::startsWith);
        if (inPostFolder) {
            return Classification.of(PostType.POST);
        }
        if (sitePath.startsWith("content/")) {
            if (baseName.equals("index") && sitePath.indexOf('/') == sitePath.lastIndexOf('/')) {
                return Classification.skipped("the site's home page");
            }
            return Classification.of(PostType.PAGE);
        }
        if (!sitePath.contains("/")) {
            if (REPOSITORY_FILES.contains(baseName)) {
                return Classification.skipped("repository file, not a page");
            }
            if (baseName.equals("index")) {
                return Classification.skipped("the site's home page");
            }
            return Classification.of(PostType.PAGE);
        }
        return Classification.skipped("outside the folders that hold posts and pages");
    }

    static String fileName(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    static String withoutExtension(String fileName) {
        int dot = fileName.lastIndexOf('.');
        return dot > 0 ? fileName.substring(0, dot) : fileName;
    }

    /** The folder part of a path with its trailing '/', or "" at the root. */
    static String folderOf(String path) {
        return path.substring(0, path.lastIndexOf('/') + 1);
    }
}
