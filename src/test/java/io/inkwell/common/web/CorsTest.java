package io.inkwell.common.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Browsers' cross-origin requests, as a browser sends them: a preflight (OPTIONS with Origin and
 * Access-Control-Request-Method, no token), then the request with Origin. Any origin may read
 * the Content API; the Admin API only the configured origins (https://admin.example in tests).
 * Plain HTTP: preflights are not operations of the contract.
 */
@QuarkusTest
class CorsTest {

    private static final String FRONTEND = "https://blog.example";
    private static final String ADMIN_UI = "https://admin.example";

    @Test
    void anyOriginMayReadTheContentApi() throws Exception {
        HttpResponse<String> preflight = preflight("/api/content/posts", FRONTEND, "GET", null);
        assertEquals(204, preflight.statusCode());
        assertEquals(Optional.of("*"), preflight.headers().firstValue("Access-Control-Allow-Origin"));
        assertTrue(preflight.headers().firstValue("Access-Control-Allow-Methods").orElse("").contains("GET"));

        HttpResponse<String> read = send("GET", "/api/content/posts", FRONTEND, null);
        assertEquals(200, read.statusCode());
        assertEquals(Optional.of("*"), read.headers().firstValue("Access-Control-Allow-Origin"));
        assertTrue(read.headers().firstValue("Access-Control-Expose-Headers").orElse("").contains("ETag"));

        HttpResponse<String> missing = send("GET", "/api/content/posts/no-such-post-anywhere", FRONTEND, null);
        assertEquals(404, missing.statusCode());
        assertEquals(Optional.of("*"), missing.headers().firstValue("Access-Control-Allow-Origin"), "errors too");
    }

    @Test
    void theContentApiIsNotWritableFromAnotherOrigin() throws Exception {
        HttpResponse<String> preflight = preflight("/api/content/posts", FRONTEND, "POST", null);
        assertEquals(Optional.empty(), preflight.headers().firstValue("Access-Control-Allow-Origin"));
    }

    @Test
    void theAdminApiAnswersOnlyConfiguredOrigins() throws Exception {
        HttpResponse<String> refused = preflight("/api/admin/posts", FRONTEND, "POST", "authorization, content-type");
        assertEquals(Optional.empty(), refused.headers().firstValue("Access-Control-Allow-Origin"),
                "an origin not configured gets no permission");
        HttpResponse<String> unlistedRead = send("GET", "/api/admin/posts", FRONTEND, "test-admin-token");
        assertEquals(Optional.empty(), unlistedRead.headers().firstValue("Access-Control-Allow-Origin"));

        HttpResponse<String> allowed = preflight("/api/admin/posts", ADMIN_UI, "PATCH", "authorization, if-match");
        assertEquals(204, allowed.statusCode(), "a preflight needs no token");
        assertEquals(Optional.of(ADMIN_UI), allowed.headers().firstValue("Access-Control-Allow-Origin"));
        assertTrue(allowed.headers().firstValue("Access-Control-Allow-Headers").orElse("").contains("Authorization"));
        assertTrue(allowed.headers().firstValue("Access-Control-Allow-Methods").orElse("").contains("PATCH"));

        HttpResponse<String> read = send("GET", "/api/admin/posts", ADMIN_UI, "test-admin-token");
        assertEquals(200, read.statusCode());
        assertEquals(Optional.of(ADMIN_UI), read.headers().firstValue("Access-Control-Allow-Origin"));
        assertTrue(read.headers().allValues("Vary").stream().anyMatch(vary -> vary.contains("Origin")));

        HttpResponse<String> noToken = send("GET", "/api/admin/posts", ADMIN_UI, null);
        assertEquals(401, noToken.statusCode());
        assertEquals(Optional.of(ADMIN_UI), noToken.headers().firstValue("Access-Control-Allow-Origin"),
                "the admin page may read why it was refused");
    }

    /** Preflights pass the Admin API's token check; a plain OPTIONS then learns only the methods (public in the contract). */
    @Test
    void anOptionsRequestWithoutTokenLearnsOnlyTheAllowedMethods() throws Exception {
        HttpResponse<String> options = send("OPTIONS", "/api/admin/posts", null, null);
        assertEquals(200, options.statusCode());
        assertEquals("", options.body());
        assertTrue(options.headers().firstValue("Allow").orElse("").contains("POST"));
    }

    private static HttpResponse<String> preflight(String path, String origin, String method, String headers)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", origin).header("Access-Control-Request-Method", method);
        if (headers != null) {
            request.header("Access-Control-Request-Headers", headers);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> send(String method, String path, String origin, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).method(method, HttpRequest.BodyPublishers.noBody());
        if (origin != null) {
            request.header("Origin", origin);
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static URI uri(String path) {
        return URI.create("http://localhost:" + RestAssured.port + path);
    }
}
