package io.inkwell.support;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.inkwell.common.web.CachedAnswerRoute;
import io.restassured.RestAssured;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Compares a cached Content API answer sent by the router (CachedAnswerRoute) with the one the
 * resource sends: same status, headers and bytes, for every way of asking (plain, compressed,
 * from a browser origin, revalidating). Under {@link PublicUrlProfile} only the site's origin
 * may read the Content API, so there one origin is named in the answer (with
 * {@code Vary: Origin}) and the other gets no CORS headers at all. A request that asks for more
 * than the cached type ({@code Accept: <type>, *}{@code /*;q=0.1}) always goes to the resource,
 * so each pair compares the two ways.
 */
public final class CachedAnswers {

    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private CachedAnswers() {
    }

    /**
     * Asks for {@code path} in several ways, each once through the resource and once as the
     * router answers a cached target, and compares the two answers in full.
     */
    public static void assertRouterAnswersAsTheResource(String path, String type, CachedAnswerRoute route) throws Exception {
        // Asked twice: a search answer is kept from its second ask, every other from its first.
        assertEquals(200, get(path, Map.of()).statusCode(), path);
        HttpResponse<byte[]> first = get(path, Map.of());
        assertEquals(200, first.statusCode(), path);
        String etag = first.headers().firstValue("ETag").orElseThrow();
        List<Map<String, String>> ways = List.of(Map.of(), Map.of("Accept-Encoding", "gzip"),
                Map.of("Accept-Encoding", "br, gzip", "Origin", "https://reader.example"),
                Map.of("Origin", PublicUrlProfile.SITE),
                Map.of("If-None-Match", etag), Map.of("Accept-Encoding", "gzip", "If-None-Match", etag),
                Map.of("Accept", type), Map.of("Accept", "*/*"));
        for (Map<String, String> way : ways) {
            Map<String, String> throughResource = new TreeMap<>(way);
            throughResource.put("Accept", type + ", */*;q=0.1");
            long before = route.answered();
            HttpResponse<byte[]> resource = get(path, throughResource);
            assertEquals(before, route.answered(), "answered by the resource: " + path + " with " + throughResource);
            HttpResponse<byte[]> router = get(path, way);
            assertEquals(before + 1, route.answered(), "answered by the router: " + path + " with " + way);

            String what = path + " with " + way;
            assertEquals(resource.statusCode(), router.statusCode(), what);
            assertEquals(List.of("HIT"), router.headers().allValues("X-Cache"), what);
            assertEquals(headers(resource), headers(router), what);
            assertArrayEquals(resource.body(), router.body(), what);
        }
    }

    private static Map<String, List<String>> headers(HttpResponse<?> response) {
        Map<String, List<String>> headers = new TreeMap<>();
        response.headers().map().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), new ArrayList<>(values)));
        return headers;
    }

    private static HttpResponse<byte[]> get(String path, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + RestAssured.port + path));
        headers.forEach(request::header);
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }
}
