package io.inkwell.common.slug;

import io.inkwell.common.error.ApiException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * What an import of an export's tags, categories or authors did ({@code taxonomies.json}):
 * whether it changed anything, and what it refused, each as "where: why". The entries are
 * applied as a whole: a file may pass a name from one to another (q renamed from "Q1" to "Q2",
 * then p to "Q1") in any order, so names are checked once all are applied.
 */
public record NamedImport(boolean changed, List<String> problems) {

    /** One of them: its slug, name, and description or bio (null keeps the current one). */
    public record Entry(String slug, String name, String text) {
    }

    /** How one kind is imported: by its service, in the caller's transaction. */
    public interface Target<T> {
        /** Until the transaction ends, these slugs and names are the import's to give ({@link NameLocks}). */
        void lock(List<String> slugs, List<String> names);

        /** Every existing one, in one query: each query flushes the session, checking all the new ones again. */
        List<T> all();

        String slugOf(T existing);

        /** A new one with the entry's slug; {@code slugTaken} answers from what is known already. */
        void create(Entry entry, Predicate<String> slugTaken);

        /** @return whether the existing one changed (null text keeps its own) */
        boolean update(T existing, Entry entry);

        /** Of these names, those two or more bear now (lower case), with their slugs in order. */
        Map<String, List<String>> borneTwice(List<String> names);
    }

    /** Applies the entries to one kind, named {@code section} in problems. */
    public static <T> NamedImport apply(String section, List<Entry> entries, Target<T> target) {
        List<String> names = entries.stream().map(Entry::name).toList();
        target.lock(entries.stream().map(Entry::slug).toList(), names);
        Map<String, T> bySlug = new HashMap<>();
        target.all().forEach(existing -> bySlug.put(Slugs.normalize(target.slugOf(existing)), existing));
        Set<String> taken = new HashSet<>(bySlug.keySet());
        boolean changed = false;
        List<String> problems = new ArrayList<>();
        for (Entry entry : entries) {
            try {
                T existing = bySlug.get(Slugs.normalize(entry.slug()));
                if (existing == null) {
                    target.create(entry, slug -> taken.contains(Slugs.normalize(slug)));
                    taken.add(Slugs.normalize(entry.slug()));
                    changed = true;
                } else {
                    changed |= target.update(existing, entry);
                }
            } catch (ApiException e) {
                problems.add(section + "." + entry.slug() + ": " + e.summary());
            }
        }
        target.borneTwice(names).forEach((name, slugs) -> problems.add(section + "." + String.join(", " + section + ".", slugs)
                + ": all named '" + name + "' (in any case); a post naming it must mean one (409 in the Admin API)"));
        return new NamedImport(changed, problems);
    }
}
