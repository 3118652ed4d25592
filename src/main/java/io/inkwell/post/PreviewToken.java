package io.inkwell.post;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * What a preview link carries: which post, until when, and an HMAC-SHA256 of both under the
 * server's key, so that neither can be changed without the key. Nothing in it is secret; whoever
 * holds it may read that one working copy until it expires. It is 57 bytes (a format version,
 * the post id, the expiry in epoch seconds, the MAC) written as 76 characters of unpadded
 * base64url, which fit in a path segment, a query parameter or a cookie as they are.
 */
record PreviewToken(UUID postId, Instant expiresAt) {

    /** Changes if the layout ever does, so that old tokens are refused rather than misread. */
    private static final byte FORMAT = 1;
    private static final int SIGNED_BYTES = 1 + 16 + 8;
    private static final int MAC_BYTES = 32;
    /** 57 bytes are 19 groups of 3: the text has no padding and no spare bits, so one token has one spelling. */
    static final int TEXT_LENGTH = (SIGNED_BYTES + MAC_BYTES) / 3 * 4;
    private static final String ALGORITHM = "HmacSHA256";

    PreviewToken {
        // The token keeps whole seconds; the record says what the token will say.
        expiresAt = expiresAt.truncatedTo(ChronoUnit.SECONDS);
    }

    String sign(byte[] key) {
        ByteBuffer token = ByteBuffer.allocate(SIGNED_BYTES + MAC_BYTES)
                .put(FORMAT)
                .putLong(postId.getMostSignificantBits())
                .putLong(postId.getLeastSignificantBits())
                .putLong(expiresAt.getEpochSecond());
        token.put(mac(key, Arrays.copyOf(token.array(), SIGNED_BYTES)));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(token.array());
    }

    /** The token's post and expiry if the server's key signed it (expired or not); else empty. */
    static Optional<PreviewToken> verify(String text, byte[] key) {
        if (text == null || text.length() != TEXT_LENGTH) {
            return Optional.empty();
        }
        byte[] bytes;
        try {
            bytes = Base64.getUrlDecoder().decode(text);
        } catch (IllegalArgumentException notBase64Url) {
            return Optional.empty();
        }
        if (bytes.length != SIGNED_BYTES + MAC_BYTES) {
            return Optional.empty(); // padding characters in place of data
        }
        byte[] signed = Arrays.copyOf(bytes, SIGNED_BYTES);
        byte[] sent = Arrays.copyOfRange(bytes, SIGNED_BYTES, bytes.length);
        // Constant time: how long a comparison takes must not tell how many bytes of a forgery were right.
        if (bytes[0] != FORMAT || !MessageDigest.isEqual(mac(key, signed), sent)) {
            return Optional.empty();
        }
        ByteBuffer fields = ByteBuffer.wrap(signed, 1, SIGNED_BYTES - 1);
        UUID postId = new UUID(fields.getLong(), fields.getLong());
        return Optional.of(new PreviewToken(postId, Instant.ofEpochSecond(fields.getLong())));
    }

    private static byte[] mac(byte[] key, byte[] message) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(key, ALGORITHM));
            return mac.doFinal(message);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
