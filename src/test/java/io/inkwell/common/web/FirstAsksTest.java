package io.inkwell.common.web;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class FirstAsksTest {

    private final FirstAsks asks = new FirstAsks();

    @Test
    void aKeyIsARepeatFromItsSecondAsk() {
        assertFalse(asks.recordAsk("search|q=cache"));
        assertFalse(asks.recordAsk("search|q=caches"), "another key");
        assertTrue(asks.recordAsk("search|q=cache"));
        assertTrue(asks.recordAsk("search|q=cache"));
    }

    /** An empty slot holds zero: a key whose hash is zero ("") is not taken for asked before. */
    @Test
    void aKeyHashingToZeroIsNewAtItsFirstAsk() {
        assertFalse(asks.recordAsk(""));
        assertTrue(asks.recordAsk(""));
    }

    @Test
    void aKeyIsForgottenOnceManyOthersWereAsked() {
        asks.recordAsk("search|q=first");
        for (int i = 0; i < 200_000; i++) {
            asks.recordAsk("search|q=other" + i);
        }
        assertFalse(asks.recordAsk("search|q=first"));
    }
}
