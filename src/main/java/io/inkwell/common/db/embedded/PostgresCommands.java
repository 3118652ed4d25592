package io.inkwell.common.db.embedded;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The short-lived PostgreSQL programs the embedded database runs, each as the database account. */
final class PostgresCommands {

    private PostgresCommands() {
    }

    /** A new cluster; it has no network access until the server is started with our settings. */
    static void initdb(Path binaries, Path cluster, DatabaseAccount account, boolean sync) {
        List<String> program = new ArrayList<>(List.of(binaries.resolve("bin/initdb").toString(),
                "-D", cluster.toString(), "-U", "postgres", "-E", "UTF8", "--locale=C", "--auth=trust",
                "--no-instructions"));
        if (!sync) {
            program.add("--no-sync");
        }
        run(account.command(program, false), null, "initdb");
    }

    /**
     * Sets the superuser's password in single-user mode: no network, no authentication, and the
     * password travels on standard input, never on a command line another user could read.
     */
    static void setSuperuserPassword(Path binaries, Path cluster, DatabaseAccount account, String password) {
        List<String> program = List.of(binaries.resolve("bin/postgres").toString(), "--single",
                "-D", cluster.toString(), "-c", "password_encryption=scram-sha-256", "postgres");
        run(account.command(program, false), "ALTER ROLE postgres WITH PASSWORD '" + password + "';\n",
                "setting the database password");
    }

    static void pgCtlStop(Path binaries, Path cluster, DatabaseAccount account) {
        run(account.command(List.of(binaries.resolve("bin/pg_ctl").toString(), "stop", "-D", cluster.toString(),
                "-m", "fast", "-w", "-t", "60"), false), null, "pg_ctl stop");
    }

    private static void run(List<String> command, String input, String what) {
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
            if (process.exitValue() != 0) {
                // The password command's output may quote its statement, so it is never shown.
                String lastLine = input != null ? "see PostgreSQL's own log"
                        : output.isEmpty() ? "no output" : output.substring(output.lastIndexOf('\n') + 1);
                throw new EmbeddedDatabaseException(what + " failed (exit code " + process.exitValue() + "): "
                        + lastLine);
            }
        } catch (IOException e) {
            throw new EmbeddedDatabaseException(what + " could not run: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EmbeddedDatabaseException(what + " was interrupted");
        }
    }
}
