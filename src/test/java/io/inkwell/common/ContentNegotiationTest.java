package io.inkwell.common;

import static io.inkwell.support.Api.admin;
import static io.inkwell.support.Api.content;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** What a client gets for the Accept headers real clients send. */
@QuarkusTest
class ContentNegotiationTest {

    @Test
    void aClientAcceptingOnlyProblemJsonGetsTheJsonAnswer() {
        // What a client generated from openapi.yaml may send: the error media type alone.
        admin().accept("application/problem+json").get("/api/admin/posts").then()
                .statusCode(200).contentType(startsWith("application/json"));
        content().accept("application/problem+json").get("/api/content/posts").then()
                .statusCode(200).contentType(startsWith("application/json"));
    }

    @Test
    void errorsStillComeAsProblemJsonForSuchAClient() {
        admin().accept("application/problem+json").get("/api/admin/posts/00000000-0000-0000-0000-000000000000")
                .then().statusCode(404).contentType("application/problem+json").body("status", equalTo(404));
    }

    @Test
    void anyAcceptOrNoneGetsJson() {
        content().accept("*/*").get("/api/content/tags").then().statusCode(200)
                .contentType(startsWith("application/json"));
        content().header("Accept", "").get("/api/content/tags").then().statusCode(200)
                .contentType(startsWith("application/json"));
    }
}
