package io.inkwell.common.slug;

import io.inkwell.common.error.FieldError;
import io.inkwell.common.error.InvalidInputException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Tags, categories and authors named on a post: checked, and deduplicated by slug. */
public final class NamedReferences {

    private NamedReferences() {
    }

    /**
     * Slug to display name, in first-seen order. "Python" and "python" give one entry; the
     * first spelling wins. A name with no letter or digit is reported as {@code field[i]}.
     */
    public static Map<String, String> bySlug(String field, List<String> names) {
        Map<String, String> nameBySlug = new LinkedHashMap<>();
        List<FieldError> errors = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i) == null ? "" : names.get(i).strip();
            String slug = Slugs.fromText(name);
            if (slug.isEmpty() || name.length() > 200) {
                errors.add(new FieldError(field + "[" + i + "]",
                        "Must be a name of 1 to 200 characters with at least one letter or digit."));
                continue;
            }
            nameBySlug.putIfAbsent(slug, name);
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        return nameBySlug;
    }
}
