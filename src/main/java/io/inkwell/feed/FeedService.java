package io.inkwell.feed;

import com.rometools.rome.feed.synd.SyndCategory;
import com.rometools.rome.feed.synd.SyndCategoryImpl;
import com.rometools.rome.feed.synd.SyndContent;
import com.rometools.rome.feed.synd.SyndContentImpl;
import com.rometools.rome.feed.synd.SyndEnclosure;
import com.rometools.rome.feed.synd.SyndEnclosureImpl;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndEntryImpl;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.feed.synd.SyndFeedImpl;
import com.rometools.rome.feed.synd.SyndLink;
import com.rometools.rome.feed.synd.SyndLinkImpl;
import com.rometools.rome.feed.synd.SyndPerson;
import com.rometools.rome.feed.synd.SyndPersonImpl;
import com.rometools.rome.io.FeedException;
import com.rometools.rome.io.SyndFeedOutput;
import io.inkwell.author.AuthorService;
import io.inkwell.common.config.InkwellConfig;
import io.inkwell.common.web.HtmlLinks;
import io.inkwell.common.web.Json;
import io.inkwell.common.web.PublicUrls;
import io.inkwell.common.web.Routes;
import io.inkwell.image.Image;
import io.inkwell.image.ImageDtos.FeatureImageView;
import io.inkwell.image.ImageService;
import io.inkwell.post.PostDtos.PublicRef;
import io.inkwell.post.PostDtos.SyndicatedPost;
import io.inkwell.post.PublishedPosts;
import io.inkwell.term.Taxonomy;
import io.inkwell.term.TermService;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.net.URLConnection;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.GregorianCalendar;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TimeZone;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jdom2.Document;
import org.jdom2.Element;
import org.jdom2.Namespace;
import org.jdom2.filter.Filters;
import org.jdom2.output.Format;
import org.jdom2.output.XMLOutputter;

/**
 * RSS 2.0 and Atom 1.0 (written by ROME) and JSON Feed 1.1 (Jackson) of the newest live posts:
 * all of them, or one tag's, category's or author's. Full HTML bodies, as sanitized at publish
 * time, with their links and images made absolute, since feed readers show them away from the site.
 * Needs INKWELL_PUBLIC_URL: a feed's links must be absolute.
 */
@ApplicationScoped
public class FeedService {

    private static final Namespace ATOM = Namespace.getNamespace("atom", "http://www.w3.org/2005/Atom");
    /** XML 1.0's Char production, negated (lone surrogates never reach here: the API refuses them). */
    private static final Pattern NOT_XML = Pattern.compile("[^\\t\\n\\r\\x{20}-\\x{D7FF}\\x{E000}-\\x{FFFD}\\x{10000}-\\x{10FFFF}]");

    private final PublishedPosts published;
    private final TermService terms;
    private final AuthorService authors;
    private final ImageService images;
    private final PublicUrls urls;
    private final Json json;
    private final Clock clock;
    private final int size;
    private final Optional<String> title;

    FeedService(PublishedPosts published, TermService terms, AuthorService authors, ImageService images,
            PublicUrls urls, Json json, Clock clock, InkwellConfig config) {
        this.published = published;
        this.terms = terms;
        this.authors = authors;
        this.images = images;
        this.urls = urls;
        this.json = json;
        this.clock = clock;
        this.size = config.feeds().size();
        this.title = config.feeds().title();
    }

    /** Whether feeds can be made: their links need the site's address. */
    public boolean available() {
        return urls.site().isPresent();
    }

    /** The feed of every live post. */
    public String site(FeedFormat format) {
        String siteTitle = siteTitle();
        return write(format, new Channel(siteTitle, "The newest posts of " + siteTitle + ".", home(),
                selfUrl(format, "")), published.newest(Optional.empty(), Optional.empty(), size));
    }

    /** A tag's or category's feed; empty when no live post has it. */
    public Optional<String> term(Taxonomy taxonomy, String slug, FeedFormat format) {
        return terms.published(taxonomy, slug).map(term -> {
            UUID id = terms.idOf(taxonomy, slug).orElseThrow();
            String description = blankToNull(term.description());
            return write(format, new Channel(siteTitle() + ": " + term.name(),
                    description != null ? description : "Posts filed under " + term.name() + ".", term.url(),
                    selfUrl(format, "/" + taxonomy.plural() + "/" + term.slug())),
                    published.newest(Optional.of(id), Optional.empty(), size));
        });
    }

    /** An author's feed; empty when they have no live post. */
    public Optional<String> author(String slug, FeedFormat format) {
        return authors.published(slug).map(author -> {
            UUID id = authors.idOf(slug).orElseThrow();
            String bio = blankToNull(author.bio());
            return write(format, new Channel(siteTitle() + ": " + author.name(),
                    bio != null ? bio : "Posts by " + author.name() + ".", author.url(),
                    selfUrl(format, "/authors/" + author.slug())),
                    published.newest(Optional.empty(), Optional.of(id), size));
        });
    }

