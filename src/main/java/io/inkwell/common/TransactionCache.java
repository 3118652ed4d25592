package io.inkwell.common;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Values remembered for the rest of the current transaction, such as which id a tag slug has:
 * an import resolves the same few tags for a thousand posts in one transaction.
 */
@ApplicationScoped
public class TransactionCache {

    private static final Object KEY = TransactionCache.class;
    private final TransactionSynchronizationRegistry transactions;

    public TransactionCache(TransactionSynchronizationRegistry transactions) {
        this.transactions = transactions;
    }

    @SuppressWarnings("unchecked")
    public <T> T get(String key, Supplier<T> loader) {
        Map<String, Object> values = (Map<String, Object>) transactions.getResource(KEY);
        if (values == null) {
            values = new HashMap<>();
            transactions.putResource(KEY, values);
        }
        Object value = values.get(key);
        if (value == null) {
            value = loader.get();
            values.put(key, value);
        }
        return (T) value;
    }
}
