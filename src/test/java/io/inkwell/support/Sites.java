package io.inkwell.support;

import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/** Sites to import: the fixture folders with a per-test word for SUFFIX, zipped in memory. */
public final class Sites {

    private static final Path FIXTURES = Path.of("src", "test", "resources", "fixtures", "imports");

    private Sites() {
    }

    /** Every file of the fixture site, SUFFIX replaced in paths and contents, in path order. */
    public static Map<String, byte[]> fixture(String site, String suffix) {
        Path root = FIXTURES.resolve(site);
        Map<String, byte[]> files = new LinkedHashMap<>();
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.filter(Files::isRegularFile).sorted().toList()) {
                String name = root.relativize(path).toString().replace('\\', '/').replace("SUFFIX", suffix);
                String text = Files.readString(path, StandardCharsets.UTF_8).replace("SUFFIX", suffix);
                files.put(name, text.getBytes(StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }

    /** The Hugo fixture with its images, distinct per test (so they are new uploads). */
    public static Map<String, byte[]> hugo(String suffix) {
        Map<String, byte[]> files = fixture("hugo-site", suffix);
        Color colour = new Color(suffix.hashCode() & 0xFFFFFF);
        files.put("content/posts/toml-bundle-" + suffix + "/cover.jpg", Images.solidJpeg(1200, 600, colour));
        files.put("content/posts/toml-bundle-" + suffix + "/diagram.png", Images.halfTransparentPng(400, 200, colour));
        files.put("static/images/static-pic-" + suffix + ".png", Images.halfTransparentPng(200, 100, colour.darker()));
        return files;
    }

    public static Map<String, byte[]> jekyll(String suffix) {
        Map<String, byte[]> files = fixture("jekyll-site", suffix);
        files.put("assets/img/photo-" + suffix + ".png",
                Images.halfTransparentPng(300, 300, new Color((suffix.hashCode() * 31) & 0xFFFFFF)));
        return files;
    }

    public static byte[] zip(Map<String, byte[]> files) {
        try (ByteArrayOutputStream bytes = new ByteArrayOutputStream(); ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> file : files.entrySet()) {
                zip.putNextEntry(new ZipEntry(file.getKey()));
                zip.write(file.getValue());
                zip.closeEntry();
            }
            zip.finish();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Map<String, byte[]> unzip(byte[] zip) {
        Map<String, byte[]> files = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new java.io.ByteArrayInputStream(zip))) {
            for (ZipEntry entry; (entry = in.getNextEntry()) != null; ) {
                files.put(entry.getName(), in.readAllBytes());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }

    /** The files of {@code files} whose path contains one of the words. */
    public static Map<String, byte[]> only(Map<String, byte[]> files, List<String> words) {
        Map<String, byte[]> kept = new LinkedHashMap<>();
        files.forEach((path, bytes) -> {
            if (words.stream().anyMatch(path::contains)) {
                kept.put(path, bytes);
            }
        });
        return kept;
    }
}