    /** What a feed says about itself: {@code link} is its page on the site, {@code self} its own address. */
    private record Channel(String title, String description, String link, String self) {
    }

    private String write(FeedFormat format, Channel channel, List<SyndicatedPost> posts) {
        return format == FeedFormat.JSON ? jsonFeed(channel, posts) : romeFeed(format, channel, posts);
    }

    private String romeFeed(FeedFormat format, Channel channel, List<SyndicatedPost> posts) {
        SyndFeed feed = new SyndFeedImpl();
        feed.setFeedType(format.romeType);
        feed.setTitle(xml(channel.title()));
        feed.setDescription(xml(channel.description()));
        feed.setLink(channel.link());
        feed.setUri(channel.self());
        feed.setLinks(List.of(link("alternate", channel.link(), "text/html"),
                link("self", channel.self(), format.mediaType.toString())));
        feed.setPublishedDate(romeDate(lastChange(posts)));
        if (format == FeedFormat.RSS) {
            // RSS has no self link of its own; feed validators ask for Atom's.
            Element self = new Element("link", ATOM);
            self.setAttribute("href", channel.self());
            self.setAttribute("rel", "self");
            self.setAttribute("type", format.mediaType.toString());
            feed.setForeignMarkup(List.of(self));
        }
        feed.setEntries(posts.stream().map(post -> entry(post, format)).toList());
        try {
            Document document = new SyndFeedOutput().outputJDom(feed);
            if (format == FeedFormat.RSS) {
                List<Element> elements = new ArrayList<>();
                document.getRootElement().getDescendants(Filters.element()).forEach(elements::add);
                elements.forEach(FeedService::isoWeekday);
            }
            // As SyndFeedOutput.outputString writes it.
            return new XMLOutputter(Format.getPrettyFormat()).outputString(document);
        } catch (FeedException e) {
            throw new IllegalStateException("Could not write a " + format.fileName + " feed", e);
        }
    }

    /**
     * Text without the characters XML 1.0 cannot hold (C0 controls other than tab and line ends,
     * U+FFFE, U+FFFF), which the API and the importer store: one in a live post's title made
     * the RSS and Atom feeds fail. JSON Feed carries them escaped, and keeps them.
     */
    static String xml(String text) {
        return text == null ? null : NOT_XML.matcher(text).replaceAll("");
    }

    private SyndEntry entry(SyndicatedPost post, FeedFormat format) {
        SyndEntry entry = new SyndEntryImpl();
        entry.setUri(id(post));
        entry.setTitle(xml(post.title()));
        entry.setLink(permalink(post));
        entry.setPublishedDate(romeDate(post.publishedAt()));
        entry.setUpdatedDate(romeDate(post.updatedAt()));
        if (post.excerpt() != null && !post.excerpt().isBlank()) {
            SyndContent summary = new SyndContentImpl();
            summary.setType("text");
            summary.setValue(xml(post.excerpt()));
            entry.setDescription(summary);
        }
        SyndContent body = new SyndContentImpl();
        body.setType("html");
        body.setValue(xml(absoluteLinks(post.html())));
        entry.setContents(List.of(body));
        List<SyndPerson> people = new ArrayList<>();
        for (PublicRef author : post.authors()) {
            SyndPerson person = new SyndPersonImpl();
            person.setName(xml(author.name()));
            person.setUri(urls.author(author.slug()));
            people.add(person);
        }
        if (people.isEmpty()) {
            // Atom wants an author for every entry: the site speaks for posts without one.
            SyndPerson site = new SyndPersonImpl();
            site.setName(xml(siteTitle()));
            site.setUri(home());
            people.add(site);
        }
        entry.setAuthors(people);
        if (format == FeedFormat.RSS) {
            // RSS's own <author> wants an e-mail address; ROME writes this as dc:creator instead.
            entry.setAuthor(String.join(", ", people.stream().map(SyndPerson::getName).toList()));
        }
        entry.setCategories(Stream.concat(post.tags().stream(), post.categories().stream()).map(ref -> {
            SyndCategory category = new SyndCategoryImpl();
            category.setName(xml(ref.name()));
            return category;
        }).toList());
        enclosure(post.featureImage()).ifPresent(enclosure -> entry.setEnclosures(List.of(enclosure)));
        return entry;
    }

