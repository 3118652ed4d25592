package io.inkwell.common.web;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.inkwell.common.error.PreconditionFailedException;
import java.util.List;
import org.junit.jupiter.api.Test;

class VersionPreconditionTest {

    @Test
    void noIfMatchAllowsAnyVersion() {
        assertDoesNotThrow(() -> VersionPrecondition.ifMatch((String) null).check(7, "post"));
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

    /** Probe 12: "changed since you read it" sent clients that sent the number unquoted round in circles. */
    @Test
    void aHeaderThatCannotMatchIsToldSoAndNotEchoedWhole() {
        for (String unmatchable : List.of("7", "W/\"7\"", "abc", "\"7")) {
            PreconditionFailedException refused = assertThrows(PreconditionFailedException.class,
                    () -> VersionPrecondition.ifMatch(unmatchable).check(7, "tag"));
            assertTrue(refused.getMessage().contains("names no entity tag that can match")
                    && refused.getMessage().contains("\"7\" for the current tag"), refused.getMessage());
        }
        PreconditionFailedException huge = assertThrows(PreconditionFailedException.class,
                () -> VersionPrecondition.ifMatch("\"" + "6".repeat(16_000) + "\"").check(7, "tag"));
        assertTrue(huge.getMessage().length() < 300, huge.getMessage());
    }
}
