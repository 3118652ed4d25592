package io.inkwell.support;

import jakarta.ws.rs.GET;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Path;

/** Exists only in the test build, to prove an unexpected failure leaks nothing. */
@PermitAll
@Path("/test-support/boom")
public class FailingTestResource {

    @GET
    public String boom() {
        throw new IllegalStateException("database password is hunter2");
    }
}
