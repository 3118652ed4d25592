package io.inkwell.common.slug;

import io.inkwell.common.error.FieldError;
import io.inkwell.common.error.InvalidInputException;
import com.ibm.icu.text.Normalizer2;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Tags, categories and authors named on a post: checked, and each name found as the one that
 * bears it, else the one whose slug it makes, else made.
 */
public final class NamedReferences {

    /** The message when no rule more precise applies (a null where a name belongs). */
    public static final String NAME_RULE = "Must be a name of 1 to 200 characters with at least one letter or digit.";
    private static final int MAX_NAME_CHARS = 200;

    private NamedReferences() {
    }

    /**
     * Which rule the name breaks, in words for the client; empty when a tag, category or author
     * may bear it and a post name one by it: at most 200 characters, with a letter or digit of
     * any script. One whose letters make no slug (Cherokee, Khmer...) is created with a slug of
     * its own; a post can name it once it exists ({@link #resolve}), not make it.
     */
    public static Optional<String> problemWithOwnName(String name) {
        return problem(name, clean -> clean.codePoints().anyMatch(Character::isLetterOrDigit),
                "Needs at least one letter or digit.");
    }

    /**
     * The length rule, then {@code hasLetters}. Length is counted as a reader counts it (code
     * points, once cleaned): an emoji is one character, not two UTF-16 units.
     */
    private static Optional<String> problem(String name, Predicate<String> hasLetters, String noLetters) {
        if (name == null) {
            return Optional.of(NAME_RULE);
        }
        String clean = clean(name);
        int length = clean.codePointCount(0, clean.length());
        if (length > MAX_NAME_CHARS) {
            return Optional.of("At most " + MAX_NAME_CHARS + " characters once spaces are tidied; this has " + length + ".");
        }
        return hasLetters.test(clean) ? Optional.empty() : Optional.of(noLetters);
    }

    /**
     * Invisible characters a name may carry: zero-width space, word joiner, byte order mark, soft
     * hyphen, combining grapheme joiner, Mongolian vowel separator, the marks and controls of
     * writing direction, Hangul fillers, and control characters other than white space. (Not the
     * zero-width joiner and non-joiner: Persian and emoji need them.)
     */
    private static final Pattern INVISIBLE = Pattern.compile("[\\x{200B}\\x{2060}\\x{FEFF}\\x{00AD}\\x{034F}\\x{180E}"
            + "\\x{200E}\\x{200F}\\x{202A}-\\x{202E}\\x{2066}-\\x{2069}\\x{115F}\\x{1160}\\x{3164}\\x{FFA0}"
            + "\\x{0000}-\\x{0008}\\x{000E}-\\x{001F}\\x{007F}-\\x{0084}\\x{0086}-\\x{009F}]");
    /** Runs of white space of any kind (a no-break space, an ideographic space, a line separator, a tab...). */
    private static final Pattern SPACES = Pattern.compile("[\\s\\p{Z}\\x{0085}]+");

    /** Unicode's folding of identifiers: compatibility forms, case, and default-ignorable characters. */
    private static final Normalizer2 NFKC_CASEFOLD = Normalizer2.getNFKCCasefoldInstance();

    /**
     * What two names are compared by: the same key, the same name ("Straße" and "STRASSE", the
     * fullwidth "Ｆｕｌｌ" and "full", "ﬁle" and "FILE"). Stored beside the name (V23).
     */
    public static String key(String name) {
        return NFKC_CASEFOLD.normalize(clean(name));
    }

    /**
     * The slug a name makes, from its compatibility form: names compared as one ("x²" and "x2",
     * "ﬁle" and "file") make one slug, so a name no tag bears finds the same tag either way.
     */
    public static String slugOf(String name) {
        return Slugs.fromText(Normalizer.normalize(clean(name), Normalizer.Form.NFKC));
    }

    /**
     * A name as it is stored: in Unicode's composed form, without invisible characters, each
     * run of white space one space, stripped. "Go&nbsp;Language", "Go Language\u200B" and
     * "Go  Language" are then the one name a reader sees.
     */
    public static String clean(String name) {
        String composed = Normalizer.normalize(name, Normalizer.Form.NFC);
        return SPACES.matcher(INVISIBLE.matcher(composed).replaceAll("")).replaceAll(" ").strip();
    }

    /**
     * The names, cleaned, once each in first-seen order: names with one {@link #key} are one
     * ("Python" and "python"; the first spelling wins). A name with no letter or digit is
     * reported as {@code field[i]}.
     * Names that differ otherwise ("Go Language", "go-language") may be different ones: a tag
     * renamed "Go Language" keeps the slug of its first name.
     */
    public static List<String> distinct(String field, List<String> names) {
        List<FieldError> errors = errors(field, names);
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        Map<String, String> byKey = new LinkedHashMap<>();
        for (String name : names) {
            String clean = clean(name);
            byKey.putIfAbsent(key(clean), clean);
        }
        return List.copyOf(byKey.values());
    }

    /** Each name of the list that is not one ({@link #problemWithOwnName}), as {@code field[i]} with the rule it breaks. */
    private static List<FieldError> errors(String field, List<String> names) {
        List<FieldError> errors = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            int index = i;
            problemWithOwnName(names.get(i)).ifPresent(problem -> errors.add(new FieldError(field + "[" + index + "]", problem)));
        }
        return errors;
    }

    /**
     * The ids the names are, in the names' order, each once: found by {@code existing}, else
     * made by {@code make} once {@code lock} holds the names to make ({@link NameLocks}, all at
     * once), in the order of the slugs they make: making a name inserts its slug, which another
     * post making the same names in the opposite order would otherwise wait for in a circle (a
     * deadlock, which PostgreSQL ends by failing one of them).
     */
    public static List<UUID> resolve(String field, List<String> names, Function<String, Optional<UUID>> existing,
            Consumer<Collection<String>> lock, Function<String, UUID> make) {
        List<String> distinctNames = distinct(field, names);
        Map<String, UUID> found = new HashMap<>();
        List<String> toMake = new ArrayList<>();
        for (String name : distinctNames) {
            existing.apply(name).ifPresentOrElse(id -> found.put(name, id), () -> toMake.add(name));
        }
        refuseSluglessNew(field, names, toMake);
        if (!toMake.isEmpty()) {
            lock.accept(toMake);
            toMake.stream().sorted(Comparator.comparing(NamedReferences::slugOf).thenComparing(Comparator.naturalOrder()))
                    .forEach(name -> found.put(name, make.apply(name)));
        }
        return distinctNames.stream().map(found::get).distinct().toList();
    }

    /** A new one gets its slug from its name: a name whose letters make none must be borne first, as {@code field[i]} says. */
    private static void refuseSluglessNew(String field, List<String> names, List<String> toMake) {
        Set<String> slugless = new HashSet<>();
        toMake.stream().filter(name -> slugOf(name).isEmpty()).forEach(name -> slugless.add(key(name)));
        if (slugless.isEmpty()) {
            return;
        }
        List<FieldError> errors = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            if (slugless.remove(key(clean(names.get(i))))) {
                errors.add(new FieldError(field + "[" + i + "]", "Nothing bears this name yet, and its letters make no "
                        + "slug for a new one: create it first with a slug of its own, then name it here."));
            }
        }
        throw new InvalidInputException(errors);
    }
}
