package io.inkwell.common.db;

import static io.inkwell.support.Api.admin;
import static io.inkwell.support.Api.content;
import static io.inkwell.support.Api.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.inkwell.support.Posts;
import io.inkwell.support.ReadOnlyReplicaProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * With a read datasource configured, every Content API route family works through it (here on
 * read-only connections to the same database, so a write slipping through would fail the
 * request), while the Admin API's writes and reads stay on the primary. That the Content API
 * really reads there: {@link UnreachableReplicaTest}, and ReadReplicaIT with a lagging replica.
 */
@QuarkusTest
@TestProfile(ReadOnlyReplicaProfile.class)
class ReadReplicaRoutingTest {

    @Test
    void theContentApiReadsThroughTheReadDatasourceAndTheAdminApiDoesNot() {
        String suffix = unique();
        JsonPath post = Posts.createPublished("Replica routing " + suffix, Map.of(
                "tags", List.of("replica-tag-" + suffix), "authors", List.of("Replica Author " + suffix),
                "markdown", "Routed through the replica, word replicaword" + suffix + "."));
        String slug = post.getString("slug");
        String id = post.getString("id");
        // Read-your-writes on the Admin API: the primary answers at once.
        admin().get("/api/admin/posts/" + id).then().statusCode(200);

        content().get("/api/content/posts?limit=5").then().statusCode(200);
        content().get("/api/content/posts/" + slug).then().statusCode(200);
        content().get("/api/content/posts?tag=replica-tag-" + suffix).then().statusCode(200);
        content().get("/api/content/tags/replica-tag-" + suffix).then().statusCode(200);
        content().get("/api/content/search?q=replicaword" + suffix).then().statusCode(200);
        content().get("/api/content/feeds/rss.xml").then().statusCode(200);
        content().get("/api/content/sitemap.xml").then().statusCode(200);
        content().get("/api/content/changes").then().statusCode(200);
        // A write on the Admin API after all that still lands (on the primary).
        admin().body(Map.of("title", "Replica routing edited " + suffix))
                .patch("/api/admin/posts/" + id).then().statusCode(200);
        assertEquals("Replica routing edited " + suffix,
                admin().get("/api/admin/posts/" + id).then().statusCode(200).extract().path("title"));
    }
}
