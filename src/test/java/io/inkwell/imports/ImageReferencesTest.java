package io.inkwell.imports;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ImageReferencesTest {

    private static final Map<String, String> MEDIA = Map.of(
            "a.jpg", "/media/1.jpg",
            "img/with space.png", "/media/2.png",
            "/images/logo.png", "/media/3.png",
            "ref.gif", "/media/4.gif",
            "fig&1.jpg", "/media/5.jpg?v=1&w=2");

    @Test
    void rewritesEveryMarkdownAndHtmlForm() {
        String markdown = """
                ![Alt](a.jpg)
                ![Alt with [brackets]](a.jpg "Title")
                ![](<img/with space.png>)
                ![Logo][logo] and ![ref.gif]
                <img class="x" src="/images/logo.png" alt="">
                <figure><img src="fig&amp;1.jpg" alt=""></figure>

                [logo]: /images/logo.png "Logo"
                [ref.gif]: ref.gif
                [notanimage]: a.jpg
                """;

        ImageReferences.Rewrite rewrite = ImageReferences.rewrite(markdown, ref -> Optional.ofNullable(MEDIA.get(ref)));

        assertEquals("""
                ![Alt](/media/1.jpg)
                ![Alt with [brackets]](/media/1.jpg "Title")
                ![](</media/2.png>)
                ![Logo][logo] and ![ref.gif]
                <img class="x" src="/media/3.png" alt="">
                <figure><img src="/media/5.jpg?v=1&amp;w=2" alt=""></figure>

                [logo]: /media/3.png "Logo"
                [ref.gif]: /media/4.gif
                [notanimage]: a.jpg
                """, rewrite.markdown(), "a definition only links use is not an image");
        assertEquals(List.of(), rewrite.unresolved());
    }

    @Test
    void externalReferencesAreNeitherAskedForNorReported() {
        String markdown = "![a](http://e.com/a.jpg) ![b](https://e.com/b.jpg) ![c](//cdn.e.com/c.jpg) "
                + "![d](data:image/png;base64,AAAA) <img src=\"HTTPS://E.COM/x.png\">";
        List<String> asked = new ArrayList<>();

        ImageReferences.Rewrite rewrite = ImageReferences.rewrite(markdown, ref -> {
            asked.add(ref);
            return Optional.empty();
        });

        assertEquals(markdown, rewrite.markdown());
        assertEquals(List.of(), asked);
        assertEquals(List.of(), rewrite.unresolved());
    }

    @Test
    void unresolvedReferencesAreKeptAndReportedOnce() {
        String markdown = "![x](missing.png) ![y](missing.png) ![z](a.jpg)";

        ImageReferences.Rewrite rewrite = ImageReferences.rewrite(markdown, ref -> Optional.ofNullable(MEDIA.get(ref)));

        assertEquals("![x](missing.png) ![y](missing.png) ![z](/media/1.jpg)", rewrite.markdown());
        assertEquals(List.of("missing.png"), rewrite.unresolved());
    }

    @Test
    void resolverIsAskedOncePerDistinctReference() {
        List<String> asked = new ArrayList<>();

        ImageReferences.rewrite("![](a.jpg) ![](a.jpg) <img src=\"a.jpg\">", ref -> {
            asked.add(ref);
            return Optional.of("/m.jpg");
        });

        assertEquals(List.of("a.jpg"), asked);
    }

    @Test
    void codeIsLeftAlone() {
        String markdown = "`![x](a.jpg)`\n\n```html\n<img src=\"a.jpg\">\n![y](a.jpg)\n```\n";

        ImageReferences.Rewrite rewrite = ImageReferences.rewrite(markdown, ref -> Optional.of("/changed"));

        assertEquals(markdown, rewrite.markdown());
    }

    @Test
    void findListsLocalReferencesInOrder() {
        assertEquals(List.of("b.png", "a.jpg"),
                ImageReferences.find("![](b.png) ![](https://x/y.png) <img src='a.jpg'> ![](b.png)"));
    }

    @Test
    void malformedInputDoesNotTakeQuadraticTime() {
        String hostile = "<img src=".repeat(20_000) + "` x ``".repeat(20_000) + "![a](b".repeat(20_000);

        org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(5),
                () -> ImageReferences.rewrite(hostile, ref -> Optional.of("/m")));
    }

    @Test
    void replacementWithSpacesStaysOneDestination() {
        ImageReferences.Rewrite rewrite = ImageReferences.rewrite("![x](a.jpg)", ref -> Optional.of("/media/a b(1).jpg"));

        assertEquals("![x](/media/a%20b%281%29.jpg)", rewrite.markdown());
    }
}
