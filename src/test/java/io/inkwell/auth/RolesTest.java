package io.inkwell.auth;

import static io.inkwell.support.Api.admin;
import static io.inkwell.support.Api.withToken;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import io.inkwell.support.Api;
import io.inkwell.support.Posts;
import io.inkwell.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What each role may do to posts beyond its permissions: "own" posts are those listing its author. */
@QuarkusTest
class RolesTest {

    private static String name(String authorId) {
        return admin().get("/api/admin/authors/" + authorId).then().extract().path("name");
    }

    @Test
    void aContributorWritesOwnDraftsAndNothingMore() {
        String me = Tokens.author("Contributor");
        String contributor = Tokens.create("contributor", me);

        // A post without authors lists the token's author.
        String id = withToken(contributor).body(Posts.draft("Contributed " + Api.unique())).post("/api/admin/posts")
                .then().statusCode(201).body("authors[0].id", equalTo(me)).extract().path("id");
        withToken(contributor).body(Map.of("title", "Better title")).patch("/api/admin/posts/" + id)
                .then().statusCode(200).body("title", equalTo("Better title"));

        withToken(contributor).body("{}").post("/api/admin/posts/" + id + "/publish").then().statusCode(403);
        Map<String, Object> published = Posts.draft("Straight out " + Api.unique());
        published.put("status", "published");
        withToken(contributor).body(published).post("/api/admin/posts").then().statusCode(403)
                .body("detail", containsString("drafts only"));
        // Handing the post to someone else is an editor's job.
        withToken(contributor).body(Map.of("authors", List.of("Someone Else"))).patch("/api/admin/posts/" + id)
                .then().statusCode(403);

        // Once an editor published it, the contributor can no longer change or delete it.
        int version = Posts.publish(id).getInt("version");
        withToken(contributor).body(Map.of("title", "Sneaky")).patch("/api/admin/posts/" + id).then().statusCode(403)
                .body("detail", containsString("only change drafts"));
        withToken(contributor).delete("/api/admin/posts/" + id).then().statusCode(403);
        admin().get("/api/admin/posts/" + id).then().body("version", equalTo(version)).body("title", equalTo("Better title"));

        // Someone else's draft is out of reach; tags and other people's images too.
        String others = Posts.create(Posts.draft("Not yours " + Api.unique())).getString("id");
        withToken(contributor).body(Map.of("title", "Mine now")).patch("/api/admin/posts/" + others).then().statusCode(403);
        withToken(contributor).delete("/api/admin/posts/" + others).then().statusCode(403);
        withToken(contributor).body(Map.of("name", "New tag " + Api.unique())).post("/api/admin/tags").then().statusCode(403);
        withToken(contributor).get("/api/admin/posts/" + others).then().statusCode(200);

        // They may show their own draft in a frontend, not someone else's.
        withToken(contributor).post("/api/admin/posts/" + id + "/preview").then().statusCode(201);
        withToken(contributor).post("/api/admin/posts/" + others + "/preview").then().statusCode(403);

        // Their own draft they may delete.
        String scrap = withToken(contributor).body(Posts.draft("Scrap " + Api.unique())).post("/api/admin/posts")
                .then().statusCode(201).extract().path("id");
        withToken(contributor).delete("/api/admin/posts/" + scrap).then().statusCode(204);
    }

    /** Scheduling an unpublish is unpublishing, which a contributor may not do, through PATCH neither. */
    @Test
    void aContributorCannotScheduleAnUnpublish() {
        String contributor = Tokens.create("contributor", Tokens.author("Scheduler"));
        Map<String, Object> draft = Posts.draft("Expiring " + Api.unique());
        draft.put("unpublishAt", "2999-01-01T00:00:00Z");
        withToken(contributor).body(draft).post("/api/admin/posts").then().statusCode(403)
                .body("detail", containsString("cannot publish or unpublish"));
        String id = withToken(contributor).body(Posts.draft("Kept draft " + Api.unique())).post("/api/admin/posts")
                .then().statusCode(201).extract().path("id");
        withToken(contributor).body(Map.of("unpublishAt", "2999-01-01T00:00:00Z")).patch("/api/admin/posts/" + id)
                .then().statusCode(403);
        admin().get("/api/admin/posts/" + id).then().body("unpublishAt", equalTo(null)).body("version", equalTo(0));
        // Their other edits go through as before.
        withToken(contributor).body(Map.of("title", "Retitled")).patch("/api/admin/posts/" + id).then().statusCode(200);
    }

    @Test
    void anAuthorPublishesOwnPostsOnly() {
        String me = Tokens.author("Author");
        String author = Tokens.create("author", me);
        String id = withToken(author).body(Posts.draft("Authored " + Api.unique())).post("/api/admin/posts")
                .then().statusCode(201).extract().path("id");
        withToken(author).body("{}").post("/api/admin/posts/" + id + "/publish").then().statusCode(200)
                .body("status", equalTo("published"));
        withToken(author).body(Map.of("title", "Edited live")).patch("/api/admin/posts/" + id).then().statusCode(200);
        withToken(author).body("{}").post("/api/admin/posts/" + id + "/unpublish").then().statusCode(200)
                .body("status", equalTo("draft"));

        // A co-written post is theirs too; a post of others is not.
        String coAuthor = Tokens.author("Co-author");
        String shared = Posts.create(withAuthors(Posts.draft("Shared " + Api.unique()), name(coAuthor), name(me))).getString("id");
        withToken(author).body("{}").post("/api/admin/posts/" + shared + "/publish").then().statusCode(200);
        String others = Posts.create(withAuthors(Posts.draft("Theirs " + Api.unique()), name(coAuthor))).getString("id");
        withToken(author).body("{}").post("/api/admin/posts/" + others + "/publish").then().statusCode(403);
        withToken(author).delete("/api/admin/posts/" + others).then().statusCode(403)
                .body("detail", startsWith("An author may only"));
        admin().get("/api/admin/posts/" + others).then().body("status", equalTo("draft"));

        withToken(author).body(Map.of("authors", List.of(name(coAuthor)))).patch("/api/admin/posts/" + id)
                .then().statusCode(403);
        withToken(author).get("/api/admin/export").then().statusCode(403);
    }

    @Test
    void anEditorChangesEveryPostButNotTokens() {
        String editor = Tokens.create("editor", null);
        String someone = Tokens.author("Someone");
        String id = Posts.create(withAuthors(Posts.draft("Anyone's " + Api.unique()), name(someone))).getString("id");
        withToken(editor).body("{}").post("/api/admin/posts/" + id + "/publish").then().statusCode(200);
        withToken(editor).body(Map.of("authors", List.of("Other Person " + Api.unique()))).patch("/api/admin/posts/" + id)
                .then().statusCode(200);
        withToken(editor).body(Map.of("name", "Editor tag " + Api.unique())).post("/api/admin/tags").then().statusCode(201);
        withToken(editor).get("/api/admin/activity").then().statusCode(403);
        withToken(editor).delete("/api/admin/posts/" + id).then().statusCode(204);
    }

    @Test
    void aContentKeyReadsNothingOfTheAdminApiButItself() {
        String key = Tokens.create("content", null);
        withToken(key).get("/api/admin/posts").then().statusCode(403);
        withToken(key).get("/api/admin/me").then().statusCode(200).body("role", equalTo("content"));
    }

    private static Map<String, Object> withAuthors(Map<String, Object> body, String... authors) {
        body.put("authors", List.of(authors));
        return body;
    }
}
