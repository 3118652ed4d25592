package io.inkwell.common.db.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;

/** The programs the server runs cannot be swapped by another local user between two starts. */
class PostgresBinariesTest {

    private final DatabaseAccount account = DatabaseAccount.forThisServer();

    @Test
    void aProgramOthersCouldWriteIsUnpackedAgainBeforeItRuns() throws Exception {
        Path parent = Files.createTempDirectory("inkwell-binaries");
        Path home = PostgresBinaries.prepare(parent, account);
        Path postgres = home.resolve("bin/postgres");
        byte[] original = Files.readAllBytes(postgres);

        // What another user did to the old shared folder: a world-writable program, replaced.
        Files.setPosixFilePermissions(postgres, PosixFilePermissions.fromString("rwxrwxrwx"));
        Files.writeString(postgres, "#!/bin/sh\necho planted\n");

        Path again = PostgresBinaries.prepare(parent, account);
        assertEquals(home, again);
        assertEquals(PosixFilePermissions.fromString("rwxr-xr-x"), Files.getPosixFilePermissions(postgres));
        assertEquals(original.length, Files.size(postgres), "the real program is back");
    }

    @Test
    void aLinkLeadingOutOfTheFolderIsNotTrusted() throws Exception {
        Path parent = Files.createTempDirectory("inkwell-binaries");
        Path home = PostgresBinaries.prepare(parent, account);
        Path library = home.resolve("lib/libpq.so.5");
        Files.delete(library);
        Files.createSymbolicLink(library, Path.of("/tmp/elsewhere/libpq.so.5"));

        PostgresBinaries.prepare(parent, account);
        assertNotEquals(Path.of("/tmp/elsewhere/libpq.so.5"), Files.readSymbolicLink(library));
    }

    @Test
    void theFolderIsNotWritableByOthers() throws Exception {
        Path parent = Files.createTempDirectory("inkwell-binaries");
        Path home = PostgresBinaries.prepare(parent, account);
        var permissions = Files.getPosixFilePermissions(parent);
        assertFalse(permissions.contains(java.nio.file.attribute.PosixFilePermission.GROUP_WRITE)
                || permissions.contains(java.nio.file.attribute.PosixFilePermission.OTHERS_WRITE), permissions.toString());
        assertEquals(null, PostgresBinaries.problemWith(home, Files.readString(home.resolve(".unpacked-from")), account));
    }
}
