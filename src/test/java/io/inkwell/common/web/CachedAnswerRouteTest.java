package io.inkwell.common.web;

import static io.inkwell.support.Api.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.inkwell.support.CachedAnswers;
import io.inkwell.support.Posts;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A cached answer sent by the router ({@link CachedAnswerRoute}) is the answer the resource
 * gives ({@link CachedAnswers}; FeedApiTest does the same for feeds and the sitemap), and
 * requests the resource would refuse are still refused.
 */
@QuarkusTest
class CachedAnswerRouteTest {

    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Inject
    CachedAnswerRoute route;

    @Test
    void theRouterAnswersAsTheResourcesDoForEveryJsonRoute() throws Exception {
        String word = "router" + unique().replaceAll("[^a-z0-9]", "").toLowerCase(Locale.ROOT);
        String tag = "Tag " + word;
        StringBuilder markdown = new StringBuilder();
        for (int i = 0; i < 30; i++) {
            markdown.append("A paragraph about ").append(word).append(", long enough to be worth compressing.\n\n");
        }
        String slug = Posts.createPublished("Post " + word, Map.of("markdown", markdown.toString(), "tags", List.of(tag)))
                .getString("slug");
        String tagSlug = RestAssured.given().get("/api/content/posts/" + slug).then().statusCode(200)
                .extract().jsonPath().getString("tags[0].slug");

        for (String path : List.of("/api/content/posts/" + slug, "/api/content/posts?limit=3",
                "/api/content/posts?tag=" + tagSlug, "/api/content/tags", "/api/content/tags/" + tagSlug,
                "/api/content/authors", "/api/content/search?q=" + word)) {
            CachedAnswers.assertRouterAnswersAsTheResource(path, "application/json", route);
        }
    }

    /** An address padded far past any real one is answered, but never remembered: it could only fill the map. */
    @Test
    void aVeryLongAddressIsAnsweredTheWholeWayEveryTime() throws Exception {
        String path = "/api/content/posts?limit=" + "0".repeat(600) + "3";
        assertEquals(200, get(path, Map.of()).statusCode());
        long before = route.answered();
        HttpResponse<byte[]> again = get(path, Map.of());
        assertEquals(200, again.statusCode());
        assertEquals(List.of("HIT"), again.headers().allValues("X-Cache"), "from the cache, through the resource");
        assertEquals(before, route.answered());
    }

    @Test
    void requestsTheResourceWouldRefuseAreStillRefusedOnceTheAnswerIsCached() throws Exception {
        String slug = Posts.createPublished("Refused " + unique(), Map.of()).getString("slug");
        String path = "/api/content/posts/" + slug;
        assertEquals(200, get(path, Map.of()).statusCode());
        assertEquals(200, get(path, Map.of()).statusCode());

        long before = route.answered();
        assertEquals(406, get(path, Map.of("Accept", "text/html")).statusCode(), "a type the API does not make");
        assertEquals(before, route.answered());
        HttpResponse<byte[]> head = CLIENT.send(HttpRequest.newBuilder(uri(path)).method("HEAD",
                HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, head.statusCode(), "HEAD goes to the resource");
        assertEquals(0, head.body().length);
    }

    private static HttpResponse<byte[]> get(String path, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path));
        headers.forEach(request::header);
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static URI uri(String path) {
        return URI.create("http://localhost:" + RestAssured.port + path);
    }
}
