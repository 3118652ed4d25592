package io.inkwell.post;

import static io.inkwell.support.Api.admin;
import static io.inkwell.support.Api.anonymous;
import static io.inkwell.support.Api.content;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.inkwell.common.slug.Slugs;
import io.inkwell.support.Posts;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

/** GET /api/content/search: what a reader finds, in which order, and what is never found. */
@QuarkusTest
class SearchTest {

    private static final String PROBLEM = "application/problem+json";

    @Test
    void aTitleMatchOutranksABodyMatch() {
        String word = word();
        // The title match is published first, so the newer body match would lead if rank did not.
        String inTitle = published("Notes on " + word, "Some generic words about nothing much here.", Map.of());
        String inBody = published("Generic notes", "Some generic words about " + word + " here.", Map.of());

        JsonPath found = search(word).extract().jsonPath();
        assertEquals(List.of(inTitle, inBody), found.getList("items.slug"));
        assertTrue(found.getFloat("items[0].rank") > found.getFloat("items[1].rank"), found.prettify());
        assertEquals(2, found.getInt("pagination.total"));
    }

    @Test
    void pagesAreFoundBesidePostsEachWithItsType() {
        String word = word();
        String post = published("Post " + word, "Body.", Map.of());
        String page = published("Page " + word, "Body.", Map.of("type", "page"));

        JsonPath found = search(word).extract().jsonPath();
        assertEquals(Map.of(post, "post", page, "page"), Map.of(found.getString("items[0].slug"),
                found.getString("items[0].type"), found.getString("items[1].slug"), found.getString("items[1].type")));
    }

    @Test
    void theLastWordMatchesAsAPrefixForTypeAhead() {
        String word = word();
        String slug = published("Python tricks " + word, "Decorators and generators.", Map.of());

        search(word + " pyth").body("items.slug", equalTo(List.of(slug)));
        search(word.substring(0, 6)).body("items.slug", equalTo(List.of(slug)));
        // Only the last word is a prefix: the others must be whole words.
        search(word.substring(0, 6) + " python").body("items", empty());
    }

    @Test
    void aWordInAListItemOrTableCellIsFoundOnItsOwn() {
        String word = word();
        String slug = published("Lists", "- " + word + "\n- second\n\n| " + word() + " | cell |\n|---|---|", Map.of());
        search(word).body("items.slug", equalTo(List.of(slug)));
    }

    @Test
    void aTagNameIsFoundAndARenamedTagIsFoundByItsNewName() {
        String word = word();
        String tag = "tag-" + word;
        Map<String, Object> body = Posts.draft("Untitled");
        body.put("markdown", "Nothing to see.");
        body.put("tags", List.of(tag));
        body.put("status", "published");
        JsonPath created = Posts.create(body);
        String slug = created.getString("slug");
        search(word).body("items.slug", equalTo(List.of(slug)));

        String renamed = word();
        String tagId = created.getString("tags[0].id");
        admin().body(Map.of("name", "Renamed " + renamed)).patch("/api/admin/tags/" + tagId).then().statusCode(200);
        search(renamed).body("items.slug", equalTo(List.of(slug)));
    }

    @Test
    void theSnippetIsEscapedTextWithOnlyTheMatchMarked() {
        String word = word();
        published("Security notes", "Never echo `<script>alert(1)</script>` or `<img src=x onerror=alert(2)>` "
                + "or `<svg/onload=alert(3)>` back: " + word + " shows why 1 < 2 & 3 > 2 matters.", Map.of());

        String snippet = search(word).extract().path("items[0].snippet");
        assertTrue(snippet.contains("<mark>" + word + "</mark>"), snippet);
        String withoutMarks = snippet.replace("<mark>", "").replace("</mark>", "");
        assertFalse(withoutMarks.contains("<") || withoutMarks.contains(">") || withoutMarks.contains("\""), snippet);
        assertTrue(snippet.contains("1 &lt; 2 &amp; 3 &gt; 2"), snippet);
    }

