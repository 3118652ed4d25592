package io.inkwell.support;

import static io.restassured.RestAssured.given;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import com.atlassian.oai.validator.restassured.OpenApiValidationFilter;
import io.inkwell.common.db.embedded.EmbeddedDatabase;
import io.quarkus.test.common.QuarkusTestResource;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.nio.file.Path;
import java.util.UUID;

/**
 * Every test request goes through the contract in openapi.yaml: the request and the response
 * must both match it, so code and contract cannot drift.
 */
@QuarkusTestResource(EmbeddedDatabaseTestResource.class)
public final class Api {

    public static final String ADMIN_TOKEN = "test-admin-token";
    public static final Path CONTRACT_FILE = Path.of("openapi.yaml");

    private static final OpenApiValidationFilter CONTRACT = new OpenApiValidationFilter(
            OpenApiInteractionValidator.createForSpecificationUrl(CONTRACT_FILE.toUri().toString()).build());

    /** For bad-input tests: the request may break the contract, the error response may not. */
    private static final OpenApiValidationFilter RESPONSE_CONTRACT = new OpenApiValidationFilter(
            OpenApiInteractionValidator.createForSpecificationUrl(CONTRACT_FILE.toUri().toString())
                    .withLevelResolver(LevelResolver.create()
                            .withLevel("validation.request", ValidationReport.Level.IGNORE)
                            .build())
                    .build());

    /**
     * RestAssured hands multipart bodies to filters after they run, so the validator would
     * report them missing; everything else about the request and the response is checked.
     */
    private static final OpenApiValidationFilter MULTIPART_CONTRACT = new OpenApiValidationFilter(
            OpenApiInteractionValidator.createForSpecificationUrl(CONTRACT_FILE.toUri().toString())
                    .withLevelResolver(LevelResolver.create()
                            .withLevel("validation.request.body.missing", ValidationReport.Level.IGNORE)
                            .build())
                    .build());

    private Api() {
    }

    public static RequestSpecification adminMultipart() {
        return given().filter(MULTIPART_CONTRACT).header("Authorization", "Bearer " + ADMIN_TOKEN);
    }

    public static RequestSpecification admin() {
        return given().filter(CONTRACT).header("Authorization", "Bearer " + ADMIN_TOKEN).contentType(ContentType.JSON);
    }

    /** Admin request whose input is deliberately invalid; only the response is checked. */
    public static RequestSpecification adminWithBadInput() {
        return given().filter(RESPONSE_CONTRACT).header("Authorization", "Bearer " + ADMIN_TOKEN);
    }

    public static RequestSpecification anonymous() {
        return given().filter(RESPONSE_CONTRACT);
    }

    public static RequestSpecification content() {
        return given().filter(CONTRACT);
    }

    /** An admin request to a server started as a process ({@link PackagedServer}) with {@link #ADMIN_TOKEN}. */
    public static RequestSpecification admin(PackagedServer server) {
        return admin().baseUri("http://127.0.0.1").port(server.port());
    }

    /** A request to such a server whose input is deliberately invalid; only the response is checked. */
    public static RequestSpecification adminWithBadInput(PackagedServer server) {
        return adminWithBadInput().baseUri("http://127.0.0.1").port(server.port());
    }

    /** A suffix that keeps each test's slugs apart, so tests never depend on each other. */
    public static String unique() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    static boolean usesExternalDatabase() {
        return EmbeddedDatabase.externalDatabaseConfigured();
    }
}
