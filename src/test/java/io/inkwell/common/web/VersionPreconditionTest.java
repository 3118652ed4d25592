package io.inkwell.common.web;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.inkwell.common.error.PreconditionFailedException;
import org.junit.jupiter.api.Test;

class VersionPreconditionTest {

    @Test
    void noIfMatchAllowsAnyVersion() {
        assertDoesNotThrow(() -> VersionPrecondition.ifMatch(null).check(7, "post"));
        assertDoesNotThrow(() -> VersionPrecondition.ifMatch(" ").check(7, "post"));
    }

    @Test
    void theCurrentTagOrAStarAllowsAlsoInAList() {
        assertDoesNotThrow(() -> VersionPrecondition.ifMatch("\"7\"").check(7, "post"));
        assertDoesNotThrow(() -> VersionPrecondition.ifMatch("*").check(7, "post"));
        assertDoesNotThrow(() -> VersionPrecondition.ifMatch("\"3\", \"7\"").check(7, "post"));
    }

    /** If-Match compares strongly (RFC 9110, 13.1.1): a weak tag never matches, not even the current one. */
    @Test
    void aWeakTagIs412() {
        assertThrows(PreconditionFailedException.class, () -> VersionPrecondition.ifMatch("W/\"7\"").check(7, "post"));
        assertThrows(PreconditionFailedException.class, () -> VersionPrecondition.ifMatch("\"3\", W/\"7\"").check(7, "post"));
    }

    @Test
    void anOlderTagIs412NamingBothTags() {
        PreconditionFailedException stale = assertThrows(PreconditionFailedException.class,
                () -> VersionPrecondition.ifMatch("\"6\"").check(7, "post"));
        assertTrue(stale.getMessage().contains("If-Match \"6\"") && stale.getMessage().contains("current ETag \"7\""),
                stale.getMessage());
        assertThrows(PreconditionFailedException.class, () -> VersionPrecondition.ifMatch("7").check(7, "post"));
    }
}