    @Test
    void theSnippetShowsAMatchFarIntoALongBody() {
        String word = word();
        // Stemming writes this one with a final i ("happy" is "happi"), which the text does not show.
        String stemmedOtherwise = word() + "y";
        String filler = "Plain filler words before anything worth finding. ".repeat(60);
        published("Long read", filler + "Here " + word + " and " + stemmedOtherwise + " appear. " + filler, Map.of());

        String snippet = search(word).extract().path("items[0].snippet");
        assertTrue(snippet.contains("<mark>" + word + "</mark>"), snippet);
        snippet = search(stemmedOtherwise).extract().path("items[0].snippet");
        assertTrue(snippet.contains("<mark>" + stemmedOtherwise + "</mark>"), snippet);
    }

    @Test
    void aWordAfterARunOfCharactersWithoutSpacesIsMarked() {
        String word = word();
        // Longer than a passage (200 characters): it is cut, and what follows it is still found.
        published("Long address", "See " + "x".repeat(450) + " then " + word + " follows.", Map.of());
        String snippet = search(word).extract().path("items[0].snippet");
        assertTrue(snippet.contains("<mark>" + word + "</mark>"), snippet);
        assertTrue(snippet.length() <= 200 + "<mark></mark>".length(), snippet);
    }

    @Test
    void anEditedBodyGivesItsSnippetFromTheNewText() {
        String before = word();
        String after = word();
        JsonPath post = Posts.createPublished("Edited " + before, Map.of("markdown", "First " + before + " here."));
        String id = post.getString("id");
        assertTrue(search(before).extract().<String>path("items[0].snippet").contains("<mark>" + before + "</mark>"));

        String filler = "Plain filler words before anything worth finding. ".repeat(20);
        admin().body(Map.of("markdown", filler + "Now " + after + " instead.")).patch("/api/admin/posts/" + id).then().statusCode(200);
        Posts.publish(id);
        String snippet = search(after).extract().path("items[0].snippet");
        assertTrue(snippet.contains("<mark>" + after + "</mark>"), snippet);
        // The title still holds the old word; the body no longer does: its first passage, unmarked.
        search(before).body("items.slug", equalTo(List.of(post.getString("slug"))))
                .body("items[0].snippet", startsWith("Plain filler words before anything worth finding."))
                .body("items[0].snippet", not(containsString(before)));
    }

    @Test
    void aTitleMatchHasTheBodysOpeningWordsAsItsSnippet() {
        String word = word();
        published("Notes on " + word, "The opening words of a body that never names it.", Map.of());
        search(word).body("items[0].snippet", equalTo("The opening words of a body that never names it."));
    }

    @Test
    void draftsAndUnpublishedPostsAreNeverFound() {
        String inDraft = word();
        Posts.create(Posts.draft("Draft " + inDraft));
        search(inDraft).body("items", empty()).body("pagination.total", equalTo(0));

        String word = word();
        JsonPath created = Posts.createPublished("Live " + word, Map.of());
        String id = created.getString("id");
        search(word).body("items.slug", equalTo(List.of(created.getString("slug"))));

        // An edit not yet published is not searchable either.
        String edited = word();
        admin().body(Map.of("title", "Edited " + edited)).patch("/api/admin/posts/" + id).then().statusCode(200);
        search(edited).body("items", empty());

        admin().body("{}").post("/api/admin/posts/" + id + "/unpublish").then().statusCode(200);
        search(word).body("items", empty()).body("pagination.total", equalTo(0));
    }

    @Test
    void filtersByTagCategoryAndAuthorAsThePostsListDoes() {
        String word = word();
        String tag = "tag-" + word();
        String category = "cat-" + word();
        String author = "Author " + word();
        String tagged = published("Tagged " + word, "Body.", Map.of("tags", List.of(tag)));
        String filed = published("Filed " + word, "Body.", Map.of("categories", List.of(category)));
        String written = published("Written " + word, "Body.", Map.of("authors", List.of(author)));

        search(word).body("pagination.total", equalTo(3));
        search(word, "tag", tag).body("items.slug", equalTo(List.of(tagged)));
        search(word, "category", category).body("items.slug", equalTo(List.of(filed)));
        search(word, "author", Slugs.fromText(author)).body("items.slug", equalTo(List.of(written)));
        search(word, "tag", "no-such-tag-" + word).body("items", empty()).body("pagination.total", equalTo(0));
    }