    /**
     * The feature image as an enclosure (RSS) or an enclosure link (Atom): its size and type when
     * it is an upload; for an external image, the type its name suggests and length 0, which the
     * RSS Advisory Board's profile asks for when the size is unknown.
     */
    private Optional<SyndEnclosure> enclosure(FeatureImageView image) {
        if (image == null || image.url() == null) {
            return Optional.empty();
        }
        SyndEnclosure enclosure = new SyndEnclosureImpl();
        enclosure.setUrl(imageUrl(image));
        Optional<Image> upload = image.imageId() == null ? Optional.empty()
                : images.findById(image.imageId());
        if (upload.isPresent()) {
            enclosure.setType(upload.get().imageFormat().mediaType());
            enclosure.setLength(upload.get().bytes);
        } else {
            String type = URLConnection.guessContentTypeFromName(URI.create(enclosure.getUrl()).getPath());
            if (type == null || !type.startsWith("image/")) {
                return Optional.empty();
            }
            enclosure.setType(type);
            enclosure.setLength(0);
        }
        return Optional.of(enclosure);
    }

    private String jsonFeed(Channel channel, List<SyndicatedPost> posts) {
        List<JsonFeed.Item> items = posts.stream().map(post -> new JsonFeed.Item(id(post), permalink(post),
                post.title(), absoluteLinks(post.html()), blankToNull(post.excerpt()),
                post.featureImage() == null || post.featureImage().url() == null ? null : imageUrl(post.featureImage()),
                post.publishedAt(), post.updatedAt(),
                post.authors().stream().map(a -> new JsonFeed.Author(a.name(), urls.author(a.slug()))).toList(),
                Stream.concat(post.tags().stream(), post.categories().stream()).map(PublicRef::name).distinct().toList()))
                .toList();
        return json.write(new JsonFeed(JsonFeed.VERSION, channel.title(), channel.link(), channel.self(),
                channel.description(), null, items));
    }

    /** Stable across slug changes, so readers do not show a renamed post twice. */
    private static String id(SyndicatedPost post) {
        return "urn:uuid:" + post.id();
    }

    private String permalink(SyndicatedPost post) {
        return urls.postOfType(post.type().toString(), post.slug(), post.publishedAt());
    }

    private String imageUrl(FeatureImageView image) {
        return image.url().startsWith(Routes.MEDIA + "/") ? urls.onApi(image.url()) : urls.onSite(image.url());
    }

    /** Media under /media is this API's; any other path is a page or file of the site. */
    private String absoluteLinks(String html) {
        return HtmlLinks.rewrite(html, url -> url.startsWith(Routes.MEDIA + "/") ? urls.onApi(url) : urls.onSite(url));
    }

    private OffsetDateTime lastChange(List<SyndicatedPost> posts) {
        return posts.stream().map(SyndicatedPost::updatedAt).max(Comparator.naturalOrder())
                .orElseGet(() -> OffsetDateTime.now(clock));
    }

    /**
     * The date ROME writes as the same UTC fields as the API's: ROME formats a java.util.Date
     * with a GregorianCalendar, Julian before October 1582, which would show older dates ten or
     * more days off the proleptic (ISO) date everywhere else.
     */
    static Date romeDate(OffsetDateTime time) {
        OffsetDateTime utc = time.withOffsetSameInstant(java.time.ZoneOffset.UTC);
        GregorianCalendar calendar = new GregorianCalendar(TimeZone.getTimeZone("UTC"), Locale.ROOT);
        calendar.clear();
        calendar.set(utc.getYear(), utc.getMonthValue() - 1, utc.getDayOfMonth(), utc.getHour(), utc.getMinute(),
                utc.getSecond());
        calendar.set(java.util.Calendar.MILLISECOND, utc.getNano() / 1_000_000);
        return calendar.getTime();
    }

    private static final DateTimeFormatter RFC_822_WITHOUT_WEEKDAY =
            DateTimeFormatter.ofPattern("dd MMM yyyy HH:mm:ss 'GMT'", Locale.US);

    /**
     * RSS's dates (RFC 822) name the weekday, which ROME takes from its Julian calendar before
     * 1583, where {@link #romeDate} gave it the ISO date's fields: the weekday of that date.
     */
    private static void isoWeekday(Element element) {
        String text = element.getTextTrim();
        if (!(element.getName().equals("pubDate") || element.getName().equals("lastBuildDate")) || text.length() < 6
                || text.charAt(3) != ',') {
            return;
        }
        try {
            LocalDateTime at = LocalDateTime.parse(text.substring(5), RFC_822_WITHOUT_WEEKDAY);
            element.setText(at.getDayOfWeek().getDisplayName(TextStyle.SHORT, Locale.US) + text.substring(3));
        } catch (DateTimeParseException e) {
            // Not a date ROME wrote: left as it is.
        }
    }

    private String selfUrl(FeedFormat format, String scope) {
        return urls.onApi(Routes.CONTENT + "/feeds" + scope + "/" + format.fileName);
    }

    private String home() {
        return urls.home().orElseThrow();
    }

    private String siteTitle() {
        return title.orElseGet(() -> URI.create(home()).getHost());
    }

    private static SyndLink link(String rel, String href, String type) {
        SyndLink link = new SyndLinkImpl();
        link.setRel(rel);
        link.setHref(href);
        link.setType(type);
        return link;
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }
}
