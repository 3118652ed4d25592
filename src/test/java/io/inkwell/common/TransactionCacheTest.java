package io.inkwell.common;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

@QuarkusTest
class TransactionCacheTest {

    @Inject
    TransactionCache cache;

    @Test
    void aValueIsRememberedForTheRestOfItsTransactionOnly() {
        QuarkusTransaction.requiringNew().run(() -> {
            assertEquals("first", cache.get("key", () -> "first"));
            assertEquals("first", cache.get("key", () -> "second"));
        });
        QuarkusTransaction.requiringNew().run(() -> assertEquals("third", cache.get("key", () -> "third")));
    }
}