    @Test
    void pagesThroughResultsWithTheTotal() {
        String word = word();
        for (int i = 0; i < 3; i++) {
            published("Paged " + i + " " + word, "Body.", Map.of());
        }
        content().queryParam("q", word).queryParam("limit", 2).get("/api/content/search").then().statusCode(200)
                .body("items.size()", equalTo(2))
                .body("pagination.total", equalTo(3)).body("pagination.pages", equalTo(2))
                .body("pagination.totalIsLowerBound", equalTo(false));
        content().queryParam("q", word).queryParam("limit", 2).queryParam("page", 2).get("/api/content/search").then()
                .statusCode(200).body("items.size()", equalTo(1)).body("pagination.total", equalTo(3));
        content().queryParam("q", word).queryParam("limit", 2).queryParam("page", 3).get("/api/content/search").then()
                .statusCode(200).body("items", empty()).body("pagination.total", equalTo(3));
    }

    @Test
    void aQueryMatchingManyPostsRanksTheTitleMatchesThenListsTheBodyMatchesNewestFirst() {
        String word = word();
        String tag = "tag-" + word();
        String hundred = "hundred-" + word();
        // The title match and the one in an excerpt the author wrote are the oldest posts: in date
        // order alone they would come last.
        String inTitle = published("Notes on " + word, "Nothing to see.", Map.of("publishedAt", day(0)));
        String inExcerpt = published("Notes", "Nothing to see.", Map.of("publishedAt", day(0), "excerpt", "On " + word + "."));
        int bodyOnly = PostSearch.RANKED_MATCHES + 2;
        // Posts published at the same moment, three by three (an imported date without a time),
        // follow one another in a fixed order across pages: their ids, descending.
        List<JsonPath> posts = new ArrayList<>();
        for (int i = 1; i <= bodyOnly; i++) {
            // The older the post, the more often it says the word: ranked, the oldest would lead.
            List<String> tags = i <= PostSearch.RANKED_MATCHES ? List.of(tag, hundred) : List.of(tag);
            // No excerpt of its own: the one cut from the body's opening holds the word, but it is body text.
            Map<String, Object> body = new HashMap<>(Map.of("publishedAt", day(1 + (i - 1) / 3), "tags", tags,
                    "markdown", "Body " + (word + " ").repeat(bodyOnly + 1 - i)));
            posts.add(Posts.createPublished("Body only " + i, body));
        }
        List<String> newestFirst = posts.stream()
                .sorted(Comparator.<JsonPath, Instant>comparing(post -> Instant.parse(post.getString("publishedAt")))
                        .thenComparing(post -> post.getString("id")).reversed())
                .map(post -> post.getString("slug")).toList();

        JsonPath first = page(word, 1, 10).extract().jsonPath();
        List<String> expected = new ArrayList<>(List.of(inTitle, inExcerpt));
        expected.addAll(newestFirst);
        assertEquals(expected.subList(0, 10), first.getList("items.slug"));
        assertTrue(first.getFloat("items[0].rank") > first.getFloat("items[1].rank"), first.prettify());
        assertTrue(first.getString("items[2].excerpt").contains(word), "the body-only match shows the word in its excerpt");
        // Not counted past the cut: at least that many, and the pages go on.
        assertEquals(Map.of("page", 1, "limit", 10, "total", PostSearch.RANKED_MATCHES + 1, "pages", 11,
                "totalIsLowerBound", true), first.getMap("pagination"));

        List<String> paged = new ArrayList<>(first.getList("items.slug"));
        for (int number = 2; number <= 10; number++) {
            paged.addAll(page(word, number, 10).body("pagination.totalIsLowerBound", equalTo(true))
                    .extract().jsonPath().getList("items.slug"));
        }
        // The last page knows where the matches end.
        paged.addAll(page(word, 11, 10).body("pagination.total", equalTo(bodyOnly + 2))
                .body("pagination.pages", equalTo(11)).body("pagination.totalIsLowerBound", equalTo(false))
                .extract().jsonPath().getList("items.slug"));
        assertEquals(expected, paged, "each match once, in order, over the pages");
        page(word, 12, 10).body("items", empty()).body("pagination.total", equalTo(bodyOnly + 2))
                .body("pagination.totalIsLowerBound", equalTo(false));

        // Exactly as many as are ranked whole: best match first (the oldest, which says the word
        // most often), counted exactly.
        JsonPath ranked = content().queryParam("q", word).queryParam("tag", hundred).queryParam("limit", 3)
                .get("/api/content/search").then().statusCode(200).extract().jsonPath();
        assertEquals(posts.subList(0, 3).stream().map(post -> post.getString("slug")).toList(),
                ranked.getList("items.slug"), ranked.prettify());
        assertEquals(Map.of("page", 1, "limit", 3, "total", PostSearch.RANKED_MATCHES, "pages", 34,
                "totalIsLowerBound", false), ranked.getMap("pagination"));

        // Filters hold in that case too: the title match has no tag.
        content().queryParam("q", word).queryParam("tag", tag).queryParam("limit", 5).get("/api/content/search").then()
                .statusCode(200).body("items.slug", equalTo(newestFirst.subList(0, 5)))
                .body("pagination.total", equalTo(PostSearch.RANKED_MATCHES + 1))
                .body("pagination.totalIsLowerBound", equalTo(true));
    }

