package io.inkwell.term;

import io.inkwell.change.ContentChanges;
import io.inkwell.change.ContentChanges.Reason;
import io.inkwell.webhook.WebhookOutbox;
import io.inkwell.common.Times;
import io.inkwell.common.InOrder;
import io.inkwell.common.Text;
import io.inkwell.common.TransactionCache;
import io.inkwell.common.error.ResourceNotFoundException;
import io.inkwell.common.events.ReferencedNamesChanged;
import io.inkwell.common.paging.Page;
import io.inkwell.common.paging.PageRequest;
import io.inkwell.common.slug.NamedImport;
import io.inkwell.common.slug.NamedReferences;
import io.inkwell.common.slug.SlugAllocator;
import io.inkwell.common.web.ContentGeneration;
import io.inkwell.common.web.ContentKeys;
import io.inkwell.common.web.MergePatch;
import io.inkwell.common.web.VersionPrecondition;
import io.inkwell.term.TermDtos.CreateTermRequest;
import io.inkwell.common.web.PublicUrls;
import io.inkwell.term.TermDtos.PublicTermView;
import io.inkwell.term.TermDtos.TermView;
import io.inkwell.term.TermDtos.UpdateTermRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;

/** Tags and categories: CRUD for the Admin API, and find-or-create for posts. */
@ApplicationScoped
public class TermService {

    private final TermRepository terms;
    private final Event<ReferencedNamesChanged> namesChanged;
    private final TransactionCache cache;
    private final TermPublications publications;
    private final WebhookOutbox outbox;
    private final ContentGeneration generation;
    private final ContentChanges changes;
    private final Clock clock;
    private final PublicUrls urls;

    public TermService(TermRepository terms, Event<ReferencedNamesChanged> namesChanged, TransactionCache cache,
            TermPublications publications, WebhookOutbox outbox, ContentGeneration generation, ContentChanges changes,
            Clock clock, PublicUrls urls) {
        this.generation = generation;
        this.changes = changes;
        this.urls = urls;
        this.publications = publications;
        this.outbox = outbox;
        this.clock = clock;
        this.terms = terms;
        this.cache = cache;
        this.namesChanged = namesChanged;
    }

    public Page<TermView> list(Taxonomy taxonomy, PageRequest page) {
        List<Term> found = terms.page(taxonomy, page);
        Map<UUID, Long> counts = publications.publishedPostsByTerm(found.stream().map(t -> t.id).toList());
        return page.toPage(found.stream().map(t -> TermView.from(t, counts.getOrDefault(t.id, 0L))).toList(),
                terms.countIn(taxonomy));
    }

    /** The Content API's tags or categories: those with published posts, by name. */
    public Page<PublicTermView> published(Taxonomy taxonomy, PageRequest page) {
        Map<UUID, Long> counts = publications.publishedPostsByTerm();
        return page.toPage(terms.page(taxonomy, counts.keySet(), page).stream()
                .map(term -> PublicTermView.from(term, counts.get(term.id), permalink(term))).toList(),
                terms.countIn(taxonomy, counts.keySet()));
    }

    /** A tag or category of the Content API, if it has published posts. */
    public Optional<PublicTermView> published(Taxonomy taxonomy, String slug) {
        return terms.findBySlug(taxonomy, slug).flatMap(term -> Optional.ofNullable(
                publications.publishedPostsByTerm(List.of(term.id)).get(term.id))
                .map(count -> PublicTermView.from(term, count, permalink(term))));
    }

    /** The frontend's page of a tag or category. */
    public String permalink(Term term) {
        return term.taxonomy == Taxonomy.TAG ? urls.tag(term.slug) : urls.category(term.slug);
    }

    /** The id of the tag or category with this slug (any case), if there is one. */
    public Optional<UUID> idOf(Taxonomy taxonomy, String slug) {
        return terms.findBySlug(taxonomy, slug).map(term -> term.id);
    }

    public TermView get(Taxonomy taxonomy, UUID id) {
        return view(load(taxonomy, id));
    }

    @Transactional
    public TermView create(Taxonomy taxonomy, CreateTermRequest request) {
        terms.lockNames(taxonomy, List.of(request.name()));
        SlugAllocator.refuseBorneName(request.name(), name -> terms.otherBearer(taxonomy, name, null));
        Term term = Term.create(taxonomy, request.name(), request.slug(), slug -> terms.slugTaken(taxonomy, slug, null),
                Times.now(clock));
        term.description = Text.blankToNull(request.description());
        terms.persist(term);
        // A racing duplicate fails here, as a 409, not at commit as a 500.
        terms.flush();
        outbox.record(event(taxonomy, "created"), publicJson(term, 0));
        return TermView.from(term, 0);
    }

