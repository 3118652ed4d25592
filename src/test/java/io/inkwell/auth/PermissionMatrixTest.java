package io.inkwell.auth;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import com.atlassian.oai.validator.restassured.OpenApiValidationFilter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.inkwell.support.Api;
import io.inkwell.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Every operation of openapi.yaml, called by every kind of caller: the answer must be the one
 * this matrix expects. The matrix is written here, apart from the code's {@link Role}, so a
 * change of either that the other does not share fails; an operation added to the contract
 * without a row here fails too.
 */
@QuarkusTest
class PermissionMatrixTest {

    /** The callers, least privileged first; each staff role can do what the ones before it can. */
    private static final List<String> ROLES = List.of("content", "contributor", "author", "editor", "admin");
    private static final String PUBLIC = "public";

    /** The least role each operation admits; PUBLIC needs no token. */
    private static final Map<String, String> LEAST_ROLE = Map.ofEntries(
            Map.entry("listPosts", "contributor"), Map.entry("getPost", "contributor"),
            Map.entry("createPost", "contributor"), Map.entry("updatePost", "contributor"),
            Map.entry("deletePost", "contributor"), Map.entry("discardPostChanges", "contributor"),
            Map.entry("createPostPreview", "contributor"), Map.entry("getPreview", PUBLIC),
            Map.entry("listPostRevisions", "contributor"), Map.entry("getPostRevision", "contributor"),
            Map.entry("diffPostRevision", "contributor"), Map.entry("restorePostRevision", "contributor"),
            Map.entry("publishPost", "author"), Map.entry("unpublishPost", "author"),
            Map.entry("listTags", "contributor"), Map.entry("getTag", "contributor"),
            Map.entry("createTag", "editor"), Map.entry("updateTag", "editor"), Map.entry("deleteTag", "editor"),
            Map.entry("listCategories", "contributor"), Map.entry("getCategory", "contributor"),
            Map.entry("createCategory", "editor"), Map.entry("updateCategory", "editor"),
            Map.entry("deleteCategory", "editor"),
            Map.entry("listAuthors", "contributor"), Map.entry("getAuthor", "contributor"),
            Map.entry("createAuthor", "editor"), Map.entry("updateAuthor", "editor"), Map.entry("deleteAuthor", "editor"),
            Map.entry("listImages", "contributor"), Map.entry("getImage", "contributor"),
            Map.entry("uploadImage", "contributor"), Map.entry("updateImage", "editor"), Map.entry("deleteImage", "editor"),
            Map.entry("migrateMedia", "admin"),
            Map.entry("importContent", "editor"), Map.entry("exportContent", "admin"),
            Map.entry("listTokens", "admin"), Map.entry("createToken", "admin"), Map.entry("getToken", "admin"),
            Map.entry("revokeToken", "admin"), Map.entry("rotateToken", "admin"),
            Map.entry("listActivity", "admin"),
            Map.entry("listWebhooks", "admin"), Map.entry("createWebhook", "admin"), Map.entry("getWebhook", "admin"),
            Map.entry("updateWebhook", "admin"), Map.entry("deleteWebhook", "admin"),
            Map.entry("rotateWebhookSecret", "admin"), Map.entry("sendWebhookTest", "admin"),
            Map.entry("listWebhookDeliveries", "admin"), Map.entry("redeliverWebhookDelivery", "admin"),
            Map.entry("whoAmI", "content"),
            Map.entry("listPublishedPosts", PUBLIC), Map.entry("getPublishedPost", PUBLIC),
            Map.entry("listPublishedPages", PUBLIC), Map.entry("getPublishedPage", PUBLIC),
            Map.entry("listPublishedTags", PUBLIC), Map.entry("getPublishedTag", PUBLIC),
            Map.entry("listPublishedCategories", PUBLIC), Map.entry("getPublishedCategory", PUBLIC),
            Map.entry("listPublishedAuthors", PUBLIC), Map.entry("getPublishedAuthor", PUBLIC),
            Map.entry("searchContent", PUBLIC),
            Map.entry("listContentChanges", PUBLIC),
            Map.entry("getSiteFeed", PUBLIC), Map.entry("getTagFeed", PUBLIC), Map.entry("getCategoryFeed", PUBLIC),
            Map.entry("getAuthorFeed", PUBLIC), Map.entry("getSitemap", PUBLIC), Map.entry("getSitemapPart", PUBLIC),
            Map.entry("getMedia", PUBLIC));

    /** Only the answers are checked against the contract: the requests are made up. */
    private static final OpenApiValidationFilter RESPONSES = new OpenApiValidationFilter(
            OpenApiInteractionValidator.createForSpecificationUrl(Api.CONTRACT_FILE.toUri().toString())
                    .withLevelResolver(LevelResolver.create()
                            .withLevel("validation.request", ValidationReport.Level.IGNORE).build())
                    .build());

    /** {@code bodyType}: the first media type its request body may have, or null without one. */
    private record Operation(String id, String method, String path, String bodyType) {
    }

