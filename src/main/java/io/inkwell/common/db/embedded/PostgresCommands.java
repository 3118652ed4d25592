package io.inkwell.common.db.embedded;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/** The short-lived PostgreSQL programs the embedded database runs, each as the database account. */
final class PostgresCommands {

    private static final Logger LOG = Logger.getLogger(PostgresCommands.class);
    private static final String UNICODE_CTYPE = "C.UTF-8";

    private PostgresCommands() {
    }

    /**
     * A new cluster; it has no network access until the server is started with our settings.
     * Sorting stays byte order (C); the character classes are C.UTF-8's, because text search
     * lower-cases words with them: in C it folds ASCII letters only, so "Émile" and "Привет"
     * were indexed as written and no query found them. Where the system has no C.UTF-8, C.
     */
    static void initdb(Path binaries, Path cluster, DatabaseAccount account, boolean sync) {
        try {
            run(account.command(initdbProgram(binaries, cluster, sync, UNICODE_CTYPE), false), null, "initdb", null);
        } catch (EmbeddedDatabaseException e) {
            LOG.warnf("initdb with LC_CTYPE=%s failed (%s); the cluster is made with C, and search ignores the case "
                    + "of ASCII letters only.", UNICODE_CTYPE, e.getMessage());
            run(account.command(initdbProgram(binaries, cluster, sync, null), false), null, "initdb", null);
        }
    }

    private static List<String> initdbProgram(Path binaries, Path cluster, boolean sync, String ctype) {
        List<String> program = new ArrayList<>(List.of(binaries.resolve("bin/initdb").toString(),
                "-D", cluster.toString(), "-U", "postgres", "-E", "UTF8", "--locale=C", "--auth=trust",
                "--no-instructions"));
        if (ctype != null) {
            program.add("--lc-ctype=" + ctype);
        }
        if (!sync) {
            program.add("--no-sync");
        }
        return program;
    }

    /**
     * Sets the superuser's password in single-user mode: no network, no authentication, and the
     * password travels on standard input, never on a command line another user could read.
     */
    static void setSuperuserPassword(Path binaries, Path cluster, DatabaseAccount account, String password,
            Path logFile) {
        List<String> program = List.of(binaries.resolve("bin/postgres").toString(), "--single",
                "-D", cluster.toString(), "-c", "password_encryption=scram-sha-256", "postgres");
        String output = run(account.command(program, false), "ALTER ROLE postgres WITH PASSWORD '" + password + "';\n",
                "setting the database password", password);
        appendToLog(logFile, output.replace(password, "********"));
    }

    static void pgCtlStop(Path binaries, Path cluster, DatabaseAccount account) {
        run(account.command(List.of(binaries.resolve("bin/pg_ctl").toString(), "stop", "-D", cluster.toString(),
                "-m", "fast", "-w", "-t", "60"), false), null, "pg_ctl stop", null);
    }

    /** Runs {@code command}; its output, where {@code secret} (if any) never leaves this method unmasked. */
    private static String run(List<String> command, String input, String what, String secret) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            try (OutputStream stdin = process.getOutputStream()) {
                if (input != null) {
                    stdin.write(input.getBytes(StandardCharsets.UTF_8));
                }
            }
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new EmbeddedDatabaseException(what + " did not finish within 120 s");
            }
            String shown = secret == null ? output : output.replace(secret, "********");
            if (process.exitValue() != 0) {
                String reason = shown.lines().filter(line -> line.contains("FATAL") || line.contains("ERROR"))
                        .reduce((first, second) -> second)
                        .orElse(shown.isEmpty() ? "no output" : shown.substring(shown.lastIndexOf('\n') + 1));
                throw new EmbeddedDatabaseException(what + " failed (exit code " + process.exitValue() + "): "
                        + reason.strip());
            }
            return shown;
        } catch (IOException e) {
            throw new EmbeddedDatabaseException(what + " could not run: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EmbeddedDatabaseException(what + " was interrupted");
        }
    }

    private static void appendToLog(Path logFile, String text) {
        try {
            Files.writeString(logFile, text + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            // only a log
        }
    }
}
