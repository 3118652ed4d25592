package io.inkwell.auth;

import static io.inkwell.support.Api.admin;
import static io.inkwell.support.Api.anonymous;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.lessThanOrEqualTo;

import io.inkwell.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** Brakes on guessing: the defaults, 10 bad tokens per address within 60 s. */
@QuarkusTest
class FailedAuthenticationsTest {

    @Test
    void tenBadTokensFromOneAddressBlockEveryTokenFromItForAWhile() {
        String guesser = Api.clientAddress();
        for (int i = 0; i < 10; i++) {
            anonymous().header("X-Forwarded-For", guesser).header("Authorization", "Bearer ink_guess" + i)
                    .get("/api/admin/posts").then().statusCode(401);
        }
        anonymous().header("X-Forwarded-For", guesser).header("Authorization", "Bearer ink_guess10")
                .get("/api/admin/posts").then().statusCode(429)
                .contentType("application/problem+json")
                .header("Retry-After", org.hamcrest.Matchers.matchesPattern("\\d+"))
                .body("status", equalTo(429));
        int retryAfter = Integer.parseInt(anonymous().header("X-Forwarded-For", guesser)
                .header("Authorization", "Bearer " + Api.ADMIN_TOKEN)
                .get("/api/admin/posts").then().statusCode(429).extract().header("Retry-After"));
        org.hamcrest.MatcherAssert.assertThat(retryAfter, allOf(greaterThan(0), lessThanOrEqualTo(60)));

        // Other clients are not affected, and nothing but tokens is blocked.
        admin().header("X-Forwarded-For", Api.clientAddress()).get("/api/admin/posts?limit=1").then().statusCode(200);
        anonymous().header("X-Forwarded-For", guesser).get("/api/admin/posts").then().statusCode(401);
        Api.content().header("X-Forwarded-For", guesser).get("/api/content/posts?limit=1").then().statusCode(200);
    }
}
