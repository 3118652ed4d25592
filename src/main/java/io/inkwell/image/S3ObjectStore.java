package io.inkwell.image;

import io.inkwell.common.config.InkwellConfig;
import io.inkwell.common.error.ServiceUnavailableException;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import org.jboss.logging.Logger;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Bytes as objects of an S3 bucket (AWS, or any S3-compatible server through an endpoint),
 * one object per key under the prefix. Credentials come from the AWS default chain
 * (AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, a profile, an instance role...).
 */
final class S3ObjectStore implements MediaObjectStore, AutoCloseable {

    private static final Logger LOG = Logger.getLogger(S3ObjectStore.class);

    /** The settings, read and checked; a bad one is named by its variable. */
    record Settings(String bucket, String prefix, Optional<URI> endpoint, Region region, boolean pathStyle) {

        static Settings from(InkwellConfig.S3 config) {
            String bucket = config.bucket().map(String::strip).filter(name -> !name.isEmpty())
                    .orElseThrow(() -> new IllegalStateException("Images on S3 need INKWELL_IMAGES_S3_BUCKET."));
            String prefix = config.prefix().map(String::strip).orElse("");
            if (!prefix.isEmpty() && !prefix.endsWith("/")) {
                prefix += "/";
            }
            Optional<URI> endpoint = config.endpoint().map(String::strip).filter(address -> !address.isEmpty())
                    .map(Settings::endpoint);
            Region region = config.region().map(String::strip).filter(name -> !name.isEmpty()).map(Region::of)
                    .orElseGet(() -> defaultRegion(endpoint.isPresent()));
            return new Settings(bucket, prefix, endpoint, region, config.pathStyle());
        }

        private static URI endpoint(String address) {
            try {
                URI uri = URI.create(address);
                String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
                if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
                    return uri;
                }
            } catch (IllegalArgumentException notAnAddress) {
                // answered below
            }
            throw new IllegalStateException("INKWELL_IMAGES_S3_ENDPOINT must be an http(s) address such as "
                    + "https://s3.example.com, not '" + address + "'.");
        }

        private static Region defaultRegion(boolean ownEndpoint) {
            try {
                return new DefaultAwsRegionProviderChain().getRegion();
            } catch (SdkException none) {
                if (ownEndpoint) {
                    return Region.US_EAST_1; // most S3-compatible servers take any region
                }
                throw new IllegalStateException("Images on S3 need INKWELL_IMAGES_S3_REGION (or AWS_REGION).");
            }
        }

        String where() {
            return "bucket '" + bucket + "' at " + endpoint.map(URI::toString).orElse("AWS region " + region);
        }
    }

    private final S3Client client;
    private final Settings settings;

    private S3ObjectStore(S3Client client, Settings settings) {
        this.client = client;
        this.settings = settings;
    }

    /** A client for the bucket, checked at once: the bucket must exist and the credentials must reach it. */
    static S3ObjectStore connect(Settings settings) {
        var builder = S3Client.builder()
                .httpClient(UrlConnectionHttpClient.builder()
                        .connectionTimeout(Duration.ofSeconds(10)).socketTimeout(Duration.ofSeconds(60)).build())
                .credentialsProvider(DefaultCredentialsProvider.builder().build())
                .region(settings.region())
                .forcePathStyle(settings.pathStyle())
                // Checksums only where S3 demands them: several S3-compatible servers refuse the
                // trailing checksums the SDK would otherwise send with every upload.
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
        settings.endpoint().ifPresent(builder::endpointOverride);
        S3ObjectStore store = new S3ObjectStore(builder.build(), settings);
        try {
            store.client.headBucket(request -> request.bucket(settings.bucket()));
        } catch (SdkException e) {
            store.close();
            throw new IllegalStateException("Images on S3: cannot use " + settings.where() + ": " + reason(e)
                    + ". Check INKWELL_IMAGES_S3_BUCKET, _ENDPOINT, _REGION, _PATH_STYLE and the AWS credentials "
                    + "(AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY).", e);
        }
        return store;
    }

    @Override
    public void write(String key, byte[] content) {
        // The type travels with the object, so a bucket or CDN that serves it directly says what it is.
        String type = ImageFormat.sniff(content).map(ImageFormat::mediaType).orElse("application/octet-stream");
        try {
            client.putObject(request -> request.bucket(settings.bucket()).key(objectKey(key)).contentType(type)
                    .cacheControl(MediaResource.CACHE_FOREVER), RequestBody.fromBytes(content));
        } catch (SdkException e) {
            throw unavailable("store", key, e);
        }
    }

    @Override
    public Optional<byte[]> read(String key) {
        try {
            return Optional.of(client.getObjectAsBytes(request -> request.bucket(settings.bucket()).key(objectKey(key)))
                    .asByteArray());
        } catch (NoSuchKeyException absent) {
            return Optional.empty();
        } catch (SdkException e) {
            throw unavailable("read", key, e);
        }
    }

    /**
     * The bucket failed us (unreachable, refusing, throttling): a 503 the client may retry, not a
     * 500; the upload's transaction rolls back, so no image row points to a missing object.
     */
    private ServiceUnavailableException unavailable(String action, String key, SdkException e) {
        LOG.warnf("Could not %s media %s in %s: %s", action, key, settings.where(), reason(e));
        return new ServiceUnavailableException("The image storage cannot be reached right now. Retry in a few seconds.");
    }

    @Override
    public void remove(String key) {
        client.deleteObject(request -> request.bucket(settings.bucket()).key(objectKey(key)));
    }

    @Override
    public String location() {
        return "s3://" + settings.bucket() + "/" + settings.prefix()
                + settings.endpoint().map(endpoint -> " at " + endpoint).orElse("");
    }

    @Override
    public void close() {
        client.close();
    }

    private String objectKey(String key) {
        return settings.prefix() + key;
    }

    private static String reason(SdkException e) {
        if (e instanceof S3Exception answer) {
            return switch (answer.statusCode()) {
                case 404 -> "no such bucket (404)";
                case 403 -> "access denied (403): the credentials may not use this bucket";
                case 301 -> "the bucket is in another region (301)";
                default -> "HTTP " + answer.statusCode();
            };
        }
        return e.getMessage();
    }
}
