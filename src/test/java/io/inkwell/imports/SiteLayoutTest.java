package io.inkwell.imports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SiteLayoutTest {

    private final SiteLayout hugo = SiteLayout.of(List.of(
            "blog-main/config.toml",
            "blog-main/content/post/my-post/index.md",
            "blog-main/content/post/my-post/cover.jpg",
            "blog-main/content/post/my-post/gallery/one photo.png",
            "blog-main/content/post/plain.md",
            "blog-main/content/figures/diagram.svg",
            "blog-main/static/images/2017/02/pycon.jpg",
            "blog-main/static/images/a+b.png",
            "blog-main/README.md",
            "__MACOSX/blog-main/._config.toml"));

    @Test
    void stripsTheWrappingFolderButNotASiteFolder() {
        assertEquals("blog-main/", hugo.root());
        assertTrue(hugo.sitePaths().contains("content/post/my-post/index.md"));
        assertFalse(hugo.sitePaths().stream().anyMatch(path -> path.contains("__MACOSX")));

        SiteLayout contentOnly = SiteLayout.of(List.of("content/post/a.md", "content/about.md"));
        assertEquals("", contentOnly.root());

        SiteLayout flat = SiteLayout.of(List.of("about.md", "_posts/2017-01-01-a.md"));
        assertEquals("", flat.root());
    }

    @Test
    void listsTheMarkdownFiles() {
        assertEquals(List.of("content/post/my-post/index.md", "content/post/plain.md", "README.md"),
                hugo.markdownFiles());
    }

    @Test
    void resolvesRelativeReferencesInABundle() {
        String post = "content/post/my-post/index.md";

        assertEquals(Optional.of("blog-main/content/post/my-post/cover.jpg"), hugo.resolveImage(post, "cover.jpg"));
        assertEquals(Optional.of("blog-main/content/post/my-post/cover.jpg"), hugo.resolveImage(post, "./cover.jpg?w=300#top"));
        assertEquals(Optional.of("blog-main/content/post/my-post/gallery/one photo.png"),
                hugo.resolveImage(post, "gallery/one%20photo.png"));
        assertEquals(Optional.of("blog-main/content/figures/diagram.svg"), hugo.resolveImage(post, "../../figures/diagram.svg"));
    }

    @Test
    void resolvesSiteAbsoluteReferencesThroughStaticAndJekyllFolders() {
        assertEquals(Optional.of("blog-main/static/images/2017/02/pycon.jpg"),
                hugo.resolveImage("content/post/plain.md", "/images/2017/02/pycon.jpg"));
        assertEquals(Optional.of("blog-main/static/images/a+b.png"), hugo.resolveImage("content/post/plain.md", "/images/a+b.png"));

        SiteLayout jekyll = SiteLayout.of(List.of("_posts/2017-01-01-a.md", "images/x.jpg", "assets/img/y.jpg"));
        assertEquals(Optional.of("images/x.jpg"), jekyll.resolveImage("_posts/2017-01-01-a.md", "/images/x.jpg"));
        assertEquals(Optional.of("assets/img/y.jpg"), jekyll.resolveImage("_posts/2017-01-01-a.md", "/assets/img/y.jpg"));
        assertEquals(Optional.of("assets/img/y.jpg"), jekyll.resolveImage("_posts/2017-01-01-a.md", "/img/y.jpg"));
    }

    @Test
    void neverEscapesTheSiteAndIgnoresExternalOrMissingFiles() {
        String post = "content/post/my-post/index.md";

        assertEquals(Optional.empty(), hugo.resolveImage(post, "../../../../config.toml"));
        assertEquals(Optional.empty(), hugo.resolveImage(post, "../../../../../etc/passwd"));
        assertEquals(Optional.empty(), hugo.resolveImage(post, "/../../etc/passwd"));
        assertEquals(Optional.empty(), hugo.resolveImage(post, "https://example.com/cover.jpg"));
        assertEquals(Optional.empty(), hugo.resolveImage(post, "missing.jpg"));
        assertEquals(Optional.empty(), hugo.resolveImage(post, ""));
    }

    @Test
    void percentDecodingIsUtf8AndKeepsPlusAndBadEscapes() {
        assertEquals("café au lait+1.jpg", SiteLayout.percentDecode("caf%C3%A9%20au%20lait+1.jpg"));
        assertEquals("100%.jpg", SiteLayout.percentDecode("100%.jpg"));
        assertEquals("a%zz😀", SiteLayout.percentDecode("a%zz😀"));
    }
}
