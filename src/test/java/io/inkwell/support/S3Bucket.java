package io.inkwell.support;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The tests' own look into the S3Proxy bucket ({@link S3ProxyTestResource}), by Inkwell's
 * storage keys; one client per S3Proxy, kept for the test run.
 */
public final class S3Bucket {

    private static final Map<String, S3Bucket> BY_ENDPOINT = new ConcurrentHashMap<>();

    private static final String BUCKET = S3ProxyTestResource.BUCKET;
    private static final String PREFIX = S3ProxyTestResource.PREFIX;

    private final S3Client client;

    /** The bucket of the S3Proxy at this endpoint (the server's inkwell.images.s3.endpoint). */
    public static S3Bucket at(String endpoint) {
        return BY_ENDPOINT.computeIfAbsent(endpoint, S3Bucket::new);
    }

    private S3Bucket(String endpoint) {
        client = S3Client.builder().httpClient(UrlConnectionHttpClient.create()).region(Region.US_EAST_1)
                .endpointOverride(URI.create(endpoint)).forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
                        S3ProxyTestResource.ACCESS_KEY, S3ProxyTestResource.SECRET_KEY)))
                .build();
    }

    /** The object keys (prefix included) that start with the prefix and this storage key, sorted. */
    public List<String> keysStartingWith(String key) {
        return client.listObjectsV2(request -> request.bucket(BUCKET).prefix(PREFIX + key))
                .contents().stream().map(S3Object::key).sorted().toList();
    }

    public Optional<byte[]> object(String key) {
        if (!keysStartingWith(key).contains(PREFIX + key)) {
            return Optional.empty();
        }
        return Optional.of(client.getObjectAsBytes(request -> request.bucket(BUCKET).key(PREFIX + key)).asByteArray());
    }

    /** Loses an object behind the server's back, as a bucket emptied by mistake would. */
    public void remove(String key) {
        client.deleteObject(request -> request.bucket(BUCKET).key(PREFIX + key));
    }

    /** Another, empty bucket on the same server. */
    public void create(String bucket) {
        client.createBucket(request -> request.bucket(bucket));
    }

    /** Removes an empty bucket, as an operator deleting the wrong one would. */
    public void delete(String bucket) {
        client.deleteBucket(request -> request.bucket(bucket));
    }

    public HeadObjectResponse head(String key) {
        return client.headObject(request -> request.bucket(BUCKET).key(PREFIX + key));
    }
}