    /** Enough title matches to pass the cut on their own: ranked first, the body matches after them. */
    @Test
    void titleMatchesPastTheCutComeFirstThenTheBodyMatchesNewestFirst() {
        String word = word();
        List<String> inTitles = new ArrayList<>();
        JsonPath tagged = Posts.createPublished("Notes 1 on " + word,
                Map.of("markdown", "Nothing to see.", "publishedAt", day(1), "tags", List.of("tag-" + word())));
        inTitles.add(tagged.getString("slug"));
        for (int i = 2; i <= PostSearch.RANKED_MATCHES + 1; i++) {
            inTitles.add(0, published("Notes " + i + " on " + word, "Nothing to see.", Map.of("publishedAt", day(i))));
        }
        String newerBodyMatch = published("Body match", "The body says " + word + ".", Map.of("publishedAt", day(300)));
        String newestBodyMatch = published("Body match", "The body says " + word + ".", Map.of("publishedAt", day(301)));

        page(word, 1, 50).body("items.slug", equalTo(inTitles.subList(0, 50)))
                .body("pagination.total", equalTo(PostSearch.RANKED_MATCHES + 1))
                .body("pagination.totalIsLowerBound", equalTo(true));
        page(word, 2, 50).body("items.slug", equalTo(inTitles.subList(50, 100)));
        List<String> last = new ArrayList<>(inTitles.subList(100, 101));
        last.addAll(List.of(newestBodyMatch, newerBodyMatch));
        page(word, 3, 50).body("items.slug", equalTo(last))
                .body("pagination.total", equalTo(PostSearch.RANKED_MATCHES + 3))
                .body("pagination.totalIsLowerBound", equalTo(false));

        // A filter holds before anything is counted: one match, counted exactly.
        search(word, "tag", tagged.getString("tags[0].slug")).body("items.slug", equalTo(List.of(tagged.getString("slug"))))
                .body("pagination.total", equalTo(1)).body("pagination.totalIsLowerBound", equalTo(false));
    }

