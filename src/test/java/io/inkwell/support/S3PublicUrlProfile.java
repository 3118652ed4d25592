package io.inkwell.support;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.List;
import java.util.Map;

/** Images on S3 (S3Proxy) served to readers from a public address: /media redirects there. */
public class S3PublicUrlProfile implements QuarkusTestProfile {

    public static final String PUBLIC_BASE_URL = "https://media.blog.example";

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("inkwell.images.public-base-url", PUBLIC_BASE_URL);
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(S3ProxyTestResource.class));
    }
}
