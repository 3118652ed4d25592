package io.inkwell.term;

import com.fasterxml.jackson.annotation.JsonValue;

/** Tags and categories share one mechanism, as Hugo taxonomies do. */
public enum Taxonomy {
    TAG("tag", "tags"),
    CATEGORY("category", "categories");

    private final String value;
    private final String plural;

    Taxonomy(String value, String plural) {
        this.value = value;
        this.plural = plural;
    }

    @JsonValue
    public String value() {
        return value;
    }

    public String plural() {
        return plural;
    }

    @Override
    public String toString() {
        return value;
    }
}
