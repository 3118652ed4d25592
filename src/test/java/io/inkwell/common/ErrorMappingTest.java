package io.inkwell.common;

import static io.inkwell.support.Api.adminWithBadInput;
import static io.inkwell.support.Api.anonymous;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Pins how each kind of failure reaches the client. */
@QuarkusTest
class ErrorMappingTest {

    @Test
    void beanValidationGoesThroughOurMapperNotQuarkusDefault() {
        adminWithBadInput().contentType(ContentType.JSON).body("{}").post("/api/admin/tags").then()
                .statusCode(422)
                .contentType("application/problem+json")
                .body("title", equalTo("Unprocessable Content"))
                .body("errors[0].field", equalTo("name"))
                .body("instance", equalTo("/api/admin/tags"));
    }

    @Test
    void unknownRouteIs404ProblemJson() {
        anonymous().get("/api/content/nothing-here").then().statusCode(404)
                .contentType("application/problem+json").body("status", equalTo(404));
    }

    @Test
    void wrongMethodIs405ProblemJson() {
        adminWithBadInput().put("/api/admin/tags").then().statusCode(405)
                .contentType("application/problem+json");
    }

    /**
     * Writes sent where no route takes them, without a token: nothing has authenticated them, and
     * the activity log must not ask who sent them (on the I/O thread that was a 500).
     */
    @Test
    void writesWhereNoRouteTakesThemAreProblemJsonNot500() {
        for (String path : List.of("/api/content/posts", "/api/content/tags", "/api/content/search", "/nothing-here",
                "/media/" + "0".repeat(64) + "/x.png")) {
            for (String method : List.of("POST", "PUT", "PATCH", "DELETE")) {
                anonymous().request(method, path).then().statusCode(anyOf(is(404), is(405)))
                        .contentType("application/problem+json");
            }
        }
    }

    @Test
    void unexpectedFailureIs500WithoutInternals() {
        anonymous().get("/test-support/boom").then().statusCode(500)
                .contentType("application/problem+json")
                .body("detail", not(containsString("IllegalStateException")))
                .body("detail", not(containsString("database password")))
                .body(not(containsString("io.inkwell")));
    }

    /** Two writes that wait for each other: PostgreSQL rolls one back, and its client may simply retry. */
    @Test
    void aDeadlockIs503WithRetryAfterNot500() {
        anonymous().post("/test-support/deadlock").then().statusCode(503)
                .contentType("application/problem+json")
                .header("Retry-After", "1")
                .body("detail", containsString("collided with another"));
    }

    @Test
    void tooLongAddressIs414ProblemJson() {
        // Refused before any route is chosen: the answer is the same on every path.
        adminWithBadInput().get("/api/content/posts?tag=" + "a".repeat(9000)).then().statusCode(414)
                .contentType("application/problem+json")
                .body("status", equalTo(414))
                .body("title", equalTo("URI Too Long"));
    }

    @Test
    void tooLargeHeadersAre431ProblemJson() {
        adminWithBadInput().header("X-Padding", "p".repeat(30_000)).get("/api/admin/tags").then().statusCode(431)
                .contentType("application/problem+json")
                .body("status", equalTo(431))
                .body("title", equalTo("Request Header Fields Too Large"));
    }
}
