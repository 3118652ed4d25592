package io.inkwell.support;

import static io.restassured.RestAssured.given;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import com.atlassian.oai.validator.restassured.OpenApiValidationFilter;
import io.inkwell.common.db.embedded.EmbeddedDatabase;
import io.quarkus.test.common.QuarkusTestResource;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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

    /**
     * An admin request with no Content-Type header at all, which RestAssured cannot send (it
     * picks one for every body); only the status and problem fields are checked, by the caller.
     */
    public static HttpResponse<String> adminWithoutContentType(String method, String path, byte[] body) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(RestAssured.baseURI + ":" + RestAssured.port + path))
                .header("Authorization", "Bearer " + ADMIN_TOKEN)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        try {
            return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
                    .send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Sends an admin request over a bare socket, with headers no HTTP client lets a caller set
     * (a Content-Length that promises more than the body holds), and returns the status line
     * and headers of the answer. A server that waited for the promised bytes would let the
     * read time out, so an answer at all proves the body was judged by its declared length.
     */
    public static String rawAdminRequest(String method, String path, String headers, byte[] body) {
        try (java.net.Socket socket = new java.net.Socket("localhost", RestAssured.port)) {
            socket.setSoTimeout(10_000);
            String head = method + " " + path + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + ADMIN_TOKEN
                    + "\r\nConnection: close\r\n" + headers + "\r\n";
            socket.getOutputStream().write(head.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            socket.getOutputStream().write(body);
            socket.getOutputStream().flush();
            java.io.BufferedReader in = new java.io.BufferedReader(new java.io.InputStreamReader(
                    socket.getInputStream(), java.nio.charset.StandardCharsets.ISO_8859_1));
            StringBuilder answer = new StringBuilder();
            for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
                answer.append(line).append('\n');
            }
            return answer.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A problem+json answer of this status whose first error names this field. */
    public static void assertProblem(HttpResponse<String> response, int status, String field) {
        org.junit.jupiter.api.Assertions.assertEquals(status, response.statusCode(), response.body());
        org.junit.jupiter.api.Assertions.assertEquals("application/problem+json",
                response.headers().firstValue("Content-Type").orElse(""));
        io.restassured.path.json.JsonPath problem = io.restassured.path.json.JsonPath.from(response.body());
        org.junit.jupiter.api.Assertions.assertEquals(status, problem.getInt("status"));
        org.junit.jupiter.api.Assertions.assertEquals(field, problem.getString("errors[0].field"));
    }

    /** A request with this bearer token, checked against the contract both ways. */
    public static RequestSpecification withToken(String token) {
        return given().filter(CONTRACT).header("Authorization", "Bearer " + token).contentType(ContentType.JSON);
    }

    /** As {@link #withToken}, whose input is deliberately invalid; only the response is checked. */
    public static RequestSpecification withTokenAndBadInput(String token) {
        return given().filter(RESPONSE_CONTRACT).header("Authorization", "Bearer " + token);
    }

    /**
     * A client of its own: bad-token limits count per client address, and the tests' server
     * trusts X-Forwarded-For from loopback, so tests that send bad tokens stay apart.
     */
    public static String clientAddress() {
        java.util.concurrent.ThreadLocalRandom random = java.util.concurrent.ThreadLocalRandom.current();
        return "10." + random.nextInt(256) + "." + random.nextInt(256) + "." + (1 + random.nextInt(254));
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
