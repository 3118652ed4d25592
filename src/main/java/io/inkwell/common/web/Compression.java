package io.inkwell.common.web;

import com.aayushatharva.brotli4j.Brotli4jLoader;
import com.aayushatharva.brotli4j.encoder.Encoder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.zip.GZIPOutputStream;
import org.jboss.logging.Logger;

/**
 * Compresses response bodies that are made once and sent many times (the Content API's cached
 * JSON): with Brotli where its native library loads on this platform, and with gzip. A cached
 * body is compressed once per coding, the first time a client asks for that coding, never per
 * request.
 */
public final class Compression {

    /**
     * Smaller bodies are sent as they are: they fit one packet either way, and a client would
     * spend more time inflating them than the network saves.
     */
    static final int MIN_BYTES = 1024;

    /**
     * Brotli's quality 5 makes JSON about 10% smaller than gzip at about gzip's speed; the
     * higher qualities gain another 10% but take 15 ms or more for a post, too long for a body
     * that is made again after every publish.
     */
    private static final Encoder.Parameters BROTLI = new Encoder.Parameters().setQuality(5);

    private static final Logger LOG = Logger.getLogger(Compression.class);

    private Compression() {
    }

    /** The codings worth trying for a body of this many bytes, best first (Brotli, gzip); none for a small body. */
    public static List<ContentCoding> candidates(int bodyBytes) {
        return bodyBytes < MIN_BYTES ? List.of() : Codings.AVAILABLE;
    }

    /** The body in this coding, or empty when that does not make it smaller (or failed, which is logged). */
    public static Optional<byte[]> compress(ContentCoding coding, byte[] body) {
        try {
            byte[] encoded = encode(coding, body);
            return encoded.length < body.length ? Optional.of(encoded) : Optional.empty();
        } catch (IOException e) {
            // The body still goes out, as it is.
            LOG.warnf(e, "Could not compress a %d-byte body with %s", body.length, coding.token());
            return Optional.empty();
        }
    }

    private static byte[] encode(ContentCoding coding, byte[] body) throws IOException {
        return switch (coding) {
            case BROTLI -> Encoder.compress(body, BROTLI);
            case GZIP -> gzip(body);
            case IDENTITY -> body;
        };
    }

    private static byte[] gzip(byte[] body) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(body.length / 3);
        try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
            gzip.write(body);
        }
        return bytes.toByteArray();
    }

    /** Decided once, at the first compression: whether Brotli's native library loads. */
    private static final class Codings {
        static final List<ContentCoding> AVAILABLE = BrotliLibrary.load()
                ? List.of(ContentCoding.BROTLI, ContentCoding.GZIP)
                : List.of(ContentCoding.GZIP);
    }

    /**
     * brotli4j's native library, from the jar made for this platform. brotli4j's own loader
     * copies it into a folder of a predictable name under /tmp, whether or not it could make
     * that folder, and never deletes it; this one copies it into a new private temporary
     * folder, loads it, and deletes the copy at once (a loaded library needs no file on Linux).
     */
    static final class BrotliLibrary {

        private static final String PATH_PROPERTY = "brotli4j.library.path";

        private BrotliLibrary() {
        }

        static boolean load() {
            try {
                return loadFromJar();
            } catch (IOException | LinkageError | RuntimeException e) {
                LOG.infof("Brotli is not available (%s); Content API responses are compressed with gzip only", e);
                return false;
            }
        }

        private static boolean loadFromJar() throws IOException {
            String library = System.mapLibraryName("brotli");
            String resource = "lib/" + platform() + "/" + library;
            try (InputStream in = Brotli4jLoader.class.getClassLoader().getResourceAsStream(resource)) {
                if (in == null) {
                    LOG.infof("This build has no Brotli library for %s; Content API responses are compressed with gzip only",
                            platform());
                    return false;
                }
                Path folder = Files.createTempDirectory("inkwell-brotli-");
                Path file = folder.resolve(library);
                try {
                    Files.copy(in, file);
                    // Read once, by Brotli4jLoader's static initializer.
                    System.setProperty(PATH_PROPERTY, file.toString());
                    Brotli4jLoader.ensureAvailability();
                    return true;
                } finally {
                    System.clearProperty(PATH_PROPERTY);
                    Files.deleteIfExists(file);
                    Files.deleteIfExists(folder);
                }
            }
        }

        /** As brotli4j names the platforms of its native jars, e.g. linux-x86_64, osx-aarch64. */
        private static String platform() {
            String os = System.getProperty("os.name");
            String system = os.startsWith("Windows") ? "windows" : os.startsWith("Mac") ? "osx" : os.toLowerCase(Locale.ROOT);
            String cpu = switch (System.getProperty("os.arch")) {
                case "amd64", "x86_64" -> "x86_64";
                case "arm" -> "armv7";
                default -> System.getProperty("os.arch");
            };
            return system + "-" + cpu;
        }
    }
}
