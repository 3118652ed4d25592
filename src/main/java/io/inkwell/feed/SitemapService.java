package io.inkwell.feed;

import io.inkwell.author.Author;
import io.inkwell.author.AuthorService;
import io.inkwell.common.config.InkwellConfig;
import io.inkwell.common.web.PublicUrls;
import io.inkwell.common.web.Routes;
import io.inkwell.post.PostDtos.LiveAddress;
import io.inkwell.post.PublishedPosts;
import io.inkwell.term.Taxonomy;
import io.inkwell.term.Term;
import io.inkwell.term.TermService;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The frontend's sitemap: its home page, every live post and page, and the tags, categories and
 * authors that have live posts, each with when it last changed (a tag's page changes when one
 * of its posts does). Absolute addresses on INKWELL_PUBLIC_URL.
 */
@ApplicationScoped
class SitemapService {

    private final PublishedPosts published;
    private final TermService terms;
    private final AuthorService authors;
    private final PublicUrls urls;
    private final int maxUrls;

    SitemapService(PublishedPosts published, TermService terms, AuthorService authors, PublicUrls urls,
            InkwellConfig config) {
        this.published = published;
        this.terms = terms;
        this.authors = authors;
        this.urls = urls;
        this.maxUrls = config.sitemap().maxUrls();
    }

    boolean available() {
        return urls.site().isPresent();
    }

    String root() {
        return sitemap().root();
    }

    Optional<String> part(int n) {
        return sitemap().rootPart(n);
    }

    private Sitemap sitemap() {
        List<Sitemap.Url> entries = new ArrayList<>();
        List<LiveAddress> live = published.addresses();
        OffsetDateTime newest = live.stream().map(LiveAddress::updatedAt).max(Comparator.naturalOrder()).orElse(null);
        entries.add(new Sitemap.Url(urls.home().orElseThrow(), newest));
        for (LiveAddress address : live) {
            entries.add(new Sitemap.Url(urls.postOfType(address.type(), address.slug(), address.publishedAt()),
                    address.updatedAt()));
        }
        Map<UUID, OffsetDateTime> termChanges = published.lastChangeByTerm();
        List<Term> liveTerms = new ArrayList<>(terms.findByIds(List.copyOf(termChanges.keySet())));
        liveTerms.sort(Comparator.comparing((Term term) -> term.taxonomy != Taxonomy.TAG).thenComparing(term -> term.slug));
        for (Term term : liveTerms) {
            entries.add(new Sitemap.Url(terms.permalink(term), termChanges.get(term.id)));
        }
        Map<UUID, OffsetDateTime> authorChanges = published.lastChangeByAuthor();
        List<Author> liveAuthors = new ArrayList<>(authors.findByIds(List.copyOf(authorChanges.keySet())));
        liveAuthors.sort(Comparator.comparing(author -> author.slug));
        for (Author author : liveAuthors) {
            entries.add(new Sitemap.Url(urls.author(author.slug), authorChanges.get(author.id)));
        }
        return new Sitemap(entries, maxUrls, n -> urls.onApi(Routes.CONTENT + "/sitemaps/" + n + ".xml"));
    }
}
