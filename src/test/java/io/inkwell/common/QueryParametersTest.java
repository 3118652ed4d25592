package io.inkwell.common;

import static io.inkwell.support.Api.adminWithBadInput;
import static io.inkwell.support.Api.anonymous;
import static io.inkwell.support.Api.content;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** A query parameter an operation does not take is refused, never silently ignored. */
@QuarkusTest
class QueryParametersTest {

    @Test
    void aMisspelledFilterIs400InsteadOfListingEverything() {
        // ?tags= instead of ?tag=: ignoring it would answer with every post.
        anonymous().get("/api/content/posts?tags=python").then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors", hasSize(1))
                .body("errors[0].field", equalTo("tags"))
                .body("errors[0].message", containsString("tag"));
    }

    @Test
    void everyUnknownParameterIsNamed() {
        adminWithBadInput().get("/api/admin/posts?stauts=draft&limit=5&sortBy=title").then().statusCode(400)
                .body("errors.field", equalTo(java.util.List.of("sortBy", "stauts")));
    }

    @Test
    void anOperationWithoutParametersRefusesAny() {
        anonymous().get("/api/content/tags/python?expand=posts").then().statusCode(400)
                .body("errors[0].field", equalTo("expand"))
                .body("errors[0].message", containsString("takes none"));
    }

    @Test
    void theParametersAnOperationTakesStillWork() {
        content().get("/api/content/posts?tag=python&page=1&limit=5").then().statusCode(200);
    }
}
