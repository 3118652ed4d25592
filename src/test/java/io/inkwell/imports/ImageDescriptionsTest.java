package io.inkwell.imports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ImageDescriptionsTest {

    @Test
    void whatIsWrittenReadsBackTheSame() {
        Map<String, ImageDescriptions.Description> written = Map.of(
                "content/posts/a/x.png", new ImageDescriptions.Description("Alt \"q\" \\ ü\nline", null),
                "static/images/y.jpg", new ImageDescriptions.Description(null, "Caption"),
                "z.gif", new ImageDescriptions.Description("A", "C"));

        assertEquals(written, ImageDescriptions.read(ImageDescriptions.write(written)));
    }

    @Test
    void blankTextLeavesTheImagesOwnAndNullIsLeftOut() {
        Map<String, ImageDescriptions.Description> read = ImageDescriptions.read(bytes(
                "{\"a.png\": {\"alt\": \"  \", \"caption\": null}, \"b.png\": {}}"));

        assertEquals(new ImageDescriptions.Description(null, null), read.get("a.png"));
        assertTrue(read.get("b.png").isEmpty());
    }

    @Test
    void aFileThatIsNotOneJsonObjectFails() {
        for (String text : new String[] {"{} {}", "{\"a.png\": {\"alt\": \"x\"}, \"a.png\": {}}", "[]", "", "{\"a.png\": "}) {
            ImportFileException e = assertThrows(ImportFileException.class, () -> ImageDescriptions.read(bytes(text)), text);
            assertEquals(ImageDescriptions.PATH, e.path());
        }
    }

    @Test
    void textPostgreSqlCannotStoreIsRefused() {
        ImportFileException nul = assertThrows(ImportFileException.class,
                () -> ImageDescriptions.read(bytes("{\"a.png\": {\"alt\": \"A\\u0000B\", \"caption\": \"C\\ud800D\"}}")));
        assertTrue(nul.detail().contains("a.png: alt: Contains a NUL character"), nul.detail());
        assertTrue(nul.detail().contains("a.png: caption: Contains half of a UTF-16 surrogate pair"), nul.detail());
    }

    @Test
    void manyBadEntriesAreCountedRatherThanAllRepeated() {
        String entries = IntStream.range(0, 25).mapToObj(i -> "\"p" + i + ".png\": 1").collect(Collectors.joining(", ", "{", "}"));

        ImportFileException e = assertThrows(ImportFileException.class, () -> ImageDescriptions.read(bytes(entries)));

        assertTrue(e.detail().contains("p19.png: must be an object"), e.detail());
        assertTrue(!e.detail().contains("p20.png") && e.detail().endsWith("; and 5 more."), e.detail());
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
