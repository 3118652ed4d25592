package io.inkwell.auth;

import static io.inkwell.support.Api.admin;
import static io.inkwell.support.Api.anonymous;
import static io.inkwell.support.Api.content;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.inkwell.support.Posts;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.List;
import org.junit.jupiter.api.Test;

@QuarkusTest
class AdminAuthTest {

    @Inject
    EntityManager entityManager;

    @Test
    void adminApiWithoutTokenIs401AndWritesNothing() {
        long before = Posts.adminTotal();
        anonymous().contentType(ContentType.JSON).body("{\"title\": \"sneaky\"}").post("/api/admin/posts").then()
                .statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", containsString("Bearer"))
                .body("status", equalTo(401));
        assertEquals(before, Posts.adminTotal());
    }

    @Test
    void wrongTokenIs401EvenForUnknownAdminPaths() {
        anonymous().header("Authorization", "Bearer wrong").get("/api/admin/posts").then().statusCode(401)
                .body("detail", containsString("not valid"));
        anonymous().get("/api/admin/no-such-thing").then().statusCode(401);
        anonymous().header("Authorization", "Basic dGVzdDp0ZXN0").get("/api/admin/tags").then().statusCode(401);
    }

    @Test
    void oddlySpelledAdminAddressesStillNeedAToken() throws Exception {
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        for (String path : List.of("/api/%61dmin/posts", "/api/./admin/posts", "/api/content/../admin/posts",
                "/api;x/admin/posts", "/API/ADMIN/posts", "//api//admin/posts")) {
            java.net.http.HttpResponse<String> response = http.send(java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create("http://localhost:" + io.restassured.RestAssured.port + path)).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            org.hamcrest.MatcherAssert.assertThat(path + " answered " + response.body(), response.statusCode(),
                    org.hamcrest.Matchers.anyOf(equalTo(401), equalTo(404)));
            assertTrue(!response.body().contains("\"items\""), path + " leaked the admin list");
        }
    }

    @Test
    void aTokenLearnsWhoItIsAndNeverItsSecret() {
        String body = admin().get("/api/admin/me").then().statusCode(200)
                .body("role", equalTo("admin"))
                .body("name", containsString("INKWELL_ADMIN_TOKEN"))
                .extract().asString();
        assertTrue(!body.contains("test-admin-token"), "the secret is never shown");
        anonymous().get("/api/admin/me").then().statusCode(401);
        anonymous().header("Authorization", "Bearer wrong").get("/api/admin/me").then().statusCode(401);
    }

    @Test
    void contentApiNeedsNoToken() {
        content().get("/api/content/posts").then().statusCode(200);
    }

    @Test
    void tokensAreStoredOnlyAsHashes() {
        @SuppressWarnings("unchecked")
        List<String> hashes = entityManager.createNativeQuery("select token_hash from api_token").getResultList();
        assertTrue(hashes.contains(TokenService.hash(io.inkwell.support.Api.ADMIN_TOKEN)));
        hashes.forEach(hash -> assertNotEquals(io.inkwell.support.Api.ADMIN_TOKEN, hash));
    }
}
