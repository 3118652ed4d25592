package io.inkwell.image;

import static io.inkwell.support.Api.admin;
import static io.inkwell.support.Api.adminWithBadInput;
import static io.inkwell.support.Api.content;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.inkwell.common.Text;
import io.inkwell.common.config.InkwellConfig;
import io.inkwell.common.error.ServiceUnavailableException;
import io.inkwell.support.Images;
import io.inkwell.support.S3Bucket;
import io.inkwell.support.S3ProxyTestResource;
import io.inkwell.support.S3StorageProfile;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/** Images on S3, against a real S3 API server (S3Proxy) that the tests look into with their own client. */
@QuarkusTest
@TestProfile(S3StorageProfile.class)
class S3MediaStorageTest {

    private static final String PREFIX = S3ProxyTestResource.PREFIX;

    @ConfigProperty(name = "inkwell.images.s3.endpoint")
    String endpoint;

    @Inject
    MediaStorage storage;

    @Inject
    EntityManager entityManager;

    private S3Bucket bucket() {
        return S3Bucket.at(endpoint);
    }

    @Test
    void anUploadIsOneObjectUnderThePrefixHoweverOftenItIsSent() {
        byte[] png = uniquePng();
        String sha = upload(png).then().statusCode(201).extract().jsonPath().getString("sha256");

        assertEquals(List.of(PREFIX + sha), objectsStartingWith(sha));
        assertEquals(sha, Text.sha256(object(sha).orElseThrow()), "the object holds the served bytes");
        var head = bucket().head(sha);
        assertEquals("image/png", head.contentType(), "a bucket served directly says what it is");
        assertEquals(MediaResource.CACHE_FOREVER, head.cacheControl());

        upload(png).then().statusCode(200).body("sha256", equalTo(sha));
        assertEquals(List.of(PREFIX + sha), objectsStartingWith(sha));
    }

    @Test
    void mediaIsServedFromTheBucketWithTheCacheHeaders() {
        JsonPath image = upload(uniquePng()).then().statusCode(201).extract().jsonPath();
        String sha = image.getString("sha256");

        byte[] served = content().get(image.getString("url")).then().statusCode(200)
                .header("Cache-Control", MediaResource.CACHE_FOREVER)
                .header("ETag", "\"" + sha + "\"")
                .header("X-Content-Type-Options", "nosniff")
                .contentType("image/png")
                .extract().asByteArray();
        assertArrayEquals(object(sha).orElseThrow(), served);
        content().header("If-None-Match", "\"" + sha + "\"").get(image.getString("url")).then().statusCode(304)
                .header("Cache-Control", MediaResource.CACHE_FOREVER);

        byte[] variant = content().get(image.getString("url") + "?w=320").then().statusCode(200)
                .header("Cache-Control", MediaResource.CACHE_FOREVER).extract().asByteArray();
        assertArrayEquals(object(sha + "-w320").orElseThrow(), variant, "the variant is kept in the bucket");
    }

    @Test
    void deletingTheLastImageWithTheBytesRemovesItsObjectsAfterTheCommit() {
        JsonPath image = upload(uniquePng()).then().statusCode(201).extract().jsonPath();
        String sha = image.getString("sha256");
        content().get(image.getString("url") + "?w=320").then().statusCode(200);
        assertEquals(List.of(PREFIX + sha, PREFIX + sha + "-w320"), objectsStartingWith(sha));

        admin().delete("/api/admin/images/" + image.getString("id")).then().statusCode(204);

        assertEquals(List.of(), objectsStartingWith(sha));
    }

    @Test
    void anObjectPutInATransactionThatRollsBackIsRemoved() {
        String key = UUID.randomUUID().toString().replace("-", "");
        QuarkusTransaction.begin();
        storage.put(key, new byte[] {1, 2, 3});
        assertTrue(object(key).isPresent(), "written before the commit");
        QuarkusTransaction.rollback();

        assertEquals(List.of(), objectsStartingWith(key));
    }

