package io.inkwell.support;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/** A server whose read datasource points where no database answers (a closed loopback port). */
public class UnreachableReplicaProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "inkwell.public-url", "https://replica.example/",
                "inkwell.read-datasource.url", "jdbc:postgresql://127.0.0.1:1/inkwell?connectTimeout=2",
                "inkwell.read-datasource.username", "nobody",
                "inkwell.read-datasource.password", "nothing");
    }
}
