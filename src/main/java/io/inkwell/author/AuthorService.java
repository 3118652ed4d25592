package io.inkwell.author;

import io.inkwell.change.ContentChanges;
import io.inkwell.change.ContentChanges.Reason;
import io.inkwell.change.ContentChanges.Resource;
import io.inkwell.webhook.WebhookOutbox;
import io.inkwell.common.Times;
import io.inkwell.common.InOrder;
import io.inkwell.common.Text;
import io.inkwell.author.AuthorDtos.AuthorView;
import io.inkwell.author.AuthorDtos.PublicAuthorView;
import io.inkwell.common.web.PublicUrls;
import io.inkwell.author.AuthorDtos.CreateAuthorRequest;
import io.inkwell.author.AuthorDtos.UpdateAuthorRequest;
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

@ApplicationScoped
public class AuthorService {

    private final AuthorRepository authors;
    private final Event<ReferencedNamesChanged> namesChanged;
    private final TransactionCache cache;
    private final AuthorPublications publications;
    private final WebhookOutbox outbox;
    private final ContentGeneration generation;
    private final ContentChanges changes;
    private final Clock clock;
    private final PublicUrls urls;

    public AuthorService(AuthorRepository authors, Event<ReferencedNamesChanged> namesChanged, TransactionCache cache,
            AuthorPublications publications, WebhookOutbox outbox, ContentGeneration generation, ContentChanges changes,
            Clock clock, PublicUrls urls) {
        this.generation = generation;
        this.changes = changes;
        this.urls = urls;
        this.publications = publications;
        this.outbox = outbox;
        this.clock = clock;
        this.authors = authors;
        this.cache = cache;
        this.namesChanged = namesChanged;
    }

    public Page<AuthorView> list(PageRequest page) {
        List<Author> found = authors.page(page);
        Map<UUID, Long> counts = publications.publishedPostsByAuthor(found.stream().map(a -> a.id).toList());
        return page.toPage(found.stream().map(a -> AuthorView.from(a, counts.getOrDefault(a.id, 0L))).toList(),
                authors.count());
    }

    /** The Content API's authors: those with published posts, by name. */
    public Page<PublicAuthorView> published(PageRequest page) {
        Map<UUID, Long> counts = publications.publishedPostsByAuthor();
        return page.toPage(authors.page(counts.keySet(), page).stream()
                .map(author -> PublicAuthorView.from(author, counts.get(author.id), urls.author(author.slug))).toList(), counts.size());
    }

    /** An author of the Content API, if they have published posts. */
    public Optional<PublicAuthorView> published(String slug) {
        return authors.findBySlug(slug).flatMap(author -> Optional.ofNullable(
                publications.publishedPostsByAuthor(List.of(author.id)).get(author.id))
                .map(count -> PublicAuthorView.from(author, count, urls.author(author.slug))));
    }

    /** The id of the author with this slug (any case), if there is one. */
    public Optional<UUID> idOf(String slug) {
        return authors.findBySlug(slug).map(author -> author.id);
    }

    public boolean exists(UUID id) {
        return authors.findByIdOptional(id).isPresent();
    }

    public AuthorView get(UUID id) {
        return view(load(id));
    }

    @Transactional
    public AuthorView create(CreateAuthorRequest request) {
        authors.lockNames(List.of(request.name()));
        SlugAllocator.refuseBorneName(request.name(), name -> authors.otherBearer(name, null));
        Author author = Author.create(request.name(), request.slug(), slug -> authors.slugTaken(slug, null),
                Times.now(clock));
        author.bio = Text.blankToNull(request.bio());
        authors.persist(author);
        // A racing duplicate fails here, as a 409, not at commit as a 500.
        authors.flush();
        outbox.record("author.created", publicJson(author, 0));
        return AuthorView.from(author, 0);
    }

    @Transactional
    public AuthorView update(UUID id, VersionPrecondition ifMatch, MergePatch<UpdateAuthorRequest> patch) {
        Author author = loadForWrite(id, ifMatch);
        edit(author, patch.applyTo(UpdateAuthorRequest.of(author)).values(), true);
        return view(author);
    }

    /** As {@link io.inkwell.term.TermService#importTerms}, for authors (their bios). */
    public NamedImport importAuthors(String section, List<NamedImport.Entry> entries) {
        return NamedImport.apply(section, entries, new NamedImport.Target<Author>() {
            @Override
            public void lock(List<String> slugs, List<String> names) {
                authors.lockSlugs(slugs);
                authors.lockNames(names);
            }

            @Override
            public List<Author> all() {
                return AuthorService.this.all();
            }

            @Override
            public String slugOf(Author existing) {
                return existing.slug;
            }

            @Override
            public void create(NamedImport.Entry entry, Predicate<String> slugTaken) {
                Author author = Author.create(entry.name(), entry.slug(), slugTaken, Times.now(clock));
                author.bio = Text.blankToNull(entry.text());
                authors.persist(author);
                outbox.record("author.created", publicJson(author, 0));
            }

            @Override
            public boolean update(Author author, NamedImport.Entry entry) {
                UpdateAuthorRequest edit = new UpdateAuthorRequest(NamedReferences.clean(entry.name()), author.slug,
                        entry.text() != null ? entry.text().strip() : author.bio);
                return AuthorService.this.edit(author, edit, false);
            }

            @Override
            public Map<String, List<String>> borneTwice(List<String> names) {
                authors.flush();
                return authors.slugsBearingTwice(names);
            }
        });
    }

    /** Every author, by slug, for an export. */
    public List<Author> all() {
        return authors.list("order by slug");
    }

