package io.inkwell.change;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * A position in the change feed: the (transaction, id) of the last row a client has. Opaque to
 * clients (base64url), so its shape can change with a new version prefix.
 */
record ChangeCursor(long xid, long id) {

    /** Before every row. */
    static final ChangeCursor START = new ChangeCursor(0, 0);
    private static final String VERSION = "c1";
    private static final int MAX_LENGTH = 100;

    /** Whether this position comes after {@code other} in the feed's order. */
    boolean isAfter(ChangeCursor other) {
        return xid != other.xid ? Long.compareUnsigned(xid, other.xid) > 0 : id > other.id;
    }

    String encode() {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((VERSION + "." + xid + "." + id).getBytes(StandardCharsets.US_ASCII));
    }

    /** The cursor {@code encoded} stands for, if it is one this server could have made. */
    static Optional<ChangeCursor> decode(String encoded) {
        if (encoded.length() > MAX_LENGTH) {
            return Optional.empty();
        }
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(encoded), StandardCharsets.US_ASCII).split("\\.", -1);
            if (parts.length != 3 || !parts[0].equals(VERSION)) {
                return Optional.empty();
            }
            ChangeCursor cursor = new ChangeCursor(Long.parseLong(parts[1]), Long.parseLong(parts[2]));
            // Only the one spelling we make: no padding, signs or leading zeros.
            return cursor.xid >= 0 && cursor.id >= 0 && cursor.encode().equals(encoded)
                    ? Optional.of(cursor) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