    @Transactional
    public TermView update(Taxonomy taxonomy, UUID id, VersionPrecondition ifMatch, MergePatch<UpdateTermRequest> patch) {
        Term term = loadForWrite(taxonomy, id, ifMatch);
        edit(term, patch.applyTo(UpdateTermRequest.of(term)).values(), true);
        return view(term);
    }

    /**
     * An export's tags or categories ({@code data/inkwell/taxonomies.json}): each created with
     * its slug, or given the file's name and description, as the Admin API would, but for names,
     * checked once all are applied ({@link NamedImport}). In the caller's transaction, which it
     * leaves usable when it refuses (an atomic import then reports every file before rolling back).
     */
    public NamedImport importTerms(Taxonomy taxonomy, String section, List<NamedImport.Entry> entries) {
        return NamedImport.apply(section, entries, new NamedImport.Target<Term>() {
            @Override
            public void lock(List<String> slugs, List<String> names) {
                terms.lockSlugs(taxonomy, slugs);
                terms.lockNames(taxonomy, names);
            }

            @Override
            public List<Term> all() {
                return TermService.this.all(taxonomy);
            }

            @Override
            public String slugOf(Term existing) {
                return existing.slug;
            }

            @Override
            public void create(NamedImport.Entry entry, Predicate<String> slugTaken) {
                Term term = Term.create(taxonomy, entry.name(), entry.slug(), slugTaken, Times.now(clock));
                term.description = Text.blankToNull(entry.text());
                terms.persist(term);
                outbox.record(event(taxonomy, "created"), publicJson(term, 0));
            }

            @Override
            public boolean update(Term term, NamedImport.Entry entry) {
                UpdateTermRequest edit = new UpdateTermRequest(NamedReferences.clean(entry.name()), term.slug,
                        entry.text() != null ? entry.text().strip() : term.description);
                return TermService.this.edit(term, edit, false);
            }

            @Override
            public Map<String, List<String>> borneTwice(List<String> names) {
                terms.flush();
                return terms.slugsBearingTwice(taxonomy, names);
            }
        });
    }

    /** Every tag or category, by slug, for an export. */
    public List<Term> all(Taxonomy taxonomy) {
        return terms.list("taxonomy = ?1 order by slug", taxonomy);
    }

    /**
     * Applies the edit, if it changes anything; one that does not leaves updatedAt, the change
     * feed, caches and webhooks as they are.
     *
     * @return whether it changed anything
     */
    private boolean edit(Term term, UpdateTermRequest edit, boolean refuseBorneName) {
        if (!term.changedBy(edit)) {
            return false;
        }
        Taxonomy taxonomy = term.taxonomy;
        UUID id = term.id;
        String oldSlug = term.slug;
        if (refuseBorneName && !NamedReferences.clean(edit.name()).equals(term.name)) {
            terms.lockNames(taxonomy, List.of(edit.name()));
            SlugAllocator.refuseBorneName(edit.name(), name -> terms.otherBearer(taxonomy, name, id));
        }
        boolean renamed = term.edit(edit, slug -> terms.slugTaken(taxonomy, slug, id), Times.now(clock));
        terms.flush();
        if (isPublic(term)) {
            if (!term.slug.equals(oldSlug)) {
                changes.tombstone(resource(taxonomy), term.id, oldSlug, Reason.MOVED);
            }
            changes.upsert(resource(taxonomy), term.id, term.slug, Reason.UPDATED);
        }
        if (renamed) {
            // Snapshots show names and slugs; a description or bio is not part of them.
            namesChanged.fire(ReferencedNamesChanged.renamed(ReferencedNamesChanged.Kind.TERM, term.id));
        }
        // Its own answer (description included) and the lists that show it, wherever it is public.
        List<String> touched = ContentKeys.ofTermChange(term.id, taxonomy.value());
        generation.changed(touched);
        outbox.record(event(taxonomy, "updated"),
                publicJson(term, publications.publishedPostsByTerm(List.of(term.id)).getOrDefault(term.id, 0L)), touched);
        return true;
    }

    /** Takes the term off every post (working copies and published snapshots); the posts stay. */
    @Transactional
    public void delete(Taxonomy taxonomy, UUID id, VersionPrecondition ifMatch) {
        Term term = loadForWrite(taxonomy, id, ifMatch);
        if (isPublic(term)) {
            changes.tombstone(resource(taxonomy), term.id, term.slug, Reason.DELETED);
        }
        namesChanged.fire(ReferencedNamesChanged.deleting(ReferencedNamesChanged.Kind.TERM, id));
        List<String> touched = ContentKeys.ofTermChange(term.id, taxonomy.value());
        generation.changed(touched);
        outbox.record(event(taxonomy, "deleted"), lastReference(term), touched);
        terms.delete(term);
        // Now, not at commit: a version changed since the check is a 412 (or 503), not a failed commit.
        terms.flush();
    }