    @Test
    void theMigrationCopiesEveryObjectVerifiedAndARunAgainCopiesOnlyWhatIsNew() {
        JsonPath image = upload(uniquePng()).then().statusCode(201).extract().jsonPath();
        String sha = image.getString("sha256");
        content().get(image.getString("url") + "?w=320").then().statusCode(200);

        JsonPath first = migrate("{\"to\": \"database\"}").extract().jsonPath();
        assertEquals("s3", first.getString("from"));
        assertEquals("database", first.getString("target"));
        assertEquals(first.getInt("objects"), first.getInt("copied") + first.getInt("alreadyCopied")
                + first.getInt("missing") + first.getInt("failed"));
        assertTrue(first.getInt("copied") >= 2, "the original and its variant at least");
        assertNoProblemWith(first, sha);
        assertArrayEquals(object(sha).orElseThrow(), databaseBlob(sha).orElseThrow());
        assertArrayEquals(object(sha + "-w320").orElseThrow(), databaseBlob(sha + "-w320").orElseThrow());

        JsonPath again = migrate("{\"to\": \"database\"}").extract().jsonPath();
        assertEquals(0, again.getInt("copied"), "everything was copied and verified already");
        assertTrue(again.getInt("alreadyCopied") >= first.getInt("copied"));

        String later = upload(uniquePng()).then().statusCode(201).extract().jsonPath().getString("sha256");
        JsonPath resumed = migrate("{\"from\": \"s3\", \"to\": \"database\"}").extract().jsonPath();
        assertEquals(1, resumed.getInt("copied"), "only the image uploaded since");
        assertArrayEquals(object(later).orElseThrow(), databaseBlob(later).orElseThrow());
    }

    @Test
    void aCopyFromTheDatabaseToS3RestoresLostObjectsAndRefusesBytesThatDoNotMatchTheirHash() {
        String lost = upload(uniquePng()).then().statusCode(201).extract().jsonPath().getString("sha256");
        String corrupt = upload(uniquePng()).then().statusCode(201).extract().jsonPath().getString("sha256");
        migrate("{\"to\": \"database\"}");
        byte[] lostBytes = object(lost).orElseThrow();
        bucket().remove(lost);
        QuarkusTransaction.requiringNew().run(() -> entityManager
                .createNativeQuery("update media_blob set content = :bytes where storage_key = :key")
                .setParameter("bytes", new byte[] {0}).setParameter("key", corrupt).executeUpdate());

        JsonPath run = admin().body("{\"from\": \"database\", \"to\": \"s3\"}").post("/api/admin/media/migrations")
                .then().statusCode(200).extract().jsonPath();

        assertEquals("database", run.getString("from"));
        assertArrayEquals(lostBytes, object(lost).orElseThrow(), "copied back, and checked");
        assertTrue(run.getInt("failed") >= 1);
        assertTrue(run.getList("problems", java.util.Map.class).contains(java.util.Map.of("key", corrupt,
                "problem", "The bytes in database do not match their SHA-256.")), "problems: " + run.getList("problems"));
        assertEquals(corrupt, Text.sha256(object(corrupt).orElseThrow()), "the good copy in the bucket is left alone");
    }

    @Test
    void aMigrationToTheSameStorageOrAnUnknownOneIsRefusedNamingTheFields() {
        adminWithBadInput().contentType("application/json").body("{\"to\": \"s3\"}").post("/api/admin/media/migrations")
                .then().statusCode(422).contentType("application/problem+json")
                .body("errors.field", equalTo(List.of("to")));
        adminWithBadInput().contentType("application/json").body("{\"from\": \"ftp\", \"to\": \"tape\"}")
                .post("/api/admin/media/migrations")
                .then().statusCode(422).contentType("application/problem+json")
                .body("errors.field", equalTo(List.of("from", "to")));
    }

