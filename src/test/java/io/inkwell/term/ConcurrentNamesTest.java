package io.inkwell.term;

import static io.inkwell.support.Api.admin;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.inkwell.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import org.junit.jupiter.api.Test;

/**
 * Writes at once that give names, with as many write slots as a large host has (two cores give
 * one, and writes would never meet).
 */
@QuarkusTest
@TestProfile(ConcurrentNamesTest.EightWriters.class)
class ConcurrentNamesTest {

    public static class EightWriters implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("inkwell.writes.max-concurrent", "8");
        }
    }

    /**
     * Two tags created at once whose names PostgreSQL compares as one: one is refused. (Java
     * lower-cased "ΟΔΟΣ 1" with a final sigma, PostgreSQL with a plain one, so the two took
     * different locks and both were created.)
     */
    @Test
    void twoNamesThatCompareTheSameCreatedAtOnceMakeOneTag() throws Exception {
        List<String> outcomes = new ArrayList<>();
        for (int round = 0; round < 12; round++) {
            String u = Api.unique();
            CyclicBarrier start = new CyclicBarrier(2);
            CompletableFuture<Integer> upper = CompletableFuture.supplyAsync(() -> createTag(start, "ΟΔΟΣ " + u, "upper-" + u));
            CompletableFuture<Integer> lower = CompletableFuture.supplyAsync(() -> createTag(start, "οδοσ " + u, "lower-" + u));
            List<Integer> pair = new ArrayList<>(List.of(upper.get(), lower.get()));
            Collections.sort(pair);
            outcomes.add(pair.toString());
        }
        assertEquals(Collections.nCopies(12, "[201, 409]"), outcomes);
    }

    /**
     * Posts with one title and no slug, written at once: each gets a slug of its own, or, when
     * both took the same one at the same moment, the loser is told to send it again (it was a
     * 409 naming the database's index, post_slug_key).
     */
    @Test
    void postsWithOneTitleWrittenAtOnceGetTheirOwnSlugsOrAreToldToRetry() throws Exception {
        List<String> outcomes = new ArrayList<>();
        for (int round = 0; round < 12; round++) {
            String title = "Same title " + Api.unique();
            CyclicBarrier start = new CyclicBarrier(2);
            List<CompletableFuture<String>> writes = List.of(
                    CompletableFuture.supplyAsync(() -> createPost(start, title)),
                    CompletableFuture.supplyAsync(() -> createPost(start, title)));
            for (CompletableFuture<String> write : writes) {
                outcomes.add(write.get());
            }
        }
        assertEquals(List.of(), outcomes.stream().filter(outcome -> !outcome.equals("201") && !outcome.equals("503 1")).toList());
    }

    /**
     * Edits of one tag at once, none with If-Match: a loser is told to send it again (503 with
     * Retry-After), never 412, a precondition it did not send (RFC 9110).
     */
    @Test
    void editsOfOneTagAtOnceWithoutIfMatchAreNever412() throws Exception {
        String id = Api.admin().body(Map.of("name", "Edited at once " + Api.unique())).post("/api/admin/tags").then()
                .statusCode(201).extract().path("id");
        List<String> outcomes = new ArrayList<>();
        for (int round = 0; round < 5; round++) {
            CyclicBarrier start = new CyclicBarrier(6);
            List<CompletableFuture<String>> edits = new ArrayList<>();
            for (int writer = 0; writer < 6; writer++) {
                String description = "Round " + round + " writer " + writer;
                edits.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        start.await();
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                    io.restassured.response.Response response = Api.adminWithBadInput()
                            .contentType(io.restassured.http.ContentType.JSON).body(Map.of("description", description))
                            .patch("/api/admin/tags/" + id);
                    return response.statusCode() == 503 ? "503 " + response.header("Retry-After")
                            : String.valueOf(response.statusCode());
                }));
            }
            for (CompletableFuture<String> edit : edits) {
                outcomes.add(edit.get());
            }
        }
        assertEquals(List.of(), outcomes.stream().filter(outcome -> !outcome.equals("200") && !outcome.equals("503 1")).toList());
    }

    private static String createPost(CyclicBarrier start, String title) {
        try {
            start.await();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        io.restassured.response.Response response = Api.adminWithBadInput().contentType(io.restassured.http.ContentType.JSON)
                .body(Map.of("title", title)).post("/api/admin/posts");
        return response.statusCode() == 503 ? "503 " + response.header("Retry-After") : String.valueOf(response.statusCode());
    }

    private static int createTag(CyclicBarrier start, String name, String slug) {
        try {
            start.await();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return Api.adminWithBadInput().contentType(io.restassured.http.ContentType.JSON).body(Map.of("name", name, "slug", slug))
                .post("/api/admin/tags").then().extract().statusCode();
    }

    /**
     * Posts written at once that name the same new tags and authors, in opposite orders: each
     * write succeeds. (Creating the names in the order given made two such writes wait for each
     * other until PostgreSQL broke the deadlock by failing one, a 500.)
     */
    @Test
    void postsNamingTheSameNewTagsInOppositeOrdersAreAllCreated() throws Exception {
        List<Integer> statuses = new ArrayList<>();
        for (int round = 0; round < 15; round++) {
            String u = Api.unique();
            List<String> names = List.of("Alpha " + u, "Beta " + u, "Gamma " + u, "Delta " + u);
            List<String> reversed = new ArrayList<>(names);
            Collections.reverse(reversed);
            CyclicBarrier start = new CyclicBarrier(2);
            CompletableFuture<Integer> first = CompletableFuture.supplyAsync(() -> create(start, "First " + u, names));
            CompletableFuture<Integer> second = CompletableFuture.supplyAsync(() -> create(start, "Second " + u, reversed));
            statuses.add(first.get());
            statuses.add(second.get());
        }
        assertEquals(30, statuses.stream().filter(status -> status == 201).count(), "statuses: " + statuses);
    }

    private static int create(CyclicBarrier start, String title, List<String> names) {
        try {
            start.await();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return admin().body(Map.of("title", title, "tags", names, "categories", names, "authors", names))
                .post("/api/admin/posts").then().extract().statusCode();
    }
}
