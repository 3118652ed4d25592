package io.inkwell.support;

import static io.inkwell.support.Api.admin;

import java.util.Map;

/** Tokens of each role for tests, made through the Admin API as a client would. */
public final class Tokens {

    private Tokens() {
    }

    /** An author record for a token to act for; returns its id. */
    public static String author(String name) {
        return admin().body(Map.of("name", name + " " + Api.unique())).post("/api/admin/authors")
                .then().statusCode(201).extract().path("id");
    }

    /** The secret of a new token of this role, acting for {@code authorId} (may be null). */
    public static String create(String role, String authorId) {
        return issue(role, authorId, null).secret();
    }

    public record Issued(String id, String secret) {
    }

    public static Issued issue(String role, String authorId, String expiresAt) {
        java.util.Map<String, Object> body = new java.util.HashMap<>();
        body.put("name", role + " token " + Api.unique());
        body.put("role", role);
        if (authorId != null) {
            body.put("authorId", authorId);
        }
        if (expiresAt != null) {
            body.put("expiresAt", expiresAt);
        }
        io.restassured.response.ExtractableResponse<io.restassured.response.Response> created = admin().body(body)
                .post("/api/admin/tokens").then().statusCode(201).extract();
        return new Issued(created.path("token.id"), created.path("secret"));
    }

    public static void revoke(String id) {
        admin().delete("/api/admin/tokens/" + id).then().statusCode(204);
    }
}
