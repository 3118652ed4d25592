package io.inkwell.post;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class PreviewTokenTest {

    private static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final UUID POST = UUID.fromString("5d0c2a9e-8f3b-4c61-b7a2-91e4f0d3c5a8");
    private static final Instant EXPIRES = Instant.parse("2030-01-01T08:00:00.750Z");

    @Test
    void aSignedTokenReadsBackAsThePostAndItsExpiryInWholeSeconds() {
        String token = new PreviewToken(POST, EXPIRES).sign(KEY);

        assertEquals(PreviewToken.TEXT_LENGTH, token.length());
        assertEquals(76, token.length());
        assertTrue(token.matches("[A-Za-z0-9_-]+"), token);
        assertEquals(Optional.of(new PreviewToken(POST, Instant.parse("2030-01-01T08:00:00Z"))),
                PreviewToken.verify(token, KEY));
    }

    @Test
    void anyChangedByteIsRefused() {
        byte[] bytes = Base64.getUrlDecoder().decode(new PreviewToken(POST, EXPIRES).sign(KEY));
        for (int i = 0; i < bytes.length; i++) {
            byte[] changed = bytes.clone();
            changed[i] ^= 1;
            String forged = Base64.getUrlEncoder().withoutPadding().encodeToString(changed);
            assertEquals(Optional.empty(), PreviewToken.verify(forged, KEY), "byte " + i);
        }
    }

    @Test
    void aTokenSignedWithAnotherKeyIsRefused() {
        byte[] otherKey = Arrays.copyOf(KEY, KEY.length);
        otherKey[0] ^= 1;
        assertEquals(Optional.empty(), PreviewToken.verify(new PreviewToken(POST, EXPIRES).sign(otherKey), KEY));
    }

    @Test
    void garbleIsRefusedWithoutAnException() {
        String token = new PreviewToken(POST, EXPIRES).sign(KEY);
        for (String garbled : new String[] {null, "", "x", token.substring(1), token + "A", "+" + token.substring(1),
                "*".repeat(76), token.substring(0, 74) + "==", "A".repeat(76)}) {
            assertEquals(Optional.empty(), PreviewToken.verify(garbled, KEY), String.valueOf(garbled));
        }
    }
}
