package io.inkwell.common.web;

import jakarta.ws.rs.core.MediaType;
import java.util.Collection;
import java.util.List;

/** A Content API body and the surrogate keys ({@link ContentKeys}) it was built from. */
public record KeyedContent(String body, MediaType type, List<String> keys) {

    public KeyedContent {
        keys = List.copyOf(keys);
    }

    public static KeyedContent json(String body, Collection<String> keys) {
        return new KeyedContent(body, MediaType.APPLICATION_JSON_TYPE, List.copyOf(keys));
    }
}
