package io.inkwell.common.db.embedded;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * A PostgreSQL left running on this data directory by a server that died without stopping it.
 * Only called with the data directory lock held, so no live server owns it: it is stopped the
 * clean way (fast shutdown), and killed only if that fails.
 */
final class StalePostmaster {

    private static final Logger LOG = Logger.getLogger(StalePostmaster.class);

    private StalePostmaster() {
    }

    static void stopIfRunning(Path cluster, Path binaries, DatabaseAccount account) throws IOException {
        Path pidFile = cluster.resolve("postmaster.pid");
        if (!Files.isRegularFile(pidFile)) {
            return;
        }
        List<String> lines = Files.readAllLines(pidFile, StandardCharsets.US_ASCII);
        Optional<ProcessHandle> postmaster = lines.isEmpty() || !lines.get(0).strip().matches("\\d+")
                ? Optional.empty()
                : ProcessHandle.of(Long.parseLong(lines.get(0).strip())).filter(ProcessHandle::isAlive);
        if (postmaster.isEmpty() || !isPostgres(postmaster.get())) {
            // A crash left the file behind; its pid is gone or now belongs to something else.
            Files.deleteIfExists(pidFile);
            return;
        }
        // Line 2 is the data directory the postmaster locked, as an absolute path whatever its
        // command line said (older versions started it with a relative one).
        if (lines.size() < 2 || !sameDirectory(lines.get(1).strip(), cluster)) {
            throw new EmbeddedDatabaseException("The PostgreSQL (pid " + postmaster.get().pid() + ") named in "
                    + pidFile + " serves another directory; stop it, or delete that file if it is stale.");
        }
        long pid = postmaster.get().pid();
        LOG.warnf("PostgreSQL (pid %d) was still running on %s, left by a server that did not stop cleanly; "
                + "stopping it", pid, cluster);
        try {
            PostgresCommands.pgCtlStop(binaries, cluster, account);
        } catch (EmbeddedDatabaseException e) {
            LOG.warnf("It did not stop cleanly (%s); killing it", e.getMessage());
            postmaster.get().destroyForcibly();
        }
        try {
            postmaster.get().onExit().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new EmbeddedDatabaseException("PostgreSQL (pid " + pid + ") still runs on " + cluster
                    + " and could not be stopped; stop it by hand.");
        }
    }

    private static boolean isPostgres(ProcessHandle process) {
        // Unknown when the process cannot be inspected: then it is not assumed to be something else.
        return process.info().command().map(command -> command.endsWith("/postgres")).orElse(true);
    }

    private static boolean sameDirectory(String locked, Path cluster) {
        try {
            return Path.of(locked).toRealPath().equals(cluster.toRealPath());
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }
}
