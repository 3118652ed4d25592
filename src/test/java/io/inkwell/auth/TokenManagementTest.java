package io.inkwell.auth;

import static io.inkwell.support.Api.admin;
import static io.inkwell.support.Api.adminWithBadInput;
import static io.inkwell.support.Api.anonymous;
import static io.inkwell.support.Api.withToken;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.inkwell.support.Api;
import io.inkwell.support.MovableClock;
import io.inkwell.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class TokenManagementTest {

    @Inject
    MovableClock clock;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void aNewTokenIsShownOnceWorksAtOnceAndListsOnlyItsPrefix() {
        String authorId = Tokens.author("Token Owner");
        var created = admin().body(Map.of("name", "Jane's laptop", "role", "author", "authorId", authorId))
                .post("/api/admin/tokens").then().statusCode(201)
                .header("Cache-Control", "no-store")
                .header("Location", containsString("/api/admin/tokens/"))
                .body("secret", matchesPattern("ink_[A-Za-z0-9_-]{43}"))
                .body("token.role", equalTo("author"))
                .body("token.authorId", equalTo(authorId))
                .extract();
        String secret = created.path("secret");
        String id = created.path("token.id");

        withToken(secret).get("/api/admin/me").then().statusCode(200)
                .body("id", equalTo(id)).body("role", equalTo("author")).body("authorId", equalTo(authorId))
                .body("prefix", equalTo(secret.substring(0, 8)));
        String list = admin().get("/api/admin/tokens?limit=100").then().statusCode(200)
                .body("items.id", hasItem(id)).extract().asString();
        assertFalse(list.contains(secret), "the list never shows a secret");
        String one = admin().get("/api/admin/tokens/" + id).then().statusCode(200)
                .body("name", equalTo("Jane's laptop")).extract().asString();
        assertFalse(one.contains(secret));
    }

    @Test
    void aBadTokenRequestNamesEveryBadFieldAndCreatesNothing() {
        long before = admin().get("/api/admin/tokens?limit=1").then().extract().jsonPath().getLong("pagination.total");
        adminWithBadInput().contentType("application/json")
                .body(Map.of("name", " ", "role", "contributor", "expiresAt", "2020-01-01T00:00:00Z"))
                .post("/api/admin/tokens").then().statusCode(422)
                .body("errors.field", equalTo(List.of("authorId", "expiresAt", "name")));
        adminWithBadInput().contentType("application/json")
                .body(Map.of("name", "key", "role", "content", "authorId", Tokens.author("Nobody")))
                .post("/api/admin/tokens").then().statusCode(422)
                .body("errors.field", equalTo(List.of("authorId")));
        adminWithBadInput().contentType("application/json")
                .body(Map.of("name", "key", "role", "superuser"))
                .post("/api/admin/tokens").then().statusCode(400)
                .body("errors[0].field", equalTo("role"))
                // The roles as they are sent, which the message offers.
                .body("errors[0].message", containsString("content, contributor, author, editor, admin"));
        adminWithBadInput().contentType("application/json")
                .body(Map.of("name", "ghost", "role", "author", "authorId", "00000000-0000-0000-0000-000000000001"))
                .post("/api/admin/tokens").then().statusCode(422)
                .body("errors.field", equalTo(List.of("authorId")));
        admin().get("/api/admin/tokens?limit=1").then().body("pagination.total", equalTo((int) before));
    }

    @Test
    void aRevokedTokenIsRefusedAtOnce() {
        Tokens.Issued token = Tokens.issue("editor", null, null);
        withToken(token.secret()).get("/api/admin/posts?limit=1").then().statusCode(200);

        Tokens.revoke(token.id());

        anonymous().header("Authorization", "Bearer " + token.secret()).header("X-Forwarded-For", Api.clientAddress())
                .get("/api/admin/posts?limit=1").then().statusCode(401);
        admin().get("/api/admin/tokens/" + token.id()).then().statusCode(404);
        admin().delete("/api/admin/tokens/" + token.id()).then().statusCode(404);
        admin().get("/api/admin/tokens?limit=100").then().body("items.id", not(hasItem(token.id())));
    }

    @Test
    void anExpiredTokenIsRefused() {
        String expiresAt = OffsetDateTime.now(ZoneOffset.UTC).plusHours(1).toString();
        Tokens.Issued token = Tokens.issue("editor", null, expiresAt);
        withToken(token.secret()).get("/api/admin/me").then().statusCode(200).body("expiresAt", notNullValue());

        clock.advance(Duration.ofHours(2));

        anonymous().header("Authorization", "Bearer " + token.secret()).header("X-Forwarded-For", Api.clientAddress())
                .get("/api/admin/me").then().statusCode(401);
    }

    @Test
    void aRotatedSecretKeepsWorkingForItsGracePeriodOnly() {
        Tokens.Issued token = Tokens.issue("editor", null, null);
        var rotated = admin().body(Map.of("graceSeconds", 600)).post("/api/admin/tokens/" + token.id() + "/rotate")
                .then().statusCode(200).header("Cache-Control", "no-store")
                .body("token.id", equalTo(token.id()))
                .body("token.previousSecretValidUntil", notNullValue())
                .extract();
        String newSecret = rotated.path("secret");
        withToken(newSecret).get("/api/admin/me").then().statusCode(200).body("id", equalTo(token.id()));
        withToken(token.secret()).get("/api/admin/me").then().statusCode(200).body("id", equalTo(token.id()));

        clock.advance(Duration.ofMinutes(11));

        anonymous().header("Authorization", "Bearer " + token.secret()).header("X-Forwarded-For", Api.clientAddress())
                .get("/api/admin/me").then().statusCode(401);
        withToken(newSecret).get("/api/admin/me").then().statusCode(200);

        // Without a grace period the old secret stops at once; an empty body takes the default.
        String third = admin().body(Map.of("graceSeconds", 0)).post("/api/admin/tokens/" + token.id() + "/rotate")
                .then().statusCode(200).extract().path("secret");
        anonymous().header("Authorization", "Bearer " + newSecret).header("X-Forwarded-For", Api.clientAddress())
                .get("/api/admin/me").then().statusCode(401);
        withToken(third).get("/api/admin/me").then().statusCode(200);
        adminWithBadInput().contentType("application/json").body(Map.of("graceSeconds", -1))
                .post("/api/admin/tokens/" + token.id() + "/rotate").then().statusCode(422)
                .body("errors[0].field", equalTo("graceSeconds"));
        // A whole number too large for the field is named too, not "malformed JSON".
        adminWithBadInput().contentType("application/json").body("{\"graceSeconds\": 2147483648}")
                .post("/api/admin/tokens/" + token.id() + "/rotate").then().statusCode(400)
                .body("errors[0].field", equalTo("graceSeconds"))
                .body("errors[0].message", containsString("out of range"));
        withToken(third).get("/api/admin/me").then().statusCode(200);
    }

    @Test
    void theBootstrapTokenIsChangedThroughItsVariableNotRotatedAndTheLastAdminStays() {
        String bootstrapId = admin().get("/api/admin/me").then().statusCode(200)
                .body("bootstrap", equalTo(true)).extract().path("id");
        admin().post("/api/admin/tokens/" + bootstrapId + "/rotate").then().statusCode(409)
                .body("detail", containsString("INKWELL_ADMIN_TOKEN"));

        // Leave the bootstrap token as the only admin: then it cannot be revoked.
        List<String> otherAdmins = admin().get("/api/admin/tokens?limit=100").then().statusCode(200)
                .extract().jsonPath().getList("items.findAll { it.role == 'admin' && !it.bootstrap }.id");
        otherAdmins.forEach(Tokens::revoke);
        admin().delete("/api/admin/tokens/" + bootstrapId).then().statusCode(409)
                .body("detail", containsString("last admin"));
        admin().get("/api/admin/me").then().statusCode(200);
    }

    @Test
    void lastUseIsRecorded() {
        Tokens.Issued token = Tokens.issue("contributor", Tokens.author("Recent User"), null);
        withToken(token.secret()).get("/api/admin/me").then().statusCode(200);
        Awaitility.await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                admin().get("/api/admin/tokens/" + token.id()).then().body("lastUsedAt", notNullValue()));
    }

    @Test
    void onlyAdminsManageTokens() {
        String editor = Tokens.create("editor", null);
        withToken(editor).get("/api/admin/tokens").then().statusCode(403);
        withToken(editor).body(Map.of("name", "mine", "role", "admin")).post("/api/admin/tokens").then().statusCode(403);
        admin().get("/api/admin/tokens?limit=100").then().body("items.role", everyItem(notNullValue()));
    }
}