    @Test
    void aMissingBlankOrTooLongQueryIsA400NamingQ() {
        anonymous().get("/api/content/search").then().statusCode(400).contentType(PROBLEM)
                .body("errors[0].field", equalTo("q"));
        anonymous().queryParam("q", "   ").get("/api/content/search").then().statusCode(400).contentType(PROBLEM)
                .body("errors[0].field", equalTo("q"));
        anonymous().queryParam("q", "x".repeat(201)).get("/api/content/search").then().statusCode(400)
                .contentType(PROBLEM).body("errors[0].field", equalTo("q"));
        anonymous().queryParam("q", "   ").queryParam("limit", 0).get("/api/content/search").then().statusCode(400)
                .contentType(PROBLEM).body("errors.field", equalTo(List.of("limit", "q")));
        anonymous().queryParam("q", "").get("/api/content/search").then().statusCode(400).contentType(PROBLEM)
                .body("errors[0].field", equalTo("q"));
        anonymous().queryParam("q", "python").queryParam("sort", "title").get("/api/content/search").then()
                .statusCode(400).contentType(PROBLEM).body("errors[0].field", equalTo("sort"));
    }

    /** Case does not matter beyond ASCII either (the embedded cluster's character classes are C.UTF-8's). */
    @Test
    void capitalLettersBeyondAsciiAreFoundInAnyCase() {
        String mark = word();
        String slug = published("Émile " + mark, "Привет Αθήνα Über " + mark + ".", Map.of());
        for (String q : List.of("émile", "ÉMILE", "Émile", "привет", "ПРИВЕТ", "αθήνα", "über", "ÜBER")) {
            search(q + " " + mark).body("items.slug", equalTo(List.of(slug)));
        }
        search("привет " + mark).body("items[0].snippet", containsString("<mark>Привет</mark>"));
    }

    @Test
    void queryTextIsNeverQuerySyntax() {
        String word = word();
        String slug = published("Syntax " + word, "Body.", Map.of());
        for (String odd : List.of(word + " '", word + " \\", word + " :*", word + " & | ! <->", "'" + word + "':*",
                word + " (", word + " \"")) {
            search(odd).body("items.slug", equalTo(List.of(slug)));
        }
        search("!!! ??? ***").body("items", empty());
    }

    @Test
    void anUnchangedAnswerIs304AndAPublishChangesIt() {
        String word = word();
        published("Cached " + word, "Body.", Map.of());
        String etag = search(word).extract().header("ETag");
        content().header("If-None-Match", etag).queryParam("q", word).get("/api/content/search").then().statusCode(304);
        // The same question asked differently is the same cache entry.
        content().header("If-None-Match", etag).queryParam("q", "  " + word.toUpperCase() + " ")
                .get("/api/content/search").then().statusCode(304);

        published("Cached again " + word, "Body.", Map.of());
        String newer = content().header("If-None-Match", etag).queryParam("q", word).get("/api/content/search").then()
                .statusCode(200).body("pagination.total", equalTo(2)).extract().header("ETag");
        assertNotEquals(etag, newer);
    }

    private static io.restassured.response.ValidatableResponse page(String q, int page, int limit) {
        return content().queryParam("q", q).queryParam("page", page).queryParam("limit", limit)
                .get("/api/content/search").then().statusCode(200);
    }

    private static String day(int day) {
        return Instant.parse("2001-01-01T09:00:00Z").plus(Duration.ofDays(day)).toString();
    }

    private static io.restassured.response.ValidatableResponse search(String q, String... filter) {
        var request = content().queryParam("q", q);
        for (int i = 0; i < filter.length; i += 2) {
            request.queryParam(filter[i], filter[i + 1]);
        }
        return request.get("/api/content/search").then().statusCode(200).body("items", not(equalTo(null)));
    }

    private static String published(String title, String markdown, Map<String, Object> extra) {
        Map<String, Object> body = new HashMap<>(extra);
        body.put("markdown", markdown);
        return Posts.createPublished(title, body).getString("slug");
    }

    /**
     * A word no other test uses and no stemmer shortens: consonants only, and none (s, y, l) that
     * English suffix rules strip.
     */
    private static String word() {
        String letters = "bcdfghjkmnpqrtvwxz";
        StringBuilder word = new StringBuilder("zq");
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int i = 0; i < 10; i++) {
            word.append(letters.charAt(random.nextInt(letters.length())));
        }
        return word.toString();
    }
}
