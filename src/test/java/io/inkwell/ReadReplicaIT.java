package io.inkwell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.inkwell.support.PackagedServer;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A server with a real read replica that falls behind on purpose (README, "Read replicas"). The
 * replica is a second database in server A's embedded PostgreSQL, subscribed to the first by
 * logical replication; stopping the subscription makes it lag as long as the test wants. Server
 * B writes to the primary and reads its Content API from the replica: while the replica lags, B's
 * Admin API shows an edit at once and its Content API shows the replica's older copy; once the
 * replica catches up, the Content API shows the edit within the documented bound, although B had
 * rebuilt its cached copy from the lagging replica after the edit.
 */
class ReadReplicaIT {

    private static final String ADMIN = "replica-" + UUID.randomUUID();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> JVM_OPTIONS = List.of("-Xmx128m", "-XX:+UseSerialGC");
    private static final String REPLICA_DATABASE = "inkwell_replica";
    private static final String SUBSCRIPTION = "inkwell_replica";
    /** The replica's lag plus one check for other instances' changes (1 s), with room for a busy machine. */
    private static final Duration BOUND = Duration.ofSeconds(10);

    private static Path dataA;
    private static PackagedServer a;
    private static PackagedServer b;
    private static String primaryUrl;
    private static String replicaUrl;
    private static String password;

