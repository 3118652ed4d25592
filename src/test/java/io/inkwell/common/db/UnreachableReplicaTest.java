package io.inkwell.common.db;

import static io.inkwell.support.Api.admin;
import static io.inkwell.support.Api.content;
import static io.inkwell.support.Api.unique;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.inkwell.support.Posts;
import io.inkwell.support.UnreachableReplicaProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * With the read replica down, the Content API's reads fail (503, retry later) because they go
 * to the replica and nowhere else; the Admin API and the change feed, which use the primary,
 * work on.
 */
@QuarkusTest
@TestProfile(UnreachableReplicaProfile.class)
class UnreachableReplicaTest {

    @Test
    void contentReadsNeedTheReplicaAndAdminReadsDoNot() {
        String suffix = unique();
        JsonPath post = Posts.createPublished("Unreachable replica " + suffix,
                Map.of("tags", List.of("down-tag-" + suffix), "markdown", "Body downword" + suffix + "."));
        admin().get("/api/admin/posts/" + post.getString("id")).then().statusCode(200)
                .body("title", equalTo("Unreachable replica " + suffix));
        admin().get("/api/admin/posts?limit=5").then().statusCode(200);

        for (String path : List.of("/api/content/posts?limit=5", "/api/content/posts/" + post.getString("slug"),
                "/api/content/tags/down-tag-" + suffix, "/api/content/search?q=downword" + suffix,
                "/api/content/feeds/atom.xml")) {
            var answer = content().get(path);
            assertEquals(503, answer.statusCode(), path + ": " + answer.body().asString());
            assertEquals("application/problem+json", answer.contentType(), path);
            assertEquals(String.valueOf(DatabaseOutage.RETRY_AFTER_SECONDS), answer.header("Retry-After"), path);
        }
        // The change feed's cursors are the primary's transaction ids: it reads the primary.
        content().get("/api/content/changes").then().statusCode(200);
        // The instance stays in the load balancer: its Admin API and cached answers still work.
        given().get("/q/health/ready").then().statusCode(200);
    }
}
