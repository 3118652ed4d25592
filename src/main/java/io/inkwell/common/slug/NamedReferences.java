package io.inkwell.common.slug;

import io.inkwell.common.error.FieldError;
import io.inkwell.common.error.InvalidInputException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/**
 * Tags, categories and authors named on a post: checked, and each name found as the one that
 * bears it, else the one whose slug it makes, else made.
 */
public final class NamedReferences {

    /**
     * The first key of the advisory locks that order the giving of a name (a rename to it, a
     * post making a tag or author of it): "nams", apart from other locks' keys.
     */
    public static final int NAME_LOCKS = 0x6e616d73;

    public static final String NAME_RULE = "Must be a name of 1 to 200 characters with at least one letter or digit.";

    private NamedReferences() {
    }

    /** Whether this can name a tag, category or author: some letter or digit, at most 200 characters. */
    public static boolean isName(String name) {
        return name != null && name.strip().length() <= 200 && !Slugs.fromText(name.strip()).isEmpty();
    }

    /**
     * The names, stripped, once each in first-seen order: "Python" and "python" are one (the
     * first spelling wins). A name with no letter or digit is reported as {@code field[i]}.
     * Names that differ otherwise ("Go Language", "go-language") may be different ones: a tag
     * renamed "Go Language" keeps the slug of its first name.
     */
    public static List<String> distinct(String field, List<String> names) {
        Map<String, String> byLowerCase = new LinkedHashMap<>();
        List<FieldError> errors = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            if (!isName(names.get(i))) {
                errors.add(new FieldError(field + "[" + i + "]", NAME_RULE));
                continue;
            }
            String name = names.get(i).strip();
            byLowerCase.putIfAbsent(name.toLowerCase(Locale.ROOT), name);
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        return List.copyOf(byLowerCase.values());
    }

    /**
     * The ids the names are, in the names' order, each once, found or made by {@code resolve}
     * in the order of the slugs the names make: making a name locks it until the transaction
     * ends, so two posts naming the same new tags in opposite orders would otherwise each wait
     * for the other (a deadlock, which PostgreSQL ends by failing one of them).
     */
    public static List<UUID> resolve(List<String> distinctNames, Function<String, UUID> resolve) {
        Map<String, UUID> found = new HashMap<>();
        distinctNames.stream().sorted(Comparator.comparing(Slugs::fromText).thenComparing(Comparator.naturalOrder()))
                .forEach(name -> found.put(name, resolve.apply(name)));
        return distinctNames.stream().map(found::get).distinct().toList();
    }
}
