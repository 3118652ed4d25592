package io.inkwell.post;

import static io.inkwell.support.Api.admin;
import static io.inkwell.support.Api.adminWithBadInput;
import static io.inkwell.support.Api.unique;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.inkwell.support.Posts;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Two authors cannot silently overwrite each other. */
@QuarkusTest
class ConcurrentEditTest {

    @Test
    void staleIfMatchIsRejectedWith412() {
        String id = Posts.create(Posts.draft("Versioned " + unique())).getString("id");
        String etag = admin().get("/api/admin/posts/" + id).header("ETag");
        admin().header("If-Match", etag).body(Map.of("title", "First edit")).patch("/api/admin/posts/" + id)
                .then().statusCode(200);

        adminWithBadInput().contentType(ContentType.JSON).header("If-Match", etag).body(Map.of("title", "Stale edit"))
                .patch("/api/admin/posts/" + id).then().statusCode(412).contentType("application/problem+json");
        adminWithBadInput().header("If-Match", etag).delete("/api/admin/posts/" + id).then().statusCode(412);
        admin().get("/api/admin/posts/" + id).then().body("title", equalTo("First edit"));
    }

    @Test
    void twoConcurrentPatchesWithTheSameIfMatchOneWinsOneGets412() throws Exception {
        String id = Posts.create(Posts.draft("Contested " + unique())).getString("id");
        String etag = admin().get("/api/admin/posts/" + id).header("ETag");
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<Future<Integer>> results = new ArrayList<>();
        for (String title : List.of("Alice's title", "Bob's title")) {
            results.add(pool.submit(() -> {
                start.await();
                return adminWithBadInput().contentType(ContentType.JSON).header("If-Match", etag)
                        .body(Map.of("title", title)).patch("/api/admin/posts/" + id).statusCode();
            }));
        }
        start.countDown();
        List<Integer> statuses = new ArrayList<>();
        for (Future<Integer> result : results) {
            statuses.add(result.get(30, TimeUnit.SECONDS));
        }
        pool.shutdown();
        Collections.sort(statuses);

        assertEquals(List.of(200, 412), statuses);
        admin().get("/api/admin/posts/" + id).then()
                .body("version", equalTo(Integer.parseInt(etag.replace("\"", "")) + 1));
    }
}