    @Test
    void aBucketThatCannotBeUsedStopsTheStartNamingTheSettings() {
        IllegalStateException missingBucket = assertThrows(IllegalStateException.class,
                () -> S3ObjectStore.connect(S3ObjectStore.Settings.from(settings(Optional.of("no-such-bucket"),
                        Optional.of(endpoint)))));
        assertTrue(missingBucket.getMessage().contains("bucket 'no-such-bucket' at " + endpoint + ": no such bucket (404)"),
                missingBucket.getMessage());
        assertTrue(missingBucket.getMessage().contains("INKWELL_IMAGES_S3_BUCKET"), missingBucket.getMessage());

        assertEquals("Images on S3 need INKWELL_IMAGES_S3_BUCKET.", assertThrows(IllegalStateException.class,
                () -> S3ObjectStore.Settings.from(settings(Optional.empty(), Optional.of(endpoint)))).getMessage());
        assertTrue(assertThrows(IllegalStateException.class,
                () -> S3ObjectStore.Settings.from(settings(Optional.of("b"), Optional.of("s3.example.com"))))
                .getMessage().startsWith("INKWELL_IMAGES_S3_ENDPOINT must be an http(s) address"));
    }

    /** A bucket gone (or unreachable) after the start: reads and writes fail with a 503 to retry, not a 500. */
    @Test
    void aBucketThatFailsLaterGivesTheRetryable503() {
        String gone = "gone-" + Math.abs(System.nanoTime() % 1_000_000);
        bucket().create(gone);
        try (S3ObjectStore store = S3ObjectStore.connect(S3ObjectStore.Settings.from(settings(Optional.of(gone),
                Optional.of(endpoint))))) {
            bucket().delete(gone);
            ServiceUnavailableException write = assertThrows(ServiceUnavailableException.class,
                    () -> store.write("abc", uniquePng()));
            assertEquals(503, write.status());
            assertTrue(write.getMessage().contains("cannot be reached right now"), write.getMessage());
            assertThrows(ServiceUnavailableException.class, () -> store.read("abc"));
        }
    }

    private static io.restassured.response.ValidatableResponse migrate(String body) {
        return admin().body(body).post("/api/admin/media/migrations").then().statusCode(200)
                .body("to", equalTo("database")).body("failed", equalTo(0));
    }

    private static void assertNoProblemWith(JsonPath run, String sha) {
        List<String> keys = run.getList("problems.key", String.class);
        assertTrue(keys.stream().noneMatch(key -> key.startsWith(sha)), "problems: " + run.getList("problems"));
    }

    private Optional<byte[]> databaseBlob(String key) {
        return QuarkusTransaction.requiringNew().call(() -> entityManager
                .createQuery("select b.content from MediaBlob b where b.storageKey = :key", byte[].class)
                .setParameter("key", key).getResultStream().findFirst());
    }

    private static InkwellConfig.S3 settings(Optional<String> bucketName, Optional<String> address) {
        return new InkwellConfig.S3() {
            @Override
            public Optional<String> bucket() {
                return bucketName;
            }

            @Override
            public Optional<String> prefix() {
                return Optional.of(PREFIX);
            }

            @Override
            public Optional<String> endpoint() {
                return address;
            }

            @Override
            public Optional<String> region() {
                return Optional.of("us-east-1");
            }

            @Override
            public boolean pathStyle() {
                return true;
            }
        };
    }

    private static io.restassured.response.Response upload(byte[] png) {
        return admin().contentType("image/png").body(png).queryParam("filename", "s3.png").post("/api/admin/images");
    }

    private static byte[] uniquePng() {
        return Images.uniquePng(400, 300);
    }

    private List<String> objectsStartingWith(String key) {
        return bucket().keysStartingWith(key);
    }

    private Optional<byte[]> object(String key) {
        return bucket().object(key);
    }
}