    /**
     * Applies the edit, if it changes anything; one that does not leaves updatedAt, the change
     * feed, caches and webhooks as they are.
     *
     * @return whether it changed anything
     */
    private boolean edit(Author author, UpdateAuthorRequest edit, boolean refuseBorneName) {
        if (!author.changedBy(edit)) {
            return false;
        }
        UUID id = author.id;
        String oldSlug = author.slug;
        if (refuseBorneName && !NamedReferences.clean(edit.name()).equals(author.name)) {
            authors.lockNames(List.of(edit.name()));
            SlugAllocator.refuseBorneName(edit.name(), name -> authors.otherBearer(name, id));
        }
        boolean renamed = author.edit(edit, slug -> authors.slugTaken(slug, id), Times.now(clock));
        authors.flush();
        if (isPublic(author)) {
            if (!author.slug.equals(oldSlug)) {
                changes.tombstone(Resource.AUTHOR, author.id, oldSlug, Reason.MOVED);
            }
            changes.upsert(Resource.AUTHOR, author.id, author.slug, Reason.UPDATED);
        }
        if (renamed) {
            // Snapshots show names and slugs; a description or bio is not part of them.
            namesChanged.fire(ReferencedNamesChanged.renamed(ReferencedNamesChanged.Kind.AUTHOR, author.id));
        }
        // Its own answer (bio included) and the lists that show it, wherever it is public.
        List<String> touched = ContentKeys.ofAuthorChange(author.id);
        generation.changed(touched);
        outbox.record("author.updated",
                publicJson(author, publications.publishedPostsByAuthor(List.of(author.id)).getOrDefault(author.id, 0L)), touched);
        return true;
    }

    /** Takes the author off every post; the posts stay. */
    @Transactional
    public void delete(UUID id, VersionPrecondition ifMatch) {
        Author author = loadForWrite(id, ifMatch);
        if (isPublic(author)) {
            changes.tombstone(Resource.AUTHOR, author.id, author.slug, Reason.DELETED);
        }
        namesChanged.fire(ReferencedNamesChanged.deleting(ReferencedNamesChanged.Kind.AUTHOR, id));
        List<String> touched = ContentKeys.ofAuthorChange(author.id);
        generation.changed(touched);
        outbox.record("author.deleted", lastReference(author), touched);
        authors.delete(author);
        // Now, not at commit: a version changed since the check is a 412 (or 503), not a failed commit.
        authors.flush();
    }

    /** Whether the Content API shows them (they have published posts), so the change feed reports their changes. */
    private boolean isPublic(Author author) {
        return publications.publishedPostsByAuthor(List.of(author.id)).containsKey(author.id);
    }

    /** A webhook's data: the author's id and Content API view. */
    private Map<String, Object> publicJson(Author author, long postCount) {
        PublicAuthorView view = PublicAuthorView.from(author, postCount, urls.author(author.slug));
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("id", author.id);
        data.put("slug", view.slug());
        data.put("name", view.name());
        data.put("bio", view.bio());
        data.put("postCount", view.postCount());
        data.put("url", view.url());
        return data;
    }

    /** A deletion's webhook data: what a receiver needs to drop the author's page. */
    private static Map<String, Object> lastReference(Author author) {
        return Map.of("id", author.id, "slug", author.slug, "name", author.name);
    }

    /**
     * The authors a post names, in order, creating unknown ones, in the caller's transaction: a
     * name is the author who bears it (any case; a renamed one too), else the one whose slug
     * the name makes.
     */
    public List<Author> resolve(String field, List<String> names) {
        List<UUID> ids = NamedReferences.resolve(field, names,
                name -> existing(name).map(author -> author.id), authors::lockNames, name -> made(name).id);
        return ids.stream().map(id -> authors.getEntityManager().find(Author.class, id)).toList();
    }

    /** The slugs of the authors these names are, as {@link #resolve} finds them, without making any (a new one's slug for the others). */
    public List<String> slugsNamed(String field, List<String> names) {
        return NamedReferences.distinct(field, names).stream()
                .map(name -> existing(name).map(author -> author.slug).orElse(NamedReferences.slugOf(name)))
                .distinct().toList();
    }

    /** The author who bears the name, else the one whose slug it makes. */
    private Optional<Author> existing(String name) {
        UUID id = cache.get("author/" + NamedReferences.key(name), () -> authors.findByName(name)
                .or(() -> authors.findBySlug(NamedReferences.slugOf(name))).map(author -> author.id).orElse(null));
        return Optional.ofNullable(id).map(found -> authors.getEntityManager().find(Author.class, found));
    }

    /** A new author for a name a post gives, unless a rename gave it to one meanwhile (the name's lock, held, orders the two). */
    private Author made(String name) {
        return authors.findByName(name).orElseGet(() -> authors.upsert(NamedReferences.slugOf(name), name));
    }

    /** The authors with these ids, in the given order; ids that no longer exist are left out. */
    public List<Author> findByIds(List<UUID> ids) {
        return InOrder.byIds(ids, batch -> authors.list("id in ?1", batch), author -> author.id);
    }

    private Author load(UUID id) {
        return authors.findByIdOptional(id)
                .orElseThrow(() -> new ResourceNotFoundException("No author with id " + id + "."));
    }

    /** The author, if the client's copy is this version; not locked, as {@code TermService.loadForWrite} says why. */
    private Author loadForWrite(UUID id, VersionPrecondition ifMatch) {
        Author author = load(id);
        ifMatch.check(author.version, "author");
        return author;
    }

    private AuthorView view(Author author) {
        return AuthorView.from(author, publications.publishedPostsByAuthor(List.of(author.id)).getOrDefault(author.id, 0L));
    }
}
