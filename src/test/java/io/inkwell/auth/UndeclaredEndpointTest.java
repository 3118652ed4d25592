package io.inkwell.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/**
 * An endpoint that does not declare who may call it is refused to everyone, admin included:
 * forgetting the annotation cannot open an endpoint. (The resources below exist only in tests,
 * and only to be refused; they are not in the contract, so plain HTTP is used.)
 */
@QuarkusTest
class UndeclaredEndpointTest {

    @Path("/test-only/undeclared")
    public static class UndeclaredPublicLooking {
        @GET
        public String get() {
            return "reached";
        }
    }

    @Path("/api/admin/test-only-undeclared")
    public static class UndeclaredAdmin {
        @GET
        public String get() {
            return "reached";
        }
    }

    @Test
    void anEndpointWithoutADeclaredPermissionIsRefusedToAnonymousAndToAdmin() throws Exception {
        HttpResponse<String> anonymous = get("/test-only/undeclared", null);
        assertEquals(401, anonymous.statusCode(), anonymous.body());
        assertFalse(anonymous.body().contains("reached"));

        HttpResponse<String> admin = get("/api/admin/test-only-undeclared", "test-admin-token");
        assertEquals(403, admin.statusCode(), admin.body());
        assertFalse(admin.body().contains("reached"));
        assertEquals("application/problem+json", admin.headers().firstValue("Content-Type").orElse(""));
    }

    private static HttpResponse<String> get(String path, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + RestAssured.port + path));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