    @BeforeAll
    static void startAServerReadingFromALaggingReplica() throws Exception {
        assumeFalse(PackagedServer.EXTERNAL_DATABASE, "the replica is built inside the embedded PostgreSQL");
        dataA = Files.createTempDirectory("inkwell-replica-a");
        Map<String, String> environment = Map.of("INKWELL_ADMIN_TOKEN", ADMIN);
        a = PackagedServer.start(dataA, PackagedServer.freePort(), JVM_OPTIONS, environment);
        a.awaitReady(Duration.ofSeconds(120));
        Map<String, String> database = PackagedServer.databaseOf(dataA, "inkwell-replica-test");
        primaryUrl = database.get("QUARKUS_DATASOURCE_JDBC_URL");
        replicaUrl = primaryUrl.replace("localhost/postgres?", "localhost/" + REPLICA_DATABASE + "?");
        password = database.get("QUARKUS_DATASOURCE_PASSWORD");
        // Logical replication needs wal_level=logical, which takes effect at a restart.
        execute(primaryUrl, "alter system set wal_level = logical");
        a.stop();
        a = PackagedServer.start(dataA, a.port(), JVM_OPTIONS, environment);
        a.awaitReady(Duration.ofSeconds(120));

        execute(primaryUrl, "create database " + REPLICA_DATABASE);
        Flyway.configure().dataSource(replicaUrl, "postgres", password).locations("classpath:db/migration")
                .load().migrate();
        // Emptied, so that the subscription's first copy of every table fills it.
        execute(replicaUrl, "do $$ begin execute (select 'truncate ' || string_agg(format('%I', tablename), ', ')"
                + " from pg_tables where schemaname = 'public'); end $$");
        // Updates and deletes of a published table need a way to name the row.
        for (String table : query(primaryUrl, "select c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace"
                + " where n.nspname = 'public' and c.relkind = 'r'"
                + " and not exists (select 1 from pg_index i where i.indrelid = c.oid and i.indisprimary)")) {
            execute(primaryUrl, "alter table \"" + table + "\" replica identity full");
        }
        execute(primaryUrl, "create publication inkwell_everything for all tables");
        // In the same cluster, CREATE SUBSCRIPTION cannot make its own slot (it would wait for itself).
        execute(primaryUrl, "select pg_create_logical_replication_slot('" + SUBSCRIPTION + "', 'pgoutput')");
        String socketFolder = dataA.resolve("postgres-socket").toAbsolutePath().toString();
        execute(replicaUrl, "create subscription " + SUBSCRIPTION + " connection 'host=" + socketFolder
                + " dbname=postgres user=postgres password=" + password + "' publication inkwell_everything"
                + " with (create_slot = false, slot_name = '" + SUBSCRIPTION + "')");
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!query(replicaUrl, "select srrelid::regclass::text from pg_subscription_rel where srsubstate <> 'r'").isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the replica's first copy did not finish");
            }
            Thread.sleep(100);
        }

        Map<String, String> environmentB = new HashMap<>(PackagedServer.databaseOf(dataA, "inkwell-b"));
        environmentB.put("INKWELL_ADMIN_TOKEN", ADMIN);
        // Read-only, as a physical standby would be: a write sent there by mistake fails.
        environmentB.put("INKWELL_READ_DATASOURCE_URL", replicaUrl
                + "&ApplicationName=inkwell-b-read&options=-c%20default_transaction_read_only%3Don");
        environmentB.put("INKWELL_READ_DATASOURCE_USERNAME", "postgres");
        environmentB.put("INKWELL_READ_DATASOURCE_PASSWORD", password);
        b = PackagedServer.start(Files.createTempDirectory("inkwell-replica-b"), PackagedServer.freePort(),
                JVM_OPTIONS, environmentB);
        b.awaitReady(Duration.ofSeconds(120));
    }

    @AfterAll
    static void stopBoth() throws Exception {
        if (b != null) {
            b.stop();
        }
        if (replicaUrl != null && a != null && a.process().isAlive()) {
            // A subscription in the same cluster must let go of its slot before it can be dropped.
            execute(replicaUrl, "alter subscription " + SUBSCRIPTION + " disable");
            execute(replicaUrl, "alter subscription " + SUBSCRIPTION + " set (slot_name = none)");
            execute(replicaUrl, "drop subscription " + SUBSCRIPTION);
            execute(primaryUrl, "select pg_drop_replication_slot('" + SUBSCRIPTION + "')");
        }
        if (a != null) {
            a.stop();
        }
    }

    @Test
    void whileTheReplicaLagsTheAdminApiShowsAnEditAndTheContentApiCatchesUpWithTheReplica() throws Exception {
        JsonNode post = send("POST", "/api/admin/posts", "{\"title\":\"Replica first\",\"status\":\"published\"}", 201);
        String id = post.get("id").asText();
        String path = "/api/content/posts/" + post.get("slug").asText();
        awaitTitle(path, "Replica first", BOUND);

        execute(replicaUrl, "alter subscription " + SUBSCRIPTION + " disable");
        send("PATCH", "/api/admin/posts/" + id, "{\"title\":\"Replica second\"}", 200);
        send("POST", "/api/admin/posts/" + id + "/publish", null, 200);
        assertEquals("Replica second", send("GET", "/api/admin/posts/" + id, null, 200).get("title").asText(),
                "the Admin API reads its own writes");
        // Several checks for changes pass meanwhile: B drops its cached copy after the edit and
        // rebuilds it from the replica, which still has the first title.
        for (int i = 0; i < 6; i++) {
            assertEquals("Replica first", send("GET", path, null, 200).get("title").asText(),
                    "the Content API reads the lagging replica");
            Thread.sleep(500);
        }

        execute(replicaUrl, "alter subscription " + SUBSCRIPTION + " enable");
        awaitTitle(path, "Replica second", BOUND);
    }

    private static void awaitTitle(String path, String title, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = null;
        while (System.nanoTime() < deadline) {
            HttpResponse<String> response = b.send("GET", path, ADMIN, null);
            if (response.statusCode() == 200) {
                last = JSON.readTree(response.body()).get("title").asText();
                if (title.equals(last)) {
                    return;
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError(path + " still had the title '" + last + "', not '" + title + "'; replica: "
                + query(replicaUrl, "select concat_ws(' ', received_lsn, latest_end_lsn, relid, pid) from pg_stat_subscription")
                + query(replicaUrl, "select concat_ws(' ', remote_lsn) from pg_replication_origin_status")
                + query(replicaUrl, "select body_json::json->>'title' from live_post order by snapshot_at desc limit 2")
                + " primary: " + query(primaryUrl, "select cast(pg_current_wal_lsn() as text)"));
    }

    private static JsonNode send(String method, String path, String body, int status) throws Exception {
        HttpResponse<String> response = b.send(method, path, ADMIN, body);
        assertEquals(status, response.statusCode(), method + " " + path + ": " + response.body());
        return JSON.readTree(response.body());
    }

    private static void execute(String url, String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url, "postgres", password);
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static List<String> query(String url, String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection(url, "postgres", password);
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                values.add(rows.getString(1));
            }
        }
        return values;
    }
}
