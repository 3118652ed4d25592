package io.inkwell.common;

import jakarta.transaction.TransactionScoped;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Values remembered for the rest of the current transaction, such as which id a tag slug has:
 * an import resolves the same few tags for a thousand posts in one transaction. One instance a
 * transaction (callers get a proxy), gone when it ends; used outside a transaction it throws
 * {@code ContextNotActiveException}.
 */
@TransactionScoped
public class TransactionCache {

    private final Map<String, Object> values = new HashMap<>();

    /** The value remembered for {@code key}, else {@code loader}'s (a null is not remembered). */
    @SuppressWarnings("unchecked")
    public <T> T get(String key, Supplier<T> loader) {
        // Not computeIfAbsent: a loader may itself ask this cache for another key.
        Object value = values.get(key);
        if (value == null) {
            value = loader.get();
            values.put(key, value);
        }
        return (T) value;
    }
}
