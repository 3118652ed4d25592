package io.inkwell.common.slug;

import io.inkwell.common.error.ConflictException;
import io.inkwell.common.error.FieldError;
import io.inkwell.common.error.InvalidInputException;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

/** Picks the slug for a new or renamed resource, with one rule for every resource type. */
public final class SlugAllocator {

    private SlugAllocator() {
    }

    /**
     * For things that are the same when their slugs are (tags, authors): the explicit slug or
     * the one made from {@code name}, never suffixed; taken is a 409. (With a slug of its own, a
     * name whose slug another has is no conflict: a name on a post is first the one bearing it.)
     */
    public static String allocateExact(String explicitSlug, String name, Predicate<String> taken) {
        if (explicitSlug != null) {
            return allocate(explicitSlug, null, taken);
        }
        refuseAnothersName(name, taken);
        String slug = NamedReferences.slugOf(name);
        if (slug.isEmpty()) {
            throw new InvalidInputException("name", "Its letters make no slug: give one (slug).");
        }
        return slug;
    }

    /** A name whose slug, the one it would get, another has already is a 409. */
    private static void refuseAnothersName(String name, Predicate<String> taken) {
        String slug = NamedReferences.slugOf(name);
        if (!slug.isEmpty() && taken.test(slug)) {
            throw new ConflictException("'" + name + "' makes the slug '" + slug + "', which another has; give it a slug "
                    + "of its own.", List.of(new FieldError("name", "Makes the slug '" + slug + "', which is taken.")));
        }
    }

    /**
     * A name another one bears already (any case) is a 409: posts name tags, categories and
     * authors, and get the one that bears the name, a renamed one too.
     */
    public static void refuseBorneName(String name, Function<String, Optional<? extends NamedEntity>> bearer) {
        if (name == null) {
            return;
        }
        bearer.apply(NamedReferences.clean(name)).ifPresent(other -> {
            // The bearer's own spelling: the one sent may differ ("STRASSE" for "Straße").
            throw new ConflictException("'" + other.name + "' (" + other.slug + ") bears this name already (names are "
                    + "compared ignoring case, accents of compatibility and look-alike spaces).",
                    List.of(new FieldError("name", "Already the name of '" + other.slug + "'.")));
        });
    }

    /** A slug changed by an edit: the current one when the request names it again, else as {@link #allocate}. */
    public static String reallocate(String current, String requested, Predicate<String> taken) {
        return Slugs.normalize(requested).equals(current) ? current : allocate(requested, null, taken);
    }

    /**
     * An explicit slug must be valid and free (else 422 / 409). A slug generated from
     * {@code source} gets a numeric suffix until it is free.
     */
    public static String allocate(String explicitSlug, String source, Predicate<String> taken) {
        if (explicitSlug != null) {
            String slug = Slugs.normalize(explicitSlug);
            if (!Slugs.isValid(slug)) {
                throw new InvalidInputException("slug", Slugs.RULE);
            }
            if (taken.test(slug)) {
                throw new ConflictException("The slug '" + slug + "' is already in use.",
                        List.of(new FieldError("slug", "Already in use.")));
            }
            return slug;
        }
        String base = Slugs.fromText(source == null ? "" : source);
        if (base.isEmpty()) {
            base = "untitled";
        }
        String candidate = base;
        for (int suffix = 2; taken.test(candidate); suffix++) {
            candidate = base + "-" + suffix;
        }
        return candidate;
    }
}
