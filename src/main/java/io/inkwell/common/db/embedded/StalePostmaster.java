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
        if (postmaster.isEmpty() || !runsOn(postmaster.get(), cluster)) {
            // A crash left the file behind; its pid is gone or now belongs to something else.
            Files.deleteIfExists(pidFile);
            return;
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

    private static boolean runsOn(ProcessHandle process, Path cluster) {
        ProcessHandle.Info info = process.info();
        boolean postgres = info.command().map(command -> command.endsWith("/postgres")).orElse(false);
        boolean ourCluster = info.arguments().map(arguments -> List.of(arguments).contains(cluster.toString()))
                .orElse(false);
        return postgres && ourCluster;
    }
}
