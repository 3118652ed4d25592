package io.inkwell.common;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Function;

/** Loading by ids with one query and handing the results back in the order asked for. */
public final class InOrder {

    private InOrder() {
    }

    /** Ids that no longer exist are left out. */
    public static <T> List<T> byIds(List<UUID> ids, Function<List<UUID>, List<T>> load, Function<T, UUID> idOf) {
        if (ids.isEmpty()) {
            return List.of();
        }
        Map<UUID, T> byId = new HashMap<>();
        load.apply(ids).forEach(item -> byId.put(idOf.apply(item), item));
        return pick(ids, byId);
    }

    /** The items of these ids from ones loaded before, in the ids' order; missing ones are left out. */
    public static <T> List<T> pick(List<UUID> ids, Map<UUID, T> byId) {
        return ids.stream().map(byId::get).filter(Objects::nonNull).toList();
    }
}
