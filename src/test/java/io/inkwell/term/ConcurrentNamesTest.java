package io.inkwell.term;

import static io.inkwell.support.Api.admin;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.inkwell.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import org.junit.jupiter.api.Test;

/**
 * Posts written at once that name the same new tags and authors, in opposite orders: each
 * write succeeds. (Creating the names in the order given made two such writes wait for each
 * other until PostgreSQL broke the deadlock by failing one, a 500.)
 */
@QuarkusTest
class ConcurrentNamesTest {

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
