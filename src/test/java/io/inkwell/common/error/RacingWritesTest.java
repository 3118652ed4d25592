package io.inkwell.common.error;

import static io.inkwell.support.Api.admin;
import static io.inkwell.support.Api.adminWithBadInput;
import static io.inkwell.support.Api.unique;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.inkwell.support.AtOnce;
import io.inkwell.support.Images;
import io.inkwell.support.Posts;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;

/**
 * Writes that meet at the same moment: each gets its answer or a 503 to send again, never a 500
 * (probe 12 found both races below answering 500 at commit).
 */
@QuarkusTest
class RacingWritesTest {

    private static final int ROUNDS = 8;

    @Test
    void aRenameRacingTheUnpublishOfItsPostsIsAnsweredOr503() throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            String name = "Raced name " + unique();
            String tag = admin().body(Map.of("name", name)).post("/api/admin/tags").then().statusCode(201)
                    .extract().path("id");
            String first = Posts.createPublished("Raced one " + unique(), Map.of("tags", List.of(name))).getString("id");
            String second = Posts.createPublished("Raced two " + unique(), Map.of("tags", List.of(name))).getString("id");

            List<Response> answers = AtOnce.run(List.<Callable<Response>>of(
                    () -> adminWithBadInput().contentType(ContentType.JSON).body(Map.of("name", name + " renamed"))
                            .patch("/api/admin/tags/" + tag),
                    () -> adminWithBadInput().post("/api/admin/posts/" + first + "/unpublish"),
                    () -> adminWithBadInput().post("/api/admin/posts/" + second + "/unpublish")));
            answers.forEach(RacingWritesTest::assertAnsweredOrToSendAgain);
        }
    }

    @Test
    void aPostNamingATagOrImageDeletedAtTheSameMomentIsAnsweredOr503() throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            String name = "Doomed " + unique();
            String tag = admin().body(Map.of("name", name)).post("/api/admin/tags").then().statusCode(201)
                    .extract().path("id");
            String image = admin().contentType("image/png").body(Images.uniquePng(8, 8))
                    .post("/api/admin/images?filename=doomed.png").then().statusCode(201).extract().path("id");
            String post = Posts.create(Posts.draft("Naming the doomed " + unique())).getString("id");

            List<Response> answers = AtOnce.run(List.<Callable<Response>>of(
                    () -> adminWithBadInput().delete("/api/admin/tags/" + tag),
                    () -> adminWithBadInput().delete("/api/admin/images/" + image),
                    () -> adminWithBadInput().contentType(ContentType.JSON)
                            .body(Map.of("tags", List.of(name), "featureImage", Map.of("imageId", image)))
                            .patch("/api/admin/posts/" + post)));
            answers.forEach(RacingWritesTest::assertAnsweredOrToSendAgain);
        }
    }

    /** Any answer a client can act on: done, refused for a reason, or 503 with when to send it again. */
    private static void assertAnsweredOrToSendAgain(Response answer) {
        int status = answer.statusCode();
        assertTrue(status < 500 || status == 503, "answered " + status + ": " + answer.asString());
        if (status == 503) {
            assertNotNull(answer.header("Retry-After"), answer.asString());
        }
        if (status >= 400) {
            assertTrue(answer.contentType().startsWith("application/problem+json"), answer.contentType());
        }
    }
}
