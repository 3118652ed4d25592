package io.inkwell.support;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/**
 * A server whose read datasource (INKWELL_READ_DATASOURCE_*) is the test database itself, on
 * connections that PostgreSQL keeps read-only and that pg_stat_activity names
 * {@value #APPLICATION_NAME}: whatever the Content API does through it must be a read.
 */
public class ReadOnlyReplicaProfile implements QuarkusTestProfile {

    public static final String APPLICATION_NAME = "inkwell-read-replica";
    private static final String READ_ONLY = "ApplicationName=" + APPLICATION_NAME
            + "&options=-c%20default_transaction_read_only%3Don";

    @Override
    public Map<String, String> getConfigOverrides() {
        String external = System.getenv("QUARKUS_DATASOURCE_JDBC_URL");
        String url = external == null
                ? "${quarkus.datasource.jdbc.url}&" + READ_ONLY
                : external + (external.contains("?") ? "&" : "?") + READ_ONLY;
        return Map.of(
                // The sitemap needs it.
                "inkwell.public-url", "https://replica.example/",
                "inkwell.read-datasource.url", url,
                "inkwell.read-datasource.username", "${quarkus.datasource.username:}",
                "inkwell.read-datasource.password", "${quarkus.datasource.password:}");
    }
}
