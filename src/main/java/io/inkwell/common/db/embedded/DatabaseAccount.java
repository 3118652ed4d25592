package io.inkwell.common.db.embedded;

import com.sun.security.auth.module.UnixSystem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/**
 * The operating-system account PostgreSQL runs under. PostgreSQL refuses to run as root, so a
 * server started as root (containers, CI runners) runs it under an unprivileged system account,
 * created on first use, as PostgreSQL's own container images do. Otherwise it runs as the
 * server's own account.
 *
 * <p>Every database process is started through {@code setpriv --pdeathsig SIGINT}: when the
 * thread that started it dies (the JVM was killed), the kernel asks PostgreSQL for a fast
 * shutdown, so no orphan keeps the port and the data directory.
 */
final class DatabaseAccount {

    private static final Logger LOG = Logger.getLogger(DatabaseAccount.class);
    static final String DEFAULT_SYSTEM_ACCOUNT = "inkwell";

    private final long serverUid;
    private final String name;
    private final long uid;
    private final long gid;
    private final Optional<String> setpriv;

    private DatabaseAccount(long serverUid, String name, long uid, long gid, Optional<String> setpriv) {
        this.serverUid = serverUid;
        this.name = name;
        this.uid = uid;
        this.gid = gid;
        this.setpriv = setpriv;
    }

    static DatabaseAccount forThisServer() {
        UnixSystem self = new UnixSystem();
        Optional<String> setpriv = Stream.of("/usr/bin/setpriv", "/bin/setpriv", "/usr/sbin/setpriv")
                .filter(path -> Files.isExecutable(Path.of(path))).findFirst();
        if (self.getUid() != 0) {
            if (setpriv.isEmpty()) {
                LOG.warn("setpriv (util-linux) is not installed: if this server is killed, its PostgreSQL keeps "
                        + "running until the next start stops it");
            }
            return new DatabaseAccount(self.getUid(), self.getUsername(), self.getUid(), self.getGid(), setpriv);
        }
        if (setpriv.isEmpty()) {
            throw new EmbeddedDatabaseException("Running as root, the embedded PostgreSQL needs setpriv "
                    + "(util-linux) to run under an unprivileged account; install it, run Inkwell as an ordinary "
                    + "user, or set QUARKUS_DATASOURCE_JDBC_URL.");
        }
        String account = Optional.ofNullable(System.getenv("INKWELL_EMBEDDED_DATABASE_USER"))
                .filter(value -> !value.isBlank()).orElse(DEFAULT_SYSTEM_ACCOUNT);
        Optional<long[]> existing = idsOf(account);
        long[] ids = existing.orElseGet(() -> create(account));
        existing.ifPresent(found -> LOG.infof("The embedded PostgreSQL runs as the existing account '%s' (uid %d)",
                account, found[0]));
        if (ids[0] == 0) {
            throw new EmbeddedDatabaseException("INKWELL_EMBEDDED_DATABASE_USER names a root account ('" + account
                    + "'); PostgreSQL needs an unprivileged one.");
        }
        return new DatabaseAccount(0, account, ids[0], ids[1], setpriv);
    }

    String name() {
        return name;
    }

    boolean separateFromServer() {
        return uid != serverUid;
    }

    /**
     * The command line that runs {@code program} as this account; with {@code stopsWithServer}
     * the process is asked to stop (SIGINT: PostgreSQL's fast shutdown) when its parent thread dies.
     */
    List<String> command(List<String> program, boolean stopsWithServer) {
        if (setpriv.isEmpty()) {
            return program;
        }
        List<String> command = new ArrayList<>();
        command.add(setpriv.get());
        if (separateFromServer()) {
            command.addAll(List.of("--reuid=" + uid, "--regid=" + gid, "--clear-groups"));
        }
        if (stopsWithServer) {
            command.addAll(List.of("--pdeathsig", "SIGINT"));
        }
        command.add("--");
        command.addAll(program);
        return command;
    }

    /** Gives {@code path} to this account (PostgreSQL wants to own its data directory). */
    void handOver(Path path) throws IOException {
        if (separateFromServer()) {
            Files.setAttribute(path, "unix:uid", (int) uid, LinkOption.NOFOLLOW_LINKS);
            Files.setAttribute(path, "unix:gid", (int) gid, LinkOption.NOFOLLOW_LINKS);
        }
    }

    boolean ownedByServer(Path path) throws IOException {
        return ((Number) Files.getAttribute(path, "unix:uid", LinkOption.NOFOLLOW_LINKS)).longValue() == serverUid;
    }

    /**
     * Creates {@code directory} if needed and makes sure only the server's account can write it.
     * The database account must still pass through it, so it stays searchable by others when the
     * two accounts differ.
     */
    void ensurePrivateDirectory(Path directory) throws IOException {
        Files.createDirectories(directory);
        if (!ownedByServer(directory)) {
            throw new EmbeddedDatabaseException(directory.toAbsolutePath() + " belongs to another user; the "
                    + "embedded database only runs from folders its server owns.");
        }
        Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString(
                separateFromServer() ? "rwx--x--x" : "rwx------"));
    }

    /** Fails with one clear line when this account cannot reach {@code directory}. */
    void checkCanReach(Path directory) throws IOException {
        if (!separateFromServer()) {
            return;
        }
        for (Path folder = directory.toAbsolutePath(); folder != null; folder = folder.getParent()) {
            PosixFileAttributes attributes = Files.readAttributes(folder, PosixFileAttributes.class);
            Set<PosixFilePermission> permissions = attributes.permissions();
            boolean searchable = permissions.contains(PosixFilePermission.OTHERS_EXECUTE)
                    || ((Number) Files.getAttribute(folder, "unix:uid")).longValue() == uid
                            && permissions.contains(PosixFilePermission.OWNER_EXECUTE)
                    || ((Number) Files.getAttribute(folder, "unix:gid")).longValue() == gid
                            && permissions.contains(PosixFilePermission.GROUP_EXECUTE);
            if (!searchable) {
                throw new EmbeddedDatabaseException("The embedded PostgreSQL runs as user '" + name
                        + "', which cannot enter " + folder + " on the way to " + directory.toAbsolutePath()
                        + ". Set INKWELL_DATA_DIR to a folder it can reach (e.g. /var/lib/inkwell).");
            }
        }
    }

    private static Optional<long[]> idsOf(String account) {
        String uid = run(List.of("id", "-u", account));
        String gid = run(List.of("id", "-g", account));
        if (uid == null || gid == null) {
            return Optional.empty();
        }
        return Optional.of(new long[] {Long.parseLong(uid), Long.parseLong(gid)});
    }

    private static long[] create(String account) {
        List<List<String>> attempts = List.of(
                List.of("useradd", "--system", "--user-group", "--no-create-home", "--home-dir", "/nonexistent",
                        "--shell", "/usr/sbin/nologin", account),
                List.of("adduser", "-S", "-D", "-H", "-s", "/sbin/nologin", account));
        for (List<String> attempt : attempts) {
            if (run(attempt) != null) {
                LOG.infof("Created the system account '%s' to run the embedded PostgreSQL (it refuses root)", account);
                return idsOf(account).orElseThrow();
            }
        }
        throw new EmbeddedDatabaseException("Running as root, the embedded PostgreSQL needs an unprivileged account, "
                + "and '" + account + "' could not be created (no useradd or adduser?). Create it, or set "
                + "INKWELL_EMBEDDED_DATABASE_USER to an existing one.");
    }

    /** Runs a short command; its trimmed output, or null when it failed. */
    private static String run(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes()).strip();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return null;
            }
            return process.exitValue() == 0 ? output : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
