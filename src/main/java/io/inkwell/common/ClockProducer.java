package io.inkwell.common;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;

/**
 * The application's one clock. Everything that stamps or compares times takes it by injection,
 * the due-publication queries included (instead of the database's now()), so tests can move time.
 */
public class ClockProducer {

    @Produces
    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }
}