    /** Whether the Content API shows it (it has published posts), so the change feed reports its changes. */
    private boolean isPublic(Term term) {
        return publications.publishedPostsByTerm(List.of(term.id)).containsKey(term.id);
    }

    private static ContentChanges.Resource resource(Taxonomy taxonomy) {
        return taxonomy == Taxonomy.TAG ? ContentChanges.Resource.TAG : ContentChanges.Resource.CATEGORY;
    }

    /** {@code tag.created}, {@code category.deleted}... */
    private static String event(Taxonomy taxonomy, String what) {
        return taxonomy.name().toLowerCase(java.util.Locale.ROOT) + "." + what;
    }

    /** A webhook's data: the term's id and its Content API view. */
    private Map<String, Object> publicJson(Term term, long postCount) {
        PublicTermView view = PublicTermView.from(term, postCount, permalink(term));
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("id", term.id);
        data.put("slug", view.slug());
        data.put("name", view.name());
        data.put("description", view.description());
        data.put("postCount", view.postCount());
        data.put("url", view.url());
        return data;
    }

    /** A deletion's webhook data: what a receiver needs to drop the term's page. */
    private static Map<String, Object> lastReference(Term term) {
        return Map.of("id", term.id, "slug", term.slug, "name", term.name);
    }

    /**
     * The terms a post names, in the given order, creating unknown ones: a name is the term
     * that bears it (any case; a renamed one too), else the one whose slug the name makes, so
     * names that differ only in case or accents ("Python", "python") are one term. Runs in the
     * caller's transaction.
     */
    public List<Term> resolve(Taxonomy taxonomy, String field, List<String> names) {
        List<UUID> ids = NamedReferences.resolve(field, names,
                name -> existing(taxonomy, name).map(term -> term.id), toMake -> terms.lockNames(taxonomy, toMake),
                name -> made(taxonomy, name).id);
        // Usually still in the persistence context: no query.
        return ids.stream().map(id -> terms.getEntityManager().find(Term.class, id)).toList();
    }

    /** The slugs of the terms these names are, as {@link #resolve} finds them, without making any (a new one's slug for the others). */
    public List<String> slugsNamed(Taxonomy taxonomy, String field, List<String> names) {
        return NamedReferences.distinct(field, names).stream()
                .map(name -> existing(taxonomy, name).map(term -> term.slug).orElse(NamedReferences.slugOf(name)))
                .distinct().toList();
    }

    /** The term that bears the name, else the one whose slug it makes. */
    private Optional<Term> existing(Taxonomy taxonomy, String name) {
        UUID id = cache.get("term/" + taxonomy + "/" + NamedReferences.key(name), () -> terms.findByName(taxonomy, name)
                .or(() -> terms.findBySlug(taxonomy, NamedReferences.slugOf(name))).map(term -> term.id).orElse(null));
        return Optional.ofNullable(id).map(found -> terms.getEntityManager().find(Term.class, found));
    }

    /** A new term for a name a post gives, unless a rename gave it to one meanwhile (the name's lock, held, orders the two). */
    private Term made(Taxonomy taxonomy, String name) {
        return terms.findByName(taxonomy, name).orElseGet(() -> terms.upsert(taxonomy, NamedReferences.slugOf(name), name));
    }

    /** The terms with these ids, in the given order; ids that no longer exist are left out. */
    public List<Term> findByIds(List<UUID> ids) {
        return InOrder.byIds(ids, batch -> terms.list("id in ?1", batch), term -> term.id);
    }

    private Term load(Taxonomy taxonomy, UUID id) {
        return terms.findById(taxonomy, id).orElseThrow(() -> new ResourceNotFoundException(
                "No " + taxonomy.value() + " with id " + id + "."));
    }

    /**
     * The term, if the client's copy is this version. Not locked: its writes carry the version
     * checked, so one changed meanwhile fails at flush as stale (412 with If-Match, else 503); a
     * row lock taken here would come before the name locks that imports and posts take first.
     */
    private Term loadForWrite(Taxonomy taxonomy, UUID id, VersionPrecondition ifMatch) {
        Term term = load(taxonomy, id);
        ifMatch.check(term.version, taxonomy.value());
        return term;
    }

    private TermView view(Term term) {
        return TermView.from(term, publications.publishedPostsByTerm(List.of(term.id)).getOrDefault(term.id, 0L));
    }
}