    private final Map<String, String> tokens = new LinkedHashMap<>();
    private String revoked;
    private String expired;

    private void makeTokensOfEveryKind() throws InterruptedException {
        String person = Tokens.author("Matrix");
        for (String role : ROLES) {
            tokens.put(role, Tokens.create(role, role.equals("contributor") || role.equals("author") ? person : null));
        }
        Tokens.Issued gone = Tokens.issue("admin", null, null);
        Tokens.revoke(gone.id());
        revoked = gone.secret();
        expired = Tokens.issue("admin", null, OffsetDateTime.now(ZoneOffset.UTC).plusSeconds(2).toString()).secret();
        Thread.sleep(2500);
    }

    @Test
    void everyOperationHasARowAndEveryRowAnOperation() throws IOException {
        Set<String> documented = new TreeSet<>(operations().stream().map(Operation::id).toList());
        assertEquals(new TreeSet<>(LEAST_ROLE.keySet()), documented,
                "openapi.yaml's operations and this matrix must list the same operations");
    }

    @Test
    void everyCallerGetsTheAnswerTheMatrixExpects() throws IOException, InterruptedException {
        makeTokensOfEveryKind();
        List<String> wrong = new ArrayList<>();
        for (Operation operation : operations()) {
            String least = LEAST_ROLE.get(operation.id());
            if (least == null) {
                continue; // reported by the test above
            }
            boolean isPublic = least.equals(PUBLIC);
            check(wrong, operation, "anonymous", null, isPublic ? Outcome.ALLOWED : Outcome.UNAUTHENTICATED);
            if (isPublic) {
                continue; // public reads do not look at tokens (unless keys are required: TokensAcrossInstancesIT)
            }
            check(wrong, operation, "revoked token", revoked, Outcome.UNAUTHENTICATED);
            check(wrong, operation, "expired token", expired, Outcome.UNAUTHENTICATED);
            for (String role : ROLES) {
                boolean allowed = ROLES.indexOf(role) >= ROLES.indexOf(least);
                check(wrong, operation, role, tokens.get(role), allowed ? Outcome.ALLOWED : Outcome.FORBIDDEN);
            }
        }
        if (!wrong.isEmpty()) {
            fail(wrong.size() + " answers differ from the matrix:\n" + String.join("\n", wrong));
        }
    }

    private enum Outcome { UNAUTHENTICATED, FORBIDDEN, ALLOWED }

    private void check(List<String> wrong, Operation operation, String caller, String token, Outcome expected) {
        RequestSpecification request = given().filter(RESPONSES).header("X-Forwarded-For", Api.clientAddress());
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        // A body of the type the operation takes, so the answer is about the caller, not the input.
        if ("application/json".equals(operation.bodyType())) {
            request.contentType("application/json").body("{}");
        } else if ("multipart/form-data".equals(operation.bodyType())) {
            request.contentType("multipart/form-data; boundary=x").body("--x--\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        } else if (operation.bodyType() != null) {
            request.contentType(operation.bodyType()).body(new byte[0]);
        }
        int status = request.request(operation.method(), operation.path()).statusCode();
        boolean matches = switch (expected) {
            case UNAUTHENTICATED -> status == 401;
            case FORBIDDEN -> status == 403;
            // Past the permission check: whatever the made-up input earns, but not a refusal or a failure.
            case ALLOWED -> status != 401 && status != 403 && status != 429 && status < 500;
        };
        if (!matches) {
            wrong.add(operation.id() + " by " + caller + ": expected " + expected + ", got " + status);
        }
    }

    /** Every operation in the contract, with made-up values for its path parameters. */
    private static List<Operation> operations() throws IOException {
        JsonNode paths = new YAMLMapper().readTree(Api.CONTRACT_FILE.toFile()).get("paths");
        List<Operation> found = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = paths.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> path = it.next();
            String concrete = path.getKey()
                    .replace("{id}", UUID.randomUUID().toString())
                    .replace("{slug}", "no-such-slug")
                    .replace("{rev}", "1")
                    .replace("{idOrHash}", "no-such-image")
                    .replace("{filename}", "photo.jpg")
                    .replace("{deliveryId}", UUID.randomUUID().toString())
                    .replace("{token}", "no-such-token")
                    .replace("{format}", "rss.xml")
                    .replace("{number}", "1");
            assertTrue(!concrete.contains("{"), "a path parameter without a made-up value: " + path.getKey());
            for (Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields(); ops.hasNext(); ) {
                Map.Entry<String, JsonNode> op = ops.next();
                if (op.getValue().has("operationId")) {
                    JsonNode body = op.getValue().path("requestBody").path("content");
                    found.add(new Operation(op.getValue().get("operationId").asText(), op.getKey().toUpperCase(),
                            concrete, body.isObject() && body.size() > 0 ? body.fieldNames().next() : null));
                }
            }
        }
        return found;
    }
}
