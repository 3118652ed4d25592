package io.inkwell.support;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.List;

/** A server whose images are in an S3 bucket (S3Proxy, see {@link S3ProxyTestResource}). */
public class S3StorageProfile implements QuarkusTestProfile {

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(S3ProxyTestResource.class));
    }
}
