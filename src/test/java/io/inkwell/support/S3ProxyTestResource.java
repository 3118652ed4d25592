package io.inkwell.support;

import io.inkwell.common.ScratchSpace;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Properties;
import org.gaul.s3proxy.BlobStores;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;

/**
 * A real S3 API server for the tests: S3Proxy in this JVM, on a free loopback port, keeping its
 * buckets in a temp folder. The server is configured for it (INKWELL_IMAGES_S3_...), and its
 * credentials reach the AWS SDK's default chain as the aws.accessKeyId / aws.secretAccessKey
 * system properties, as AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY would in production.
 */
public class S3ProxyTestResource implements QuarkusTestResourceLifecycleManager {

    public static final String BUCKET = "inkwell-media";
    public static final String PREFIX = "blog/";
    public static final String ACCESS_KEY = "inkwell-test-access";
    public static final String SECRET_KEY = "inkwell-test-secret";

    private S3Proxy proxy;
    private Path directory;

    @Override
    public Map<String, String> start() {
        try {
            directory = Files.createTempDirectory("inkwell-s3proxy");
            Files.createDirectories(directory.resolve(BUCKET));
            Properties settings = new Properties();
            settings.setProperty("jclouds.filesystem.basedir", directory.toString());
            proxy = S3Proxy.builder()
                    .blobStore(BlobStores.create("filesystem-nio2", settings))
                    .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
                    .endpoint(URI.create("http://127.0.0.1:0"))
                    .build();
            proxy.start();
            Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
            while (!"STARTED".equals(proxy.getState()) && Instant.now().isBefore(deadline)) {
                Thread.sleep(10);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (Exception e) {
            throw new IllegalStateException("S3Proxy did not start", e);
        }
        System.setProperty("aws.accessKeyId", ACCESS_KEY);
        System.setProperty("aws.secretAccessKey", SECRET_KEY);
        return Map.of(
                "inkwell.images.storage", "s3",
                "inkwell.images.s3.bucket", BUCKET,
                "inkwell.images.s3.prefix", PREFIX,
                "inkwell.images.s3.endpoint", endpoint(),
                "inkwell.images.s3.region", "us-east-1",
                "inkwell.images.s3.path-style", "true");
    }

    private String endpoint() {
        return "http://127.0.0.1:" + proxy.getPort();
    }

    @Override
    public void stop() {
        try {
            if (proxy != null) {
                proxy.stop();
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        } finally {
            System.clearProperty("aws.accessKeyId");
            System.clearProperty("aws.secretAccessKey");
            if (directory != null) {
                ScratchSpace.deleteRecursively(directory);
            }
        }
    }
}
