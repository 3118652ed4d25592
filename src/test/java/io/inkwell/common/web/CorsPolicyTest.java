package io.inkwell.common.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The origin rules alone, for the settings the HTTP test (CorsTest, any content origin) does not run with. */
class CorsPolicyTest {

    @Test
    void aContentAllowListNamesTheOriginInsteadOfAny() {
        CorsPolicy policy = new CorsPolicy(List.of("https://blog.example"), List.of());
        assertEquals(Optional.of("https://blog.example"),
                policy.grant("/api/content/posts", "https://blog.example").map(CorsPolicy.Grant::allowOrigin));
        assertEquals("Origin", policy.grant("/media/abc/x.png", "https://blog.example").orElseThrow()
                .responseHeaders().get("Vary"), "a named origin varies the answer");
        assertTrue(policy.grant("/api/content/posts", "https://other.example").isEmpty());
    }

    @Test
    void onlyTheApiAndMediaAreOpenAndTheAdminApiNeedsAnExactOrigin() {
        CorsPolicy policy = new CorsPolicy(List.of("*"), List.of("https://admin.example"));
        assertTrue(policy.grant("/q/health", "https://blog.example").isEmpty());
        assertTrue(policy.grant("/openapi.yaml", "https://blog.example").isEmpty());
        assertTrue(policy.grant("/api/admin/posts", "https://admin.example.evil").isEmpty());
        assertTrue(policy.grant("/api/administrator", "https://admin.example").isEmpty(), "a prefix of a word is no route");
        assertTrue(policy.grant("/api/content/posts", null).isEmpty(), "no Origin, no CORS headers");
        assertEquals(Optional.of("https://admin.example"),
                policy.grant("/api/admin", "https://admin.example").map(CorsPolicy.Grant::allowOrigin));
    }
}
