package io.inkwell.common.db.embedded;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jboss.logging.Logger;

/**
 * One PostgreSQL server process and the thread that watches it. The watching thread starts the
 * process and lives as long as the JVM, which is what ties the database to the server: its death
 * is the parent death the kernel signals (see {@link DatabaseAccount#command}). When the database
 * dies on its own, the same thread starts it again on the same port, so the datasource finds it
 * where it was.
 */
final class Postmaster {

    private static final Logger LOG = Logger.getLogger(Postmaster.class);
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration MAX_RESTART_DELAY = Duration.ofSeconds(30);
    /** Line 8 of postmaster.pid: PostgreSQL writes "ready" there once it accepts connections. */
    private static final int PID_FILE_STATUS_LINE = 7;

    private final Path binaries;
    private final Path cluster;
    private final Path logFile;
    private final DatabaseAccount account;
    private final int port;
    private final Map<String, String> settings;
    private final CompletableFuture<Void> firstStart = new CompletableFuture<>();
    /** Guards starting a process against stop(): no process may start once stopping is set. */
    private final Object launching = new Object();
    private volatile Process process;
    private volatile boolean stopping;
    /** Where the latest process's output starts in the log. */
    private volatile long logOffset;
    private Thread watcher;

    Postmaster(Path binaries, Path cluster, Path logFile, DatabaseAccount account, int port,
            Map<String, String> settings) {
        this.binaries = binaries;
        this.cluster = cluster;
        this.logFile = logFile;
        this.account = account;
        this.port = port;
        this.settings = settings;
    }

    /** Starts the server and waits until it accepts connections. */
    void start() {
        watcher = new Thread(this::watch, "embedded-postgres-watcher");
        watcher.setDaemon(true);
        watcher.start();
        try {
            firstStart.get(STARTUP_TIMEOUT.toSeconds() + 5, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
        } catch (TimeoutException e) {
            stop();
            throw new EmbeddedDatabaseException("The embedded PostgreSQL did not start within "
                    + STARTUP_TIMEOUT.toSeconds() + " s; see " + logFile);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EmbeddedDatabaseException("Interrupted while the embedded PostgreSQL was starting.");
        }
    }

    long pid() {
        Process current = process;
        return current == null ? -1 : current.pid();
    }

    private void watch() {
        int failedStarts = 0;
        while (!stopping) {
            Process started;
            try {
                synchronized (launching) {
                    if (stopping) {
                        return;
                    }
                    logOffset = logSize();
                    started = launch();
                    process = started;
                }
            } catch (IOException e) {
                if (firstStart.completeExceptionally(new EmbeddedDatabaseException(
                        "Could not run the embedded PostgreSQL: " + e.getMessage()))) {
                    return;
                }
                failedStarts++;
                Duration delay = restartDelay(failedStarts);
                LOG.errorf("Could not restart the embedded PostgreSQL (%s); trying again in %d s", e.getMessage(),
                        delay.toSeconds());
                sleep(delay);
                continue;
            }
            if (awaitReady(started)) {
                failedStarts = 0;
                if (!firstStart.complete(null)) {
                    LOG.infof("The embedded PostgreSQL is running again (pid %d)", started.pid());
                }
            } else if (!firstStart.isDone()) {
                started.destroyForcibly();
                firstStart.completeExceptionally(new EmbeddedDatabaseException(
                        "The embedded PostgreSQL did not start: " + lastLogLines() + " (full log: " + logFile + ")"));
                return;
            }
            int exitCode = waitFor(started);
            if (stopping) {
                return;
            }
            failedStarts++;
            Duration delay = restartDelay(failedStarts);
            LOG.errorf("The embedded PostgreSQL (pid %d) stopped unexpectedly (exit code %d): %s. Restarting it in %d s",
                    started.pid(), exitCode, lastLogLines(), delay.toSeconds());
            sleep(delay);
        }
    }

    private Process launch() throws IOException {
        List<String> program = new ArrayList<>(List.of(binaries.resolve("bin/postgres").toString(),
                "-D", cluster.toString(), "-p", String.valueOf(port)));
        settings.forEach((name, value) -> program.addAll(List.of("-c", name + "=" + value)));
        return new ProcessBuilder(account.command(program, true))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                .start();
    }

    private boolean awaitReady(Process started) {
        long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline && started.isAlive() && !stopping) {
            if (readyFile(started.pid())) {
                return true;
            }
            sleep(Duration.ofMillis(50));
        }
        return false;
    }

    private boolean readyFile(long pid) {
        try {
            List<String> lines = Files.readAllLines(cluster.resolve("postmaster.pid"), StandardCharsets.US_ASCII);
            return lines.size() > PID_FILE_STATUS_LINE && lines.get(0).strip().equals(String.valueOf(pid))
                    && lines.get(PID_FILE_STATUS_LINE).strip().equals("ready");
        } catch (NoSuchFileException notYet) {
            return false;
        } catch (IOException e) {
            return false;
        }
    }

    /** Fast shutdown: open transactions roll back, everything committed is on disk. */
    void stop() {
        Process current;
        synchronized (launching) {
            stopping = true;
            current = process;
        }
        if (current != null && current.isAlive()) {
            try {
                PostgresCommands.pgCtlStop(binaries, cluster, account);
            } catch (RuntimeException e) {
                LOG.warnf("pg_ctl could not stop the embedded PostgreSQL (%s); killing it", e.getMessage());
            }
            current.destroy();
            try {
                if (!current.waitFor(30, TimeUnit.SECONDS)) {
                    current.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (watcher != null) {
            watcher.interrupt();
        }
    }

    /** The reason the latest process gave: its last FATAL or PANIC line, else its last line. */
    private String lastLogLines() {
        try (java.io.RandomAccessFile log = new java.io.RandomAccessFile(logFile.toFile(), "r")) {
            long from = Math.min(logOffset, log.length());
            byte[] written = new byte[(int) Math.min(log.length() - from, 1 << 20)];
            log.seek(log.length() - written.length);
            log.readFully(written);
            List<String> lines = new String(written, StandardCharsets.UTF_8).lines().toList();
            Optional<String> fatal = lines.stream().filter(line -> line.contains("FATAL") || line.contains("PANIC"))
                    .reduce((first, second) -> second);
            return fatal.orElse(lines.isEmpty() ? "no output" : lines.get(lines.size() - 1)).strip();
        } catch (IOException e) {
            return "no log";
        }
    }

    private long logSize() {
        try {
            return Files.size(logFile);
        } catch (IOException e) {
            return 0;
        }
    }

    private static Duration restartDelay(int failedStarts) {
        long seconds = Math.min(MAX_RESTART_DELAY.toSeconds(), 1L << Math.min(failedStarts - 1, 5));
        return Duration.ofSeconds(seconds);
    }

    private static int waitFor(Process started) {
        while (true) {
            try {
                return started.waitFor();
            } catch (InterruptedException e) {
                // stop() interrupts to end the wait; the loop then sees stopping.
                if (!started.isAlive()) {
                    return started.exitValue();
                }
            }
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
