package io.inkwell.common.slug;

import io.inkwell.common.error.FieldError;
import io.inkwell.common.error.InvalidInputException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.TreeMap;
import java.util.function.BiFunction;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Tags, categories and authors named on a post: checked, and deduplicated by slug. */
public final class NamedReferences {

    public static final String NAME_RULE = "Must be a name of 1 to 200 characters with at least one letter or digit.";

    private NamedReferences() {
    }

    /** Whether this can name a tag, category or author: some letter or digit, at most 200 characters. */
    public static boolean isName(String name) {
        return name != null && name.strip().length() <= 200 && !Slugs.fromText(name.strip()).isEmpty();
    }

    /**
     * Slug to display name, in first-seen order. "Python" and "python" give one entry; the
     * first spelling wins. A name with no letter or digit is reported as {@code field[i]}.
     */
    public static Map<String, String> bySlug(String field, List<String> names) {
        Map<String, String> nameBySlug = new LinkedHashMap<>();
        List<FieldError> errors = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            if (!isName(names.get(i))) {
                errors.add(new FieldError(field + "[" + i + "]", NAME_RULE));
                continue;
            }
            String name = names.get(i).strip();
            nameBySlug.putIfAbsent(Slugs.fromText(name), name);
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        return nameBySlug;
    }

    /**
     * The ids of the named entities, in the names' order, found or created by
     * {@code findOrCreate(slug, name)} in slug order: creating a name locks it until the
     * transaction ends, so two posts naming the same new tags in opposite orders would otherwise
     * each wait for the other (a deadlock, which PostgreSQL ends by failing one of them).
     */
    public static <T> List<T> resolveInSlugOrder(Map<String, String> nameBySlug, BiFunction<String, String, T> findOrCreate) {
        Map<String, T> found = new HashMap<>();
        new TreeMap<>(nameBySlug).forEach((slug, name) -> found.put(slug, findOrCreate.apply(slug, name)));
        return nameBySlug.keySet().stream().map(found::get).toList();
    }
}
