package io.inkwell.common.web;

import io.inkwell.common.error.PreconditionFailedException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What a client's {@code If-Match} allows, for resources whose entity tag is their version
 * ({@code "3"}): posts, tags, categories, authors and images. The resource reads the header into this; the
 * service checks it against the row it read, and the write is refused if the row changed after the
 * check (its version is in the write's {@code where}, or the row is locked).
 */
public final class VersionPrecondition {

    private static final VersionPrecondition ANY = new VersionPrecondition(null);
    /** How much of the client's header a 412 repeats. */
    private static final int MAX_ECHOED_CHARS = 100;

    private final String ifMatch;

    private VersionPrecondition(String ifMatch) {
        this.ifMatch = ifMatch;
    }

    /** From the If-Match header; none (or blank) allows any version: the last write wins. */
    public static VersionPrecondition ifMatch(String header) {
        return header == null || header.isBlank() ? ANY : new VersionPrecondition(header);
    }

    /** From the If-Match header lines: a list sent on several lines is the list on one (RFC 9110, 5.3). */
    public static VersionPrecondition ifMatch(List<String> lines) {
        return ifMatch(lines == null ? null : lines.stream().filter(line -> line != null && !line.isBlank())
                .collect(Collectors.joining(", ")));
    }

    /**
     * Whether it names versions: not absent, blank or {@code *} (which any version matches), so
     * a change found at write time, after the check, fails the condition.
     */
    public boolean names() {
        return ifMatch != null && !ifMatch.strip().equals("*");
    }

    /** The entity tag of a version, as sent in ETag. */
    public static String etag(long version) {
        return "\"" + version + "\"";
    }

    /** An answer with the entity, and its version as {@code ETag}. */
    public static Response tagged(Response.ResponseBuilder builder, Object entity, long version) {
        return builder.entity(entity).header(HttpHeaders.ETAG, etag(version)).build();
    }

    /** Throws 412 when the client's copy is not this version. */
    public void check(long currentVersion, String what) {
        if (ifMatch != null && !allows(currentVersion)) {
            String sent = ifMatch.length() <= MAX_ECHOED_CHARS ? ifMatch : ifMatch.substring(0, MAX_ECHOED_CHARS) + "...";
            if (!namesAStrongTag()) {
                // Not a stale copy but a header that cannot match: saying "changed" would send the client round in circles.
                throw new PreconditionFailedException("If-Match " + sent + " names no entity tag that can match: send the "
                        + "ETag header as it came, in double quotes (" + etag(currentVersion) + " for the current "
                        + what + "); a weak tag (W/\"...\") never matches.");
            }
            throw new PreconditionFailedException("The " + what + " changed since you read it (If-Match " + sent
                    + ", current ETag " + etag(currentVersion) + "). Fetch it again and reapply your change.");
        }
    }

    /** Whether some value is a strong entity tag ({@code "..."}) or {@code *}. */
    private boolean namesAStrongTag() {
        for (String candidate : ifMatch.split(",")) {
            String tag = candidate.strip();
            if (tag.equals("*") || tag.length() >= 2 && tag.startsWith("\"") && tag.endsWith("\"")) {
                return true;
            }
        }
        return false;
    }

    private boolean allows(long version) {
        String current = etag(version);
        for (String candidate : ifMatch.split(",")) {
            String tag = candidate.strip();
            // Strong comparison (RFC 9110, 13.1.1): a weak tag never matches.
            if (tag.equals("*") || tag.equals(current)) {
                return true;
            }
        }
        return false;
    }
}
