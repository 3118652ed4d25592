package io.inkwell.common.web;

import static io.inkwell.support.Api.admin;
import static io.inkwell.support.Api.adminMultipart;
import static io.inkwell.support.Api.adminWithBadInput;
import static io.inkwell.support.Api.unique;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.inkwell.support.Api;
import io.inkwell.support.AtOnce;
import io.inkwell.support.Images;
import io.inkwell.support.Posts;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Two editors cannot silently overwrite each other's post, tag, category, author or image. */
@QuarkusTest
class IfMatchTest {

    @ParameterizedTest
    @ValueSource(strings = {"posts", "tags", "categories", "authors", "images"})
    void everyAnswerCarriesTheVersionAsETagAndAChangeMovesIt(String kind) {
        Response created = create(kind, "Versioned " + unique());
        String id = created.path("id");
        assertEquals(etagOf(created.jsonPath()), created.header("ETag"));

        Response read = admin().get(collection(kind) + "/" + id);
        assertEquals(created.header("ETag"), read.header("ETag"));
        assertEquals(read.header("ETag"), "\"" + listedVersion(kind, id) + "\"");

        Response patched = admin().header("If-Match", read.header("ETag"))
                .body(Map.of(textField(kind), "Changed")).patch(collection(kind) + "/" + id);
        patched.then().statusCode(200);
        assertEquals(etagOf(patched.jsonPath()), patched.header("ETag"));
        assertNotEquals(read.header("ETag"), patched.header("ETag"));
        assertEquals(patched.header("ETag"), admin().get(collection(kind) + "/" + id).header("ETag"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"posts", "tags", "categories", "authors"})
    void oneChangeOfSlugAndTextMovesTheVersionByOne(String kind) {
        String name = "Moved " + unique();
        Response created = create(kind, name);
        long version = created.jsonPath().getLong("version");

        admin().body(Map.of("slug", "moved-again-" + unique().toLowerCase(), textField(kind), "New text"))
                .patch(collection(kind) + "/" + created.path("id")).then().statusCode(200)
                .header("ETag", "\"" + (version + 1) + "\"")
                .body("version", equalTo((int) version + 1));
    }

    /** Probe 12: only the first line was read, so the current tag on a second line got a 412. */
    @ParameterizedTest
    @ValueSource(strings = {"posts", "tags"})
    void aListOnSeveralHeaderLinesIsOneList(String kind) {
        String id = create(kind, "Lines " + unique()).path("id");
        String current = admin().get(collection(kind) + "/" + id).header("ETag");

        // Sent raw: the contract's validator takes If-Match as one string, HTTP as a list on any number of lines.
        byte[] body = ("{\"" + textField(kind) + "\": \"Either line\"}").getBytes(StandardCharsets.UTF_8);
        String answer = Api.rawAdminRequest("PATCH", collection(kind) + "/" + id, "If-Match: \"999\"\r\nIf-Match: "
                + current + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length + "\r\n", body);
        assertTrue(answer.startsWith("HTTP/1.1 200"), answer);
    }

    @ParameterizedTest
    @ValueSource(strings = {"posts", "tags", "categories", "authors", "images"})
    void aStaleIfMatchIs412AndChangesNothing(String kind) {
        String id = create(kind, "Contested " + unique()).path("id");
        String etag = admin().get(collection(kind) + "/" + id).header("ETag");
        admin().header("If-Match", etag).body(Map.of(textField(kind), "First edit"))
                .patch(collection(kind) + "/" + id).then().statusCode(200);
        String afterFirst = admin().get(collection(kind) + "/" + id).asString();

        adminWithBadInput().contentType(ContentType.JSON).header("If-Match", etag)
                .body(Map.of(textField(kind), "Stale edit"))
                .patch(collection(kind) + "/" + id).then().statusCode(412).contentType("application/problem+json");
        adminWithBadInput().header("If-Match", etag).delete(collection(kind) + "/" + id).then().statusCode(412)
                .contentType("application/problem+json");
        assertEquals(afterFirst, admin().get(collection(kind) + "/" + id).asString());

        String current = admin().get(collection(kind) + "/" + id).header("ETag");
        admin().header("If-Match", current).delete(collection(kind) + "/" + id).then().statusCode(204);
        adminWithBadInput().get(collection(kind) + "/" + id).then().statusCode(404);
    }

    @ParameterizedTest
    @ValueSource(strings = {"posts", "tags", "categories", "authors", "images"})
    void twoConcurrentPatchesWithTheSameIfMatchOneWinsOneGets412(String kind) throws Exception {
        String id = create(kind, "Raced " + unique()).path("id");
        String etag = admin().get(collection(kind) + "/" + id).header("ETag");
        List<Integer> statuses = new ArrayList<>(AtOnce.run(List.<Callable<Integer>>of(
                () -> patchedWith(kind, id, etag, "Alice's text"), () -> patchedWith(kind, id, etag, "Bob's text"))));
        Collections.sort(statuses);

        assertEquals(List.of(200, 412), statuses);
        admin().get(collection(kind) + "/" + id).then()
                .body("version", equalTo(Integer.parseInt(etag.replace("\"", "")) + 1));
    }

    private static int patchedWith(String kind, String id, String etag, String text) {
        return adminWithBadInput().contentType(ContentType.JSON).header("If-Match", etag)
                .body(Map.of(textField(kind), text)).patch(collection(kind) + "/" + id).statusCode();
    }

    /** A new one, named so (a post: titled; an image: described). */
    private static Response create(String kind, String name) {
        Response created = switch (kind) {
            case "posts" -> admin().body(Posts.draft(name)).post(collection(kind));
            case "images" -> adminMultipart().multiPart("file", "raced.png", Images.uniquePng(8, 8), "image/png")
                    .multiPart("alt", name).post(collection(kind));
            default -> admin().body(Map.of("name", name)).post(collection(kind));
        };
        created.then().statusCode(201);
        return created;
    }

    private static String collection(String kind) {
        return "/api/admin/" + kind;
    }

    private static String textField(String kind) {
        return switch (kind) {
            case "authors" -> "bio";
            case "images" -> "alt";
            case "posts" -> "title";
            default -> "description";
        };
    }

    /** Its version in the list (by name, or newest first): page on until it shows. */
    private static String listedVersion(String kind, String id) {
        for (int page = 1; ; page++) {
            JsonPath list = admin().queryParam("limit", 100).queryParam("page", page).get(collection(kind)).jsonPath();
            String version = list.getString("items.find { it.id == '" + id + "' }.version");
            if (version != null || page >= list.getInt("pagination.pages")) {
                return version;
            }
        }
    }

    private static String etagOf(JsonPath body) {
        return "\"" + body.getLong("version") + "\"";
    }
}
