package io.inkwell.imports;

import static io.inkwell.support.Api.admin;
import static io.inkwell.support.Api.adminWithBadInput;
import static io.inkwell.support.Api.content;
import static io.inkwell.support.Api.unique;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.inkwell.support.Posts;
import io.inkwell.support.Sites;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ImportApiTest {

    @Test
    void hugoSiteImportsWithItsPostsPagesStatusesImagesAndWarnings() {
        String s = unique();
        JsonPath report = importZip(Sites.zip(Sites.hugo(s)), "source=hugo-" + s).then().statusCode(200)
                .body("applied", equalTo(true))
                .body("totals.created", equalTo(4))
                .body("totals.failed", equalTo(0))
                .body("totals.skipped", equalTo(2))
                .extract().jsonPath();
        assertEquals("skipped", file(report, "content/posts/_index.md").getString("action"));
        assertEquals("skipped", file(report, "themes/plain/README.md").getString("action"));

        // TOML page bundle: published, images uploaded and links rewritten, shortcodes rendered.
        JsonPath bundle = adminPost("toml-bundle-" + s);
        assertEquals("published", bundle.getString("status"));
        assertEquals("2021-05-04T10:00:00Z", bundle.getString("publishedAt"));
        assertEquals(List.of("Hugo " + s, "Bundles " + s), bundle.getList("tags.name"));
        assertEquals("Tomas Bundle " + s, bundle.getString("authors[0].name"));
        assertEquals("A page bundle with its own images.", bundle.getString("customExcerpt"));
        assertEquals(1200, bundle.getInt("featureImage.width"));
        assertTrue(bundle.getString("markdown").contains("![Diagram](/media/"), bundle.getString("markdown"));
        assertTrue(bundle.getString("html").matches("(?s).*<figcaption>.*As a figure.*</figcaption>.*"), bundle.getString("html"));
        assertTrue(bundle.getString("html").contains("https://www.youtube.com/watch?v&#61;dQw4w9WgXcQ"), bundle.getString("html"));
        assertTrue(bundle.getString("markdown").contains("{{< tweet user=\"hugo\" id=\"1\" >}}"), "unknown shortcode kept");
        assertTrue(bundle.getString("html").contains("href=\"/posts/yaml-post-" + s + "/\""), "ref shortcode resolved");
        assertEquals("{\"aliases\":[\"/2021/05/old-name-" + s + "/\"],\"weight\":3,\"toc\":true}",
                metaJson(bundle.getString("id")));
        assertTrue(warnings(report, "content/posts/toml-bundle-" + s + "/index.md").stream()
                .anyMatch(w -> w.contains("tweet")), "the unknown shortcode is reported");
        content().redirects().follow(false).get("/api/content/posts/toml-bundle-" + s).then().statusCode(200);

        // YAML draft: site-absolute image from static/, a missing one reported, external one kept.
        JsonPath yaml = adminPost("yaml-post-" + s);
        assertEquals("draft", yaml.getString("status"));
        assertEquals(List.of("Yana Yaml " + s, "Second Author " + s), yaml.getList("authors.name"));
        assertEquals(200, yaml.getInt("featureImage.width"));
        assertTrue(yaml.getString("markdown").contains("![ext](https://example.com/ext.png)"));
        assertTrue(warnings(report, "content/posts/yaml-post-" + s + ".md").stream()
                .anyMatch(w -> w.contains("missing-" + s + ".png")), "the missing image is named");
        assertEquals(List.of(14), report.getList("files.find { it.path == 'content/posts/yaml-post-" + s
                + ".md' }.warnings.findAll { it.message.contains('missing') }.line"), "and its line in the file");
        assertEquals("{\"series\":\"basics\"}", metaJson(yaml.getString("id")));

        // JSON front matter, dated in the future: scheduled, with its expiry as unpublishAt.
        JsonPath json = adminPost("json-post-" + s);
        assertEquals("scheduled", json.getString("status"));
        assertEquals("2999-01-01T00:00:00Z", json.getString("publishedAt"));
        assertEquals("3000-01-01T00:00:00Z", json.getString("unpublishAt"));
        content().get("/api/content/posts/json-post-" + s).then().statusCode(404);

        // Other content becomes a page; aliases keep old addresses working.
        admin().get("/api/admin/posts?type=page&limit=100").then().body("items.slug", hasItem("about-" + s));
        content().get("/api/content/pages/about-" + s).then().statusCode(200);
        content().redirects().follow(false).get("/api/content/posts/old-name-" + s).then().statusCode(301)
                .header("Location", org.hamcrest.Matchers.endsWith("/api/content/posts/toml-bundle-" + s));
    }

    @Test
    void jekyllSiteImportsWithDatesAndSlugsFromFileNames() {
        String s = unique();
        importZip(Sites.zip(Sites.jekyll(s)), "").then().statusCode(200)
                .body("totals.created", equalTo(4))
                .body("totals.failed", equalTo(0));

        JsonPath hello = adminPost("jekyll-hello-" + s);
        assertEquals("published", hello.getString("status"));
        assertEquals("2017-02-21T00:00:00Z", hello.getString("publishedAt"));
        assertEquals(300, hello.getInt("featureImage.width"));
        assertEquals("{\"layout\":\"post\"}", metaJson(hello.getString("id")));
        assertEquals("draft", adminPost("not-published-" + s).getString("status"));
        assertEquals("draft", adminPost("work-in-progress-" + s).getString("status"));
        admin().get("/api/admin/posts?type=page&limit=100").then().body("items.slug", hasItem("about-" + s));
    }

    @Test
    void gzippedTarArchiveImportsWithTheGzipContentType() {
        String s = unique();
        admin().contentType("application/gzip").body(ArchiveFixtures.tarGz(Sites.jekyll(s)))
                .post("/api/admin/import").then().statusCode(200)
                .body("totals.created", equalTo(4));
        assertEquals("published", adminPost("jekyll-hello-" + s).getString("status"));
    }

    @Test
    void reimportReportsEverythingUnchangedAndWritesNothing() {
        String s = unique();
        byte[] site = Sites.zip(Sites.hugo(s));
        importZip(site, "source=re-" + s).then().statusCode(200).body("totals.created", equalTo(4));
        JsonPath before = adminPost("toml-bundle-" + s);
        long images = admin().get("/api/admin/images?limit=1").jsonPath().getLong("pagination.total");

        importZip(site, "source=re-" + s).then().statusCode(200)
                .body("totals.unchanged", equalTo(4))
                .body("totals.created", equalTo(0))
                .body("totals.updated", equalTo(0));

        JsonPath after = adminPost("toml-bundle-" + s);
        assertEquals(before.getInt("version"), after.getInt("version"));
        assertEquals(before.getString("updatedAt"), after.getString("updatedAt"));
        assertEquals(images, admin().get("/api/admin/images?limit=1").jsonPath().getLong("pagination.total"));
    }

    @Test
    void imageDescriptionsThatCannotBeReadFailTheImportNamingEachEntry() {
        String s = unique();
        Map<String, byte[]> site = Sites.hugo(s);
        site.put("data/inkwell/images.json", ("{\"content/posts/toml-bundle-" + s + "/cover.jpg\": {\"alt\": 3, \"title\": \"x\"},"
                + " \"static/images/static-pic-" + s + ".png\": {\"caption\": \"" + "c".repeat(5001) + "\"},"
                + " \"other.png\": \"just text\"}").getBytes(StandardCharsets.UTF_8));
        long before = Posts.adminTotal();
        importZip(Sites.zip(site), "").then().statusCode(422)
                .body("applied", equalTo(false))
                .body("files.find { it.path == 'data/inkwell/images.json' }.action", equalTo("failed"))
                .body("files.find { it.path == 'data/inkwell/images.json' }.errors[0].message", allOf(
                        containsString("cover.jpg: unknown field(s) title"), containsString("cover.jpg: alt must be text"),
                        containsString("caption has 5001 characters, at most 5000"),
                        containsString("other.png: must be an object")));
        assertEquals(before, Posts.adminTotal());
        site.put("data/inkwell/images.json", "[1, 2".getBytes(StandardCharsets.UTF_8));
        importZip(Sites.zip(site), "").then().statusCode(422)
                .body("files.find { it.path == 'data/inkwell/images.json' }.errors[0].message", containsString("Not valid JSON"));
        // A partial import applies the posts without it.
        importZip(Sites.zip(site), "mode=partial").then().statusCode(200).body("totals.created", equalTo(4))
                .body("totals.failed", equalTo(1));
    }

    /** The export names a renamed tag or author by its new name, which the import reads as that same one. */
    @Test
    void anExportAfterATagAndAuthorRenameImportsUnchangedWithTheSameTagAndAuthor() {
        String s = unique();
        JsonPath post = Posts.createPublished("Renamed terms " + s, Map.of("slug", "renamed-terms-" + s,
                "tags", List.of("Golang " + s), "authors", List.of("Ann " + s)));
        String tagId = post.getString("tags[0].id");
        String authorId = post.getString("authors[0].id");
        admin().body(Map.of("name", "Go Language " + s)).patch("/api/admin/tags/" + tagId).then().statusCode(200);
        admin().body(Map.of("name", "Ann Smith " + s)).patch("/api/admin/authors/" + authorId).then().statusCode(200);
        long tags = admin().get("/api/admin/tags?limit=1").jsonPath().getLong("pagination.total");

        Map<String, byte[]> exported = Sites.only(Sites.unzip(admin().get("/api/admin/export").then().statusCode(200)
                .extract().asByteArray()), List.of("renamed-terms-" + s));
        importZip(Sites.zip(exported), "").then().statusCode(200).body("totals.unchanged", equalTo(1));
        // The same file with the names in another case: still the same tag and author.
        String file = new String(exported.get("content/posts/renamed-terms-" + s + "/index.md"), StandardCharsets.UTF_8);
        exported.put("content/posts/renamed-terms-" + s + "/index.md", file.replace("Go Language", "GO LANGUAGE")
                .replace("Ann Smith", "ann smith").getBytes(StandardCharsets.UTF_8));
        importZip(Sites.zip(exported), "").then().statusCode(200).body("totals.unchanged", equalTo(1));

        JsonPath after = adminPost("renamed-terms-" + s);
        assertEquals(List.of(tagId), after.getList("tags.id"));
        assertEquals(List.of(authorId), after.getList("authors.id"));
        assertEquals(tags, admin().get("/api/admin/tags?limit=1").jsonPath().getLong("pagination.total"), "no tag made");
    }

    /** Descriptions, bios and the slugs of renamed ones: in data/inkwell/taxonomies.json, as no post file holds them. */
    @Test
    void tagsCategoriesAndAuthorsComeBackWithTheirSlugsDescriptionsAndBios() {
        String s = unique();
        String tagId = admin().body(Map.of("name", "Golang " + s, "description", "All about Go " + s)).post("/api/admin/tags")
                .then().statusCode(201).extract().path("id");
        admin().body(Map.of("name", "Go Language " + s)).patch("/api/admin/tags/" + tagId).then().statusCode(200);
        String tagSlug = admin().get("/api/admin/tags/" + tagId).then().extract().path("slug");
        String categoryId = admin().body(Map.of("name", "Guides " + s, "description", "How-tos " + s))
                .post("/api/admin/categories").then().statusCode(201).extract().path("id");
        String authorId = admin().body(Map.of("name", "Ann " + s, "bio", "Writes Go " + s)).post("/api/admin/authors")
                .then().statusCode(201).extract().path("id");
        admin().body(Map.of("name", "Ann Smith " + s)).patch("/api/admin/authors/" + authorId).then().statusCode(200);
        String authorSlug = admin().get("/api/admin/authors/" + authorId).then().extract().path("slug");
        String postId = Posts.createPublished("Described terms " + s, Map.of("slug", "described-" + s,
                "tags", List.of("Go Language " + s), "categories", List.of("Guides " + s), "authors", List.of("Ann Smith " + s)))
                .getString("id");

        Map<String, byte[]> all = Sites.unzip(admin().get("/api/admin/export").then().statusCode(200).extract().asByteArray());
        JsonPath taxonomies = new JsonPath(new String(all.get("data/inkwell/taxonomies.json"), StandardCharsets.UTF_8));
        assertEquals("Go Language " + s, taxonomies.getString("tags.'" + tagSlug + "'.name"));
        assertEquals("All about Go " + s, taxonomies.getString("tags.'" + tagSlug + "'.description"));
        assertEquals("Writes Go " + s, taxonomies.getString("authors.'" + authorSlug + "'.bio"));
        Map<String, byte[]> exported = Sites.only(all, List.of("described-" + s, "data/inkwell/taxonomies.json"));
        importZip(Sites.zip(exported), "").then().statusCode(200).body("totals.unchanged", equalTo(2))
                .body("files.find { it.path == 'data/inkwell/taxonomies.json' }.action", equalTo("unchanged"))
                .body("totals.failed", equalTo(0));
        // A changed description shows in the report, in a dry run too.
        Map<String, byte[]> described = new java.util.LinkedHashMap<>(exported);
        described.put("data/inkwell/taxonomies.json", ("{\"tags\": {\"" + tagSlug + "\": {\"name\": \"Go Language " + s
                + "\", \"description\": \"Go, described " + s + "\"}}}").getBytes(StandardCharsets.UTF_8));
        importZip(Sites.zip(described), "dryRun=true").then().statusCode(200)
                .body("files.find { it.path == 'data/inkwell/taxonomies.json' }.action", equalTo("updated"));
        admin().get("/api/admin/tags/" + tagId).then().body("description", equalTo("All about Go " + s));

        // Into an Inkwell without them: the same slugs, names, description and bio come back.
        admin().delete("/api/admin/posts/" + postId).then().statusCode(204);
        admin().delete("/api/admin/tags/" + tagId).then().statusCode(204);
        admin().delete("/api/admin/categories/" + categoryId).then().statusCode(204);
        admin().delete("/api/admin/authors/" + authorId).then().statusCode(204);
        importZip(Sites.zip(exported), "").then().statusCode(200).body("totals.created", equalTo(1))
                .body("files.find { it.path == 'data/inkwell/taxonomies.json' }.action", equalTo("updated"));
        JsonPath post = adminPost("described-" + s);
        assertEquals(List.of(tagSlug), post.getList("tags.slug"));
        assertEquals(List.of(authorSlug), post.getList("authors.slug"));
        admin().get("/api/admin/tags/" + post.getString("tags[0].id")).then()
                .body("name", equalTo("Go Language " + s)).body("description", equalTo("All about Go " + s));
        admin().get("/api/admin/categories/" + post.getString("categories[0].id")).then()
                .body("name", equalTo("Guides " + s)).body("description", equalTo("How-tos " + s));
        admin().get("/api/admin/authors/" + post.getString("authors[0].id")).then()
                .body("name", equalTo("Ann Smith " + s)).body("bio", equalTo("Writes Go " + s));
    }

    @Test
    void aTaxonomyFileThatBreaksTheRulesFailsTheImportNamingEachEntry() {
        String s = unique();
        Map<String, byte[]> site = Sites.hugo(s);
        long before = Posts.adminTotal();
        site.put("data/inkwell/taxonomies.json", ("{\"tags\": {\"Not A Slug\": {\"name\": \"x\"}, \"ok-" + s + "\": {\"name\": \"!!!\"},"
                + " \"nameless-" + s + "\": {\"description\": \"d\"}}, \"authors\": {\"a-" + s + "\": {\"name\": \"A\", \"description\": \"x\"}},"
                + " \"people\": {}}").getBytes(StandardCharsets.UTF_8));
        importZip(Sites.zip(site), "").then().statusCode(422).body("applied", equalTo(false))
                .body("files.find { it.path == 'data/inkwell/taxonomies.json' }.errors[0].message", allOf(
                        containsString("tags.Not A Slug: slug:"), containsString("tags.ok-" + s + ": name: "),
                        containsString("tags.nameless-" + s + ": name is required"),
                        containsString("authors.a-" + s + ": unknown field description (only name and bio)"),
                        containsString("people: unknown")));
        assertEquals(before, Posts.adminTotal());
        // Well-formed, but the Admin API would refuse it: a name another tag bears.
        admin().body(Map.of("name", "Taken " + s)).post("/api/admin/tags").then().statusCode(201);
        site.put("data/inkwell/taxonomies.json", ("{\"tags\": {\"other-" + s + "\": {\"name\": \"TAKEN " + s + "\"}}}")
                .getBytes(StandardCharsets.UTF_8));
        importZip(Sites.zip(site), "").then().statusCode(422)
                .body("files.find { it.path == 'data/inkwell/taxonomies.json' }.errors[0].message",
                        containsString("tags.other-" + s + ", tags.taken-" + s + ": all named 'taken " + s + "'"));
        assertEquals(before, Posts.adminTotal());
        // Two keys for one slug, in any case, would change one tag twice.
        site.put("data/inkwell/taxonomies.json", ("{\"tags\": {\"GOLANG-" + s + "\": {\"name\": \"Go X\"}, \"golang-" + s
                + "\": {\"name\": \"Go Y\"}}}").getBytes(StandardCharsets.UTF_8));
        importZip(Sites.zip(site), "").then().statusCode(422)
                .body("files.find { it.path == 'data/inkwell/taxonomies.json' }.errors[0].message",
                        containsString("tags.golang-" + s + ": the same slug as tags.GOLANG-" + s));
    }

    @Test
    void aSiteWithMoreNewTagsThanPostgreSqlHasLockSlotsImports() {
        // About 6,400 lock slots by default (64 per connection); one lock per new name would run out.
        String s = unique();
        Map<String, byte[]> site = Sites.hugo(s);
        StringBuilder tags = new StringBuilder("{\"tags\": {");
        for (int i = 0; i < 7_000; i++) {
            tags.append(i == 0 ? "" : ",").append("\"bulk-").append(i).append("-").append(s).append("\": {\"name\": \"Bulk ")
                    .append(i).append(" ").append(s).append("\"}");
        }
        site.put("data/inkwell/taxonomies.json", tags.append("}}").toString().getBytes(StandardCharsets.UTF_8));
        importZip(Sites.zip(site), "dryRun=true").then().statusCode(200).body("totals.failed", equalTo(0));
    }

    @Test
    void taxonomyEntriesMayPassNamesAmongThemselvesInAnyOrderAndEveryNameBorneTwiceIsNamed() {
        String s = unique();
        Map<String, byte[]> site = Sites.hugo(s);
        // The tag a post naming it gets, as "slug name".
        java.util.function.Function<String, String> tagNamed = name -> {
            JsonPath post = Posts.create(Map.of("title", "Names " + s, "tags", List.of(name)));
            return post.getString("tags[0].slug") + " " + post.getString("tags[0].name");
        };
        // What the Admin API allows, an import of its export allows, whatever the order: a tag
        // whose name makes another's slug ("Foo Bar" and the tag foo-bar named "Something").
        site.put("data/inkwell/taxonomies.json", ("{\"tags\": {\"foo-bar-" + s + "\": {\"name\": \"Something " + s + "\"},"
                + " \"x-" + s + "\": {\"name\": \"Foo Bar " + s + "\"}}}").getBytes(StandardCharsets.UTF_8));
        importZip(Sites.zip(site), "").then().statusCode(200).body("totals.failed", equalTo(0));
        assertEquals("x-" + s + " Foo Bar " + s, tagNamed.apply("foo bar " + s));
        assertEquals("foo-bar-" + s + " Something " + s, tagNamed.apply("Something " + s));
        assertEquals("foo-bar-" + s + " Something " + s, tagNamed.apply("foo-bar-" + s));

        // A name passed from one tag to the next: q renamed Q1 to Q2, then p renamed P1 to Q1.
        admin().body(Map.of("name", "P1 " + s, "slug", "p-" + s)).post("/api/admin/tags").then().statusCode(201);
        admin().body(Map.of("name", "Q1 " + s, "slug", "q-" + s)).post("/api/admin/tags").then().statusCode(201);
        site.put("data/inkwell/taxonomies.json", ("{\"tags\": {\"p-" + s + "\": {\"name\": \"Q1 " + s + "\"}, \"q-" + s
                + "\": {\"name\": \"Q2 " + s + "\"}}}").getBytes(StandardCharsets.UTF_8));
        importZip(Sites.zip(site), "").then().statusCode(200).body("totals.failed", equalTo(0));
        assertEquals("p-" + s + " Q1 " + s, tagNamed.apply("Q1 " + s));
        assertEquals("q-" + s + " Q2 " + s, tagNamed.apply("Q2 " + s));

        // Every name the file would leave on two tags is named at once, and nothing changes.
        site.put("data/inkwell/taxonomies.json", ("{\"tags\": {\"p-" + s + "\": {\"name\": \"Foo Bar " + s + "\"}, \"q-" + s
                + "\": {\"name\": \"Something " + s + "\"}}}").getBytes(StandardCharsets.UTF_8));
        importZip(Sites.zip(site), "").then().statusCode(422)
                .body("files.find { it.path == 'data/inkwell/taxonomies.json' }.errors[0].message", allOf(
                        containsString("tags.p-" + s + ", tags.x-" + s + ": all named 'foo bar " + s + "'"),
                        containsString("tags.foo-bar-" + s + ", tags.q-" + s + ": all named 'something " + s + "'")));
        assertEquals("p-" + s + " Q1 " + s, tagNamed.apply("Q1 " + s));
        assertEquals("q-" + s + " Q2 " + s, tagNamed.apply("Q2 " + s));
    }

    @Test
    void aCoverTablesAltIsTheFeatureImagesAltAndAFileWithoutAltKeepsThePosts() {
        String s = unique();
        String name = "covered-" + s + ".md";
        java.util.function.Function<String, String> file = cover -> "+++\ntitle = \"Covered " + s + "\"\ndate = 2021-03-04\n"
                + cover + "\n+++\nBody\n";
        String image = "https://example.com/c-" + s + ".jpg";
        importMarkdown(name, file.apply("cover = {image = \"" + image + "\", alt = \"One\", caption = \"Cap\"}"))
                .then().statusCode(200).body("totals.created", equalTo(1));
        JsonPath post = adminPost("covered-" + s);
        assertEquals("One", post.getString("featureImage.alt"));
        assertEquals("{\"cover\":{\"caption\":\"Cap\"}}", metaJson(post.getString("id")));

        importMarkdown(name, file.apply("cover = {image = \"" + image + "\", alt = \"Two\", caption = \"Cap\"}"))
                .then().statusCode(200).body("totals.updated", equalTo(1));
        assertEquals("Two", adminPost("covered-" + s).getString("featureImage.alt"));
        // The same image without alt text (and without the caption): the alt stays, the meta goes.
        importMarkdown(name, file.apply("image = \"" + image + "\"")).then().statusCode(200).body("totals.updated", equalTo(1));
        JsonPath after = adminPost("covered-" + s);
        assertEquals("Two", after.getString("featureImage.alt"));
        assertEquals("{}", metaJson(after.getString("id")));
        importMarkdown(name, file.apply("image = \"" + image + "\"")).then().statusCode(200).body("totals.unchanged", equalTo(1));
        // Stored stripped, as the Admin API stores it: the same file again changes nothing.
        String padded = file.apply("cover = {image = \"" + image + "\", alt = \"  Three \\n\"}");
        importMarkdown(name, padded).then().statusCode(200).body("totals.updated", equalTo(1));
        assertEquals("Three", adminPost("covered-" + s).getString("featureImage.alt"));
        importMarkdown(name, padded).then().statusCode(200).body("totals.unchanged", equalTo(1));
    }

    @Test
    void lastmodOfAFileIsItsPostsUpdatedAtAndAMovedLastmodIsAnUpdate() {
        String s = unique();
        String path = "content/posts/dated-" + s + ".md";
        String file = "+++\ntitle = \"Dated " + s + "\"\ndate = 2017-02-21T09:02:03Z\nlastmod = LASTMOD\n+++\nBody.\n";
        importZip(Sites.zip(Map.of(path, file.replace("LASTMOD", "2018-06-01T12:00:00Z").getBytes())), "source=lm-" + s)
                .then().statusCode(200).body("totals.created", equalTo(1));
        JsonPath post = adminPost("dated-" + s);
        assertEquals("2018-06-01T12:00:00Z", post.getString("updatedAt"));
        content().get("/api/content/posts/dated-" + s).then().statusCode(200)
                .body("publishedAt", equalTo("2017-02-21T09:02:03Z"))
                .body("updatedAt", equalTo("2018-06-01T12:00:00Z"));

        importZip(Sites.zip(Map.of(path, file.replace("LASTMOD", "2018-06-01T12:00:00Z").getBytes())), "source=lm-" + s)
                .then().statusCode(200).body("totals.unchanged", equalTo(1));
        importZip(Sites.zip(Map.of(path, file.replace("LASTMOD", "2019-07-07T07:07:07Z").getBytes())), "source=lm-" + s)
                .then().statusCode(200).body("totals.updated", equalTo(1));
        assertEquals("2019-07-07T07:07:07Z", adminPost("dated-" + s).getString("updatedAt"));
        content().get("/api/content/posts/dated-" + s).then().statusCode(200)
                .body("updatedAt", equalTo("2019-07-07T07:07:07Z"));

        // A lastmod still ahead is not yet: the post's time stays, and a new post's is the import's.
        importZip(Sites.zip(Map.of(path, file.replace("LASTMOD", "2999-01-01T00:00:00Z").getBytes())), "source=lm-" + s)
                .then().statusCode(200).body("totals.unchanged", equalTo(1));
        assertEquals("2019-07-07T07:07:07Z", adminPost("dated-" + s).getString("updatedAt"));
        String ahead = "content/posts/ahead-" + s + ".md";
        byte[] aheadFile = file.replace("Dated", "Ahead").replace("LASTMOD", "2999-01-01T00:00:00Z").getBytes();
        importZip(Sites.zip(Map.of(ahead, aheadFile)), "").then().statusCode(200).body("totals.created", equalTo(1));
        String updatedAt = content().get("/api/content/posts/ahead-" + s).then().statusCode(200).extract().path("updatedAt");
        assertTrue(java.time.OffsetDateTime.parse(updatedAt).getYear() < 2999, updatedAt);
        importZip(Sites.zip(Map.of(ahead, aheadFile)), "").then().statusCode(200).body("totals.unchanged", equalTo(1));
    }

    @Test
    void changedFileUpdatesItsPostAndDraftFlagDecidesPublication() {
        String s = unique();
        Map<String, byte[]> site = Sites.hugo(s);
        importZip(Sites.zip(site), "").then().statusCode(200);
        String path = "content/posts/yaml-post-" + s + ".md";
        site.put(path, new String(site.get(path)).replace("draft: true", "draft: false")
                .replace("Written in YAML.", "Now published.").getBytes());

        importZip(Sites.zip(site), "").then().statusCode(200)
                .body("totals.updated", equalTo(1))
                .body("totals.unchanged", equalTo(3));
        content().get("/api/content/posts/yaml-post-" + s).then().statusCode(200)
                .body("excerpt", equalTo("Now published."));
    }

    @Test
    void aDraftWhoseExpiryDatePassedIsADraftWithoutOneAndReimportsUnchanged() {
        String s = unique();
        byte[] zip = Sites.zip(Map.of("content/posts/old-draft-" + s + ".md",
                ("+++\ntitle = \"Old draft " + s + "\"\ndraft = true\nexpiryDate = 2020-01-01T00:00:00Z\n+++\nx\n").getBytes()));
        importZip(zip, "").then().statusCode(200).body("totals.created", equalTo(1));
        JsonPath post = adminPost("old-draft-" + s);
        assertEquals("draft", post.getString("status"));
        assertEquals(null, post.getString("unpublishAt"), "an expiry in the past means nothing for a draft");
        importZip(zip, "").then().statusCode(200).body("totals.unchanged", equalTo(1));
    }

    @Test
    void changedTagsOfALivePostMoveOnTheContentApiAndTheNewFileExportsByteForByte() {
        String s = unique();
        String path = "content/posts/tagged-" + s + ".md";
        String first = "+++\ntitle = \"Tagged " + s + "\"\ndate = 2021-03-04T05:06:07Z\n"
                + "tags = [\"alpha-" + s + "\", \"beta-" + s + "\"]\n+++\nFirst body.\n";
        String second = "+++\ntitle = \"Tagged " + s + "\"\ndate = 2021-03-04T05:06:07Z\n"
                + "tags = [\"beta-" + s + "\", \"gamma-" + s + "\"]\n+++\nSecond body.\n";
        importZip(Sites.zip(Map.of(path, first.getBytes())), "").then().statusCode(200).body("totals.created", equalTo(1));
        assertEquals(List.of("tagged-" + s), publicSlugsTagged("alpha-" + s));

        importZip(Sites.zip(Map.of(path, second.getBytes())), "").then().statusCode(200).body("totals.updated", equalTo(1));

        assertEquals(List.of(), publicSlugsTagged("alpha-" + s), "the tag the file dropped no longer lists the post");
        assertEquals(List.of("tagged-" + s), publicSlugsTagged("beta-" + s));
        assertEquals(List.of("tagged-" + s), publicSlugsTagged("gamma-" + s));
        content().get("/api/content/posts/tagged-" + s).then().statusCode(200)
                .body("tags.slug", equalTo(List.of("beta-" + s, "gamma-" + s)))
                .body("html", containsString("Second body."));
        // Nobody edited it since the second import: it exports as that file, byte for byte.
        Map<String, byte[]> exported = Sites.unzip(admin().get("/api/admin/export").then().statusCode(200).extract().asByteArray());
        assertTrue(exported.containsKey(path), "exported as its source file, not as a bundle: " + Sites.only(exported, List.of(s)).keySet());
        assertEquals(second, new String(exported.get(path), java.nio.charset.StandardCharsets.UTF_8));
    }

    private static List<String> publicSlugsTagged(String tag) {
        return content().get("/api/content/posts?tag=" + tag).then().statusCode(200)
                .extract().jsonPath().getList("items.slug", String.class);
    }

    @Test
    void everyBadNameOfAFileIsReportedAtOnceWithTheRuleItBreaks() {
        String s = unique();
        String path = "content/posts/names-" + s + ".md";
        String tooLong = "n".repeat(201);
        byte[] file = ("+++\ntitle = \"Names " + s + "\"\ndate = 2020-01-01T00:00:00Z\n"
                + "tags = [\"fine-" + s + "\", \"\", \"!!!\", \"???\"]\ncategories = [\"" + tooLong + "\"]\n"
                + "authors = [\"---\"]\n+++\nBody\n").getBytes();

        JsonPath report = importZip(Sites.zip(Map.of(path, file)), "").then().statusCode(422).extract().jsonPath();
        List<String> errors = file(report, path).getList("errors.message");
        assertEquals(4, errors.size(), "one error per bad name: " + errors);
        // Positions as in the file: the blank entry at [1] is left out (as Hugo does), not counted out.
        assertTrue(errors.get(0).startsWith("tags[2]: ") && errors.get(0).contains("letter or digit"), errors.get(0));
        assertTrue(errors.get(1).startsWith("tags[3]: "), errors.get(1));
        assertTrue(errors.get(2).startsWith("categories[0]: ") && errors.get(2).contains("At most 200 characters"),
                errors.get(2));
        assertTrue(errors.get(3).startsWith("authors[0]: ") && errors.get(3).contains("letter or digit"), errors.get(3));
        // Each on the line of the key that gave it.
        assertEquals(List.of(4, 4, 5, 6), file(report, path).getList("errors.line", Integer.class));
        admin().get("/api/admin/posts?slug=names-" + s).then().body("items", hasSize(0));
    }

    @Test
    void oneBrokenFileInTwentyAppliesNothingUnlessPartial() {
        String s = unique();
        Map<String, byte[]> files = new java.util.LinkedHashMap<>();
        for (int i = 0; i < 19; i++) {
            files.put("content/posts/p" + i + "-" + s + ".md",
                    ("+++\ntitle = \"Post " + i + " " + s + "\"\ndate = 2020-01-01T00:00:00Z\n+++\nBody " + i + "\n").getBytes());
        }
        files.put("content/posts/broken-" + s + ".md",
                ("+++\ntitle = \"Broken\"\ndate = 2020-01-01\ntags = [\"a\",\n+++\nBody\n").getBytes());
        long before = Posts.adminTotal();

        JsonPath atomic = importZip(Sites.zip(files), "").then().statusCode(422)
                .contentType(startsWith("application/json"))
                .body("applied", equalTo(false))
                .body("totals.failed", equalTo(1))
                .body("totals.created", equalTo(19))
                .extract().jsonPath();
        JsonPath broken = file(atomic, "content/posts/broken-" + s + ".md");
        assertEquals("failed", broken.getString("action"));
        assertTrue(broken.getInt("errors[0].line") >= 4, "the TOML error names its line: " + broken.get("errors"));
        assertEquals(before, Posts.adminTotal(), "an atomic import with a failed file applies nothing");

        importZip(Sites.zip(files), "mode=partial").then().statusCode(200)
                .body("applied", equalTo(true))
                .body("totals.created", equalTo(19))
                .body("totals.failed", equalTo(1));
        assertEquals(before + 19, Posts.adminTotal());
    }

    @Test
    void aFileRefusedWhileApplyingFailsTheAtomicImportWithAFullReport() {
        String s = unique();
        // A live post whose working copy moved to another slug still holds its old live slug.
        JsonPath live = Posts.createPublished("Holder " + s, Map.of("slug", "held-" + s));
        admin().body(Map.of("slug", "moved-" + s)).patch("/api/admin/posts/" + live.getString("id")).then().statusCode(200);
        Map<String, byte[]> files = new java.util.LinkedHashMap<>();
        files.put("content/posts/held-" + s + ".md", ("+++\ntitle = \"Clash\"\n+++\nx\n").getBytes());
        files.put("content/posts/fine-" + s + ".md", ("+++\ntitle = \"Fine\"\n+++\ny\n").getBytes());
        long before = Posts.adminTotal();

        JsonPath report = importZip(Sites.zip(files), "").then().statusCode(422)
                .body("totals.failed", equalTo(1))
                .body("totals.created", equalTo(1))
                .extract().jsonPath();
        assertTrue(file(report, "content/posts/held-" + s + ".md").getString("errors[0].message").contains("held-" + s));
        assertEquals(before, Posts.adminTotal());

        importZip(Sites.zip(files), "mode=partial").then().statusCode(200).body("totals.created", equalTo(1));
        assertEquals(before + 1, Posts.adminTotal());
    }

    @Test
    void aNewPostCannotTakeTheLiveSlugOfAnotherPostButMayTakeOneTheSameImportFrees() {
        String s = unique();
        // A published post moved to the pages still serves its slug among the posts.
        JsonPath moved = Posts.createPublished("Moved " + s, Map.of("slug", "moved-" + s));
        admin().body(Map.of("type", "page")).patch("/api/admin/posts/" + moved.getString("id")).then().statusCode(200);
        // A published post renamed since: it serves its old slug until it is published again.
        JsonPath renamed = Posts.createPublished("Renamed " + s, Map.of("slug", "old-" + s));
        admin().body(Map.of("slug", "new-" + s)).patch("/api/admin/posts/" + renamed.getString("id")).then().statusCode(200);

        importZip(Sites.zip(Map.of("content/posts/moved-" + s + ".md", "+++\ntitle = \"Clash\"\n+++\nx\n".getBytes())), "")
                .then().statusCode(422)
                .body("totals.failed", equalTo(1))
                .body("files[0].errors[0].message", containsString("moved-" + s));

        // The renamed post's file publishes it under its new slug, which frees the old one.
        Map<String, byte[]> files = new java.util.LinkedHashMap<>();
        files.put("content/posts/new-" + s + ".md", ("+++\ntitle = \"Renamed " + s + "\"\n+++\nRepublished.\n").getBytes());
        files.put("content/posts/old-" + s + ".md", "+++\ntitle = \"Newcomer\"\n+++\nNew.\n".getBytes());
        importZip(Sites.zip(files), "").then().statusCode(200)
                .body("totals.updated", equalTo(1))
                .body("totals.created", equalTo(1));
        content().get("/api/content/posts/old-" + s).then().statusCode(200).body("title", equalTo("Newcomer"));
        content().get("/api/content/posts/new-" + s).then().statusCode(200).body("title", equalTo("Renamed " + s));
    }

    @Test
    void dryRunAnswersTheSameReportAndWritesNothing() {
        String s = unique();
        long posts = Posts.adminTotal();
        long images = admin().get("/api/admin/images?limit=1").jsonPath().getLong("pagination.total");

        importZip(Sites.zip(Sites.hugo(s)), "dryRun=true").then().statusCode(200)
                .body("dryRun", equalTo(true))
                .body("applied", equalTo(false))
                .body("totals.created", equalTo(4));

        assertEquals(posts, Posts.adminTotal());
        assertEquals(images, admin().get("/api/admin/images?limit=1").jsonPath().getLong("pagination.total"));
    }

    @Test
    void pruneUnpublishesWhatVanishedFromTheSource() {
        String s = unique();
        Map<String, byte[]> site = Sites.jekyll(s);
        importZip(Sites.zip(site), "source=blog-" + s).then().statusCode(200);
        content().get("/api/content/posts/jekyll-hello-" + s).then().statusCode(200);
        site.remove("_posts/2017-02-21-jekyll-hello-" + s + ".md");

        JsonPath report = importZip(Sites.zip(site), "source=blog-" + s + "&prune=true").then().statusCode(200)
                .body("totals.pruned", equalTo(1))
                .extract().jsonPath();
        assertEquals("jekyll-hello-" + s, report.getString("pruned[0].slug"));
        content().get("/api/content/posts/jekyll-hello-" + s).then().statusCode(404);
        assertEquals("draft", adminPost("jekyll-hello-" + s).getString("status"), "unpublished, never deleted");
        adminWithBadInput().contentType("application/zip").body(Sites.zip(site)).post("/api/admin/import?prune=true")
                .then().statusCode(400).body("errors[0].field", equalTo("source"));
    }

    @Test
    void partialImportPrunesToo() {
        String s = unique();
        Map<String, byte[]> site = Sites.jekyll(s);
        importZip(Sites.zip(site), "source=partial-" + s + "&mode=partial").then().statusCode(200);
        content().get("/api/content/posts/jekyll-hello-" + s).then().statusCode(200);
        site.remove("_posts/2017-02-21-jekyll-hello-" + s + ".md");

        importZip(Sites.zip(site), "source=partial-" + s + "&mode=partial&prune=true").then().statusCode(200)
                .body("totals.pruned", equalTo(1))
                .body("pruned[0].slug", equalTo("jekyll-hello-" + s));
        content().get("/api/content/posts/jekyll-hello-" + s).then().statusCode(404);
        assertEquals("draft", adminPost("jekyll-hello-" + s).getString("status"));
    }

    @Test
    void aFlatFolderOfMarkdownImportsAsPostsWhenTheImportSaysSo() {
        // The standard data set's md/ folder zipped as it is: files outside any posts section.
        String s = unique();
        Map<String, byte[]> files = Map.of(
                "md/0001-first-" + s + ".md", ("---\ntitle: First\ndate: 2020-01-01T00:00:00Z\n---\nOne.\n").getBytes(StandardCharsets.UTF_8),
                "md/0002-second-" + s + ".md", ("---\ntitle: Second\ndate: 2020-01-02T00:00:00Z\n---\nTwo.\n").getBytes(StandardCharsets.UTF_8));

        importZip(Sites.zip(files), "type=post&dryRun=true").then().statusCode(200)
                .body("files.type", equalTo(List.of("post", "post")));
        importZip(Sites.zip(files), "").then().statusCode(200)
                .body("files.type", equalTo(List.of("page", "page")));
        importZip(Sites.zip(files), "type=post").then().statusCode(200)
                .body("files.type", equalTo(List.of("post", "post")))
                .body("totals.created", equalTo(2));
        content().get("/api/content/posts/0001-first-" + s).then().statusCode(200).body("type", equalTo("post"));
    }

    /** An imported post has the Admin API's limits, or it could not be edited there. */
    @Test
    void aFileOverThePostLimitsFailsNamingEachOne() {
        String s = unique();
        long before = Posts.adminTotal();
        String file = "---\ntitle: " + "T".repeat(501) + "\nslug: long-" + s + "\ndescription: " + "e".repeat(5001)
                + "\ncover: {image: /c.jpg, alt: " + "a".repeat(1001) + "}\n---\nBody\n";
        importZip(Sites.zip(Map.of("content/posts/long-" + s + ".md", file.getBytes(StandardCharsets.UTF_8))), "")
                .then().statusCode(422).body("totals.failed", equalTo(1))
                .body("files[0].errors[0].message", containsString("the title has 501 characters, at most 500"))
                .body("files[0].errors[0].message", containsString("the excerpt (description or summary) has 5001 characters"))
                .body("files[0].errors[0].message", containsString("the feature image's alt text (cover.alt) has 1001 characters, at most 1000"));
        // Lists are limited as on the API: 20 authors, 100 tags or categories.
        String names = java.util.stream.IntStream.rangeClosed(1, 101).mapToObj(i -> "\"n" + i + "-" + s + "\"")
                .collect(java.util.stream.Collectors.joining(", ", "[", "]"));
        String crowded = "+++\ntitle = \"Crowded\"\nslug = \"crowded-" + s + "\"\ntags = " + names + "\ncategories = "
                + names + "\nauthors = " + names + "\n+++\nBody\n";
        importZip(Sites.zip(Map.of("content/posts/crowded-" + s + ".md", crowded.getBytes(StandardCharsets.UTF_8))), "")
                .then().statusCode(422).body("totals.failed", equalTo(1))
                .body("files[0].errors[0].message", containsString("authors has 101 names, at most 20"))
                .body("files[0].errors[0].message", containsString("tags has 101 names, at most 100"))
                .body("files[0].errors[0].message", containsString("categories has 101 names, at most 100"));
        assertEquals(before, Posts.adminTotal());
    }

    /** The export wrote the working copy as live: importing it back published edits nobody published. */
    @Test
    void aLivePostsUnpublishedEditsAreNotExportedAndStayUnpublished() {
        String s = unique();
        Map<String, Object> body = Posts.draft("Live title " + s);
        body.put("slug", "pending-" + s);
        body.put("markdown", "live body");
        body.put("status", "published");
        String id = Posts.create(body).getString("id");
        // The edit moves its slug too: the live version's file must still find its post.
        admin().contentType("application/json").body(Map.of("title", "Unreviewed " + s, "markdown", "SECRET draft",
                "slug", "moved-pending-" + s)).patch("/api/admin/posts/" + id).then().statusCode(200)
                .body("hasUnpublishedChanges", equalTo(true));

        // Another turns into a page, unpublished.
        Map<String, Object> second = Posts.draft("Still a post " + s);
        second.put("slug", "typed-" + s);
        second.put("status", "published");
        String secondId = Posts.create(second).getString("id");
        admin().contentType("application/json").body(Map.of("type", "page")).patch("/api/admin/posts/" + secondId)
                .then().statusCode(200).body("hasUnpublishedChanges", equalTo(true));

        Map<String, byte[]> exported = Sites.only(Sites.unzip(admin().get("/api/admin/export").then().statusCode(200)
                .extract().asByteArray()), List.of(s));
        assertTrue(exported.containsKey("content/posts/typed-" + s + "/index.md"), exported.keySet().toString());
        String written = new String(exported.get("content/posts/pending-" + s + "/index.md"), StandardCharsets.UTF_8);
        assertTrue(written.contains("title = \"Live title " + s + "\"") && written.endsWith("live body"), written);
        assertFalse(written.contains("SECRET"), written);

        importZip(Sites.zip(exported), "").then().statusCode(200).body("totals.unchanged", equalTo(2));
        content().get("/api/content/posts/pending-" + s).then().statusCode(200)
                .body("title", equalTo("Live title " + s)).body("html", not(containsString("SECRET")));
        admin().get("/api/admin/posts/" + id).then().statusCode(200)
                .body("title", equalTo("Unreviewed " + s)).body("hasUnpublishedChanges", equalTo(true));

    }

    /** An export holding a large, repetitive file was refused whole by the import's zip-bomb check. */
    @Test
    void anExportWithALargeRepetitiveFileImportsBack() {
        String s = unique();
        admin().contentType("text/markdown").body("---\ntitle: Long " + s + "\ndate: 2020-01-01T00:00:00Z\nnote: "
                        + "a".repeat(1_100_000) + "\n---\nBody\n")
                .post("/api/admin/import?filename=long-note-" + s + ".md").then().statusCode(200);

        byte[] export = admin().get("/api/admin/export").then().statusCode(200).extract().asByteArray();

        // The zip as the export wrote it (re-zipping would deflate the entry again).
        JsonPath report = importZip(export, "mode=partial&dryRun=true").then().statusCode(200).extract().jsonPath();
        assertEquals("unchanged", file(report, "content/posts/long-note-" + s + ".md").getString("action"));
    }

    /**
     * Two sites' posts named different images at one path: the zip held the first, and both came
     * back with it. A file without a date came back with the date of each import.
     */
    @Test
    void exportedOriginalsKeepTheirOwnImagesAndDates() {
        String s = unique();
        for (String name : List.of("one", "two")) {
            Map<String, byte[]> site = new java.util.LinkedHashMap<>();
            site.put("content/posts/" + name + "-" + s + ".md", ("+++\ntitle = \"" + name + "\"\ndate = 2020-01-01T00:00:00Z\n"
                    + "image = \"/images/cover-" + s + ".jpg\"\n+++\nBody\n").getBytes(StandardCharsets.UTF_8));
            site.put("static/images/cover-" + s + ".jpg", io.inkwell.support.Images.solidJpeg(40, 30,
                    name.equals("one") ? java.awt.Color.RED : java.awt.Color.BLUE));
            importZip(Sites.zip(site), "").then().statusCode(200).body("totals.created", equalTo(1));
        }
        admin().contentType("text/markdown").body("---\ntitle: Undated\n---\nNo date.\n")
                .post("/api/admin/import?filename=undated-" + s + ".md").then().statusCode(200);
        String oneImage = adminPost("one-" + s).getString("featureImage.url");
        String twoImage = adminPost("two-" + s).getString("featureImage.url");
        assertNotEquals(oneImage, twoImage);

        Map<String, byte[]> exported = Sites.only(Sites.unzip(admin().get("/api/admin/export").then().statusCode(200)
                .extract().asByteArray()), List.of(s));

        assertTrue(exported.containsKey("content/posts/one-" + s + ".md"), "the first stays as it was: " + exported.keySet());
        assertTrue(exported.containsKey("content/posts/two-" + s + "/index.md"), exported.keySet().toString());
        String undated = new String(exported.get("content/posts/undated-" + s + "/index.md"), StandardCharsets.UTF_8);
        assertTrue(undated.contains("\ndate = "), undated);
        importZip(Sites.zip(exported), "").then().statusCode(200).body("totals.unchanged", equalTo(3));
        assertEquals(twoImage, adminPost("two-" + s).getString("featureImage.url"));
    }

    /** Its original file read without the zone would move its dates: it is exported as a bundle. */
    @Test
    void aPostImportedWithATimezoneIsExportedWithItsDatesAndReimportsUnchanged() {
        String s = unique();
        String file = "+++\ntitle = \"Zoned " + s + "\"\nslug = \"zoned-" + s + "\"\ndate = 2020-01-01T10:00:00\n+++\nBody.\n";
        admin().contentType("text/markdown").body(file).post("/api/admin/import?timezone=Asia/Kolkata&filename=zoned-" + s + ".md")
                .then().statusCode(200).body("totals.created", equalTo(1));
        assertEquals("2020-01-01T04:30:00Z", adminPost("zoned-" + s).getString("publishedAt"));

        Map<String, byte[]> exported = Sites.only(Sites.unzip(admin().get("/api/admin/export").then().statusCode(200)
                .extract().asByteArray()), List.of(s));

        String written = new String(exported.get("content/posts/zoned-" + s + "/index.md"), StandardCharsets.UTF_8);
        assertTrue(written.contains("date = 2020-01-01T04:30:00Z"), written);
        assertEquals(1, exported.size(), exported.keySet().toString());
        importZip(Sites.zip(exported), "").then().statusCode(200).body("totals.unchanged", equalTo(1));
        assertEquals("2020-01-01T04:30:00Z", adminPost("zoned-" + s).getString("publishedAt"));
    }

    /** Two posts from one path must both be exported: the zip kept one entry a path and dropped the other post. */
    @Test
    void postsImportedFromTheSamePathAreAllExported() {
        String s = unique();
        List<String> slugs = List.of("loose-one-" + s, "loose-two-" + s, "imported-other-" + s, "collide-" + s);
        for (String slug : slugs.subList(0, 2)) {
            admin().contentType("text/markdown").body("+++\ntitle = \"Loose " + slug + "\"\nslug = \"" + slug + "\"\n+++\nBody.\n")
                    .post("/api/admin/import").then().statusCode(200).body("files[0].path", equalTo("post.md"));
        }
        importZip(Sites.zip(Map.of("content/posts/collide-" + s + "/index.md",
                ("+++\ntitle = \"Imported\"\nslug = \"imported-other-" + s + "\"\n+++\nx\n").getBytes(StandardCharsets.UTF_8))), "")
                .then().statusCode(200);
        Map<String, Object> apiPost = Posts.draft("API collide");
        apiPost.put("slug", "collide-" + s);
        Posts.create(apiPost);

        Map<String, byte[]> exported = Sites.unzip(admin().get("/api/admin/export").then().statusCode(200).extract().asByteArray());
        for (String slug : slugs) {
            long entries = exported.entrySet().stream().filter(e -> e.getKey().endsWith(".md"))
                    .filter(e -> new String(e.getValue(), StandardCharsets.UTF_8).contains("slug = \"" + slug + "\"")).count();
            assertEquals(1, entries, slug + " in " + exported.keySet().stream().filter(k -> k.contains(s) || k.endsWith("post.md")).toList());
        }
    }

    @Test
    void badImportParametersAre400NamingEachOne() {
        adminWithBadInput().contentType("text/markdown").body("---\ntitle: x\n---\n")
                .post("/api/admin/import?mode=sometimes&timezone=Mars/Olympus&dryRun=yes&type=blog").then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", org.hamcrest.Matchers.hasItems("mode", "timezone", "dryRun", "type"));
        // A file name that would be a 422 alone is named beside the malformed parameters.
        long before = Posts.adminTotal();
        adminWithBadInput().contentType("text/markdown").body("---\ntitle: x\n---\n")
                .post("/api/admin/import?filename=notes.txt&timezone=Bad/Zone").then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", org.hamcrest.Matchers.containsInAnyOrder("filename", "timezone"));
        assertEquals(before, Posts.adminTotal());
        adminWithBadInput().contentType("text/markdown").body("---\ntitle: x\n---\n")
                .post("/api/admin/import?source=" + "s".repeat(201)).then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("source"));
    }

    @Test
    void badUploadsAreRefusedAndWriteNothing() {
        String s = unique();
        long before = Posts.adminTotal();
        adminWithBadInput().contentType("text/markdown").body("---\ntitle: Dots " + s + "\n---\n")
                .post("/api/admin/import?filename=..").then().statusCode(422)
                .contentType("application/problem+json").body("errors[0].field", equalTo("filename"));
        // A Markdown body named like another file would be no post at all, and the import a 200 doing nothing.
        adminWithBadInput().contentType("text/markdown").body("---\ntitle: Notes " + s + "\n---\n")
                .post("/api/admin/import?filename=notes-" + s + ".txt").then().statusCode(422)
                .contentType("application/problem+json").body("errors[0].field", equalTo("filename"))
                .body("errors[0].message", containsString(".md"));
        io.inkwell.support.Api.adminMultipart()
                .multiPart("file", "twice-" + s + ".md", ("---\ntitle: One " + s + "\n---\n").getBytes(), "text/markdown")
                .multiPart("file", "twice-" + s + ".md", ("---\ntitle: Two " + s + "\n---\n").getBytes(), "text/markdown")
                .post("/api/admin/import").then().statusCode(422)
                .contentType("application/problem+json").body("errors[0].field", equalTo("files"));
        String nameWithoutValue = "--zzz\r\nContent-Disposition: form-data; name=\r\n\r\nx\r\n"
                + "--zzz\r\nContent-Disposition: form-data; name=\"file\"; filename=\"unnamed-" + s + ".md\"\r\n\r\n"
                + "---\ntitle: Unnamed " + s + "\n---\n\r\n--zzz--\r\n";
        adminWithBadInput().contentType("multipart/form-data; boundary=zzz").body(nameWithoutValue.getBytes(StandardCharsets.US_ASCII))
                .post("/api/admin/import").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("body"));
        // Not UTF-8: the file fails with a reason, and the atomic import applies nothing.
        byte[] latin1 = ("---\ntitle: Caf\u00e9 " + s + "\n---\n").getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        JsonPath report = importZip(Sites.zip(Map.of("content/posts/latin-" + s + ".md", latin1,
                "content/posts/fine-" + s + ".md", ("---\ntitle: Fine " + s + "\n---\n").getBytes())), "")
                .then().statusCode(422).body("totals.failed", equalTo(1)).extract().jsonPath();
        assertTrue(file(report, "content/posts/latin-" + s + ".md").getString("errors[0].message").contains("UTF-8"));
        assertEquals(before, Posts.adminTotal());
    }

    @Test
    void oversizedMarkdownFileIs413AndWritesNothing() {
        long before = Posts.adminTotal();
        byte[] huge = ("---\ntitle: Huge\n---\n" + "x".repeat(9 * 1024 * 1024)).getBytes();
        adminWithBadInput().contentType("text/markdown").body(huge).post("/api/admin/import?filename=huge.md")
                .then().statusCode(413).contentType("application/problem+json");
        assertEquals(before, Posts.adminTotal());
    }

    @Test
    void singleMarkdownFileAndMultipartFilesImport() {
        String s = unique();
        admin().contentType("text/markdown").body("---\ntitle: Single " + s + "\n---\nOne file.\n")
                .post("/api/admin/import?filename=single-" + s + ".md").then().statusCode(200)
                .body("totals.created", equalTo(1));
        assertEquals("published", adminPost("single-" + s).getString("status"));

        io.inkwell.support.Api.adminMultipart()
                .multiPart("file", "first-" + s + ".md", ("+++\ntitle = \"First " + s + "\"\n+++\n![pic](pic.png)\n").getBytes(), "text/markdown")
                .multiPart("file", "pic.png", io.inkwell.support.Images.halfTransparentPng(50, 50, java.awt.Color.RED), "image/png")
                .multiPart("file", "second-" + s + ".md", ("---\ntitle: Second " + s + "\ndraft: true\n---\nx\n").getBytes(), "text/markdown")
                .post("/api/admin/import").then().statusCode(200)
                .body("totals.created", equalTo(2));
        assertTrue(adminPost("first-" + s).getString("markdown").startsWith("![pic](/media/"));
    }

    @Test
    void badArchivesAreRefusedAndWriteNothing() {
        long before = Posts.adminTotal();
        String s = unique();
        byte[] good = ("+++\ntitle = \"Evil " + s + "\"\n+++\nx\n").getBytes();

        refused("application/zip", "not a zip at all".getBytes());
        refused("application/gzip", "not gzip either".getBytes());
        refused("application/zip", Sites.zip(Map.of("../evil-" + s + ".md", good)));
        refused("application/zip", Sites.zip(Map.of("/etc/evil-" + s + ".md", good)));
        refused("application/zip", ArchiveFixtures.zipWithSymlink("content/posts/link.md", "/etc/passwd"));
        refused("application/zip", ArchiveFixtures.zipBomb(50L * 1024 * 1024));
        refused("application/zip", ArchiveFixtures.manyFiles(6000));
        refused("application/gzip", ArchiveFixtures.tarGzWithPath("../../outside.md", good));

        assertEquals(before, Posts.adminTotal());
    }

    @Test
    void exportIsLosslessAndReimportsUnchangedAndIntoAnEmptyInkwell() {
        String s = unique();
        Map<String, byte[]> site = Sites.hugo(s);
        importZip(Sites.zip(site), "source=export-" + s).then().statusCode(200).body("totals.created", equalTo(4));
        // One post edited after import, one written through the API: both export as TOML bundles.
        JsonPath yamlPost = adminPost("yaml-post-" + s);
        String editedId = yamlPost.getString("id");
        // Alt texts of feature images, uploaded and external, survive the export (as cover = {image, alt}).
        admin().body(Map.of("title", "Edited YAML post " + s,
                        "featureImage", Map.of("url", yamlPost.getString("featureImage.url"), "alt", "Static \"alt\" " + s)))
                .patch("/api/admin/posts/" + editedId).then().statusCode(200);
        Map<String, Object> apiPost = Posts.draft("Api made " + s);
        apiPost.put("slug", "api-made-" + s);
        apiPost.put("status", "published");
        apiPost.put("publishedAt", "2020-02-02T02:02:02Z");
        apiPost.put("tags", List.of("Api " + s));
        apiPost.put("featureImage", Map.of("url", "https://example.com/api-" + s + ".jpg", "alt", "Api alt " + s));
        // Meta named like front-matter keys goes under [params], and comes back as it was.
        Map<String, Object> apiMeta = new java.util.LinkedHashMap<>();
        apiMeta.put("summary", "Not the excerpt");
        apiMeta.put("aliases", List.of("/old/api-made-" + s + "/"));
        apiMeta.put("price", new java.math.BigDecimal("9.90"));
        apiPost.put("meta", apiMeta);
        Posts.create(apiPost);
        // Meta holding a null (which TOML cannot write) gives JSON front matter.
        Map<String, Object> nullPost = Posts.draft("Api nulls " + s);
        nullPost.put("slug", "api-nulls-" + s);
        Map<String, Object> nullMeta = new java.util.LinkedHashMap<>();
        nullMeta.put("subtitle", null);
        nullMeta.put("cover", Map.of("image", "not-the-feature.jpg"));
        nullMeta.put("huge", new java.math.BigDecimal("1E+400"));
        nullPost.put("meta", nullMeta);
        Posts.create(nullPost);
        // An image's own alt text and caption: in data/inkwell/images.json, as no image file holds them.
        String coverId = adminPost("toml-bundle-" + s).getString("featureImage.imageId");
        admin().body(Map.of("alt", "Cover \"alt\" " + s, "caption", "Cover caption " + s))
                .patch("/api/admin/images/" + coverId).then().statusCode(200);
        List<String> slugs = List.of("toml-bundle-" + s, "yaml-post-" + s, "json-post-" + s, "about-" + s, "api-made-" + s,
                "api-nulls-" + s);
        Map<String, JsonPath> original = snapshot(slugs);
        Map<String, String> originalMeta = new java.util.HashMap<>();
        slugs.forEach(slug -> originalMeta.put(slug, metaJson(original.get(slug).getString("id"))));

        Map<String, byte[]> exported = Sites.only(Sites.unzip(admin().get("/api/admin/export").then().statusCode(200)
                .contentType("application/zip").extract().asByteArray()), List.of(s, "data/inkwell/images.json"));

        // Unedited imported files come back byte for byte, with their images.
        String bundle = "content/posts/toml-bundle-" + s + "/index.md";
        assertTrue(java.util.Arrays.equals(site.get(bundle), exported.get(bundle)), "byte-for-byte export");
        assertTrue(exported.containsKey("content/posts/toml-bundle-" + s + "/cover.jpg"));
        // The edited post becomes a TOML page bundle with its image beside it.
        assertTrue(new String(exported.get("content/posts/yaml-post-" + s + "/index.md")).startsWith("+++\n"));
        assertTrue(exported.containsKey("content/posts/yaml-post-" + s + "/static-pic-" + s + ".png"), exported.keySet().toString());
        assertTrue(new String(exported.get("content/posts/yaml-post-" + s + "/index.md"))
                .contains("\ncover = { image = \"static-pic-" + s + ".png\", alt = \"Static \\\"alt\\\" " + s + "\" }\n"));
        assertTrue(new String(exported.get("content/posts/api-made-" + s + "/index.md")).contains("\n[params]\nsummary = "));
        assertTrue(new String(exported.get("content/posts/api-nulls-" + s + "/index.md")).startsWith("{\n"));
        JsonPath descriptions = new JsonPath(new String(exported.get("data/inkwell/images.json"), StandardCharsets.UTF_8));
        String coverPath = "content/posts/toml-bundle-" + s + "/cover.jpg";
        assertEquals("Cover \"alt\" " + s, descriptions.getString("'" + coverPath + "'.alt"));
        assertEquals("Cover caption " + s, descriptions.getString("'" + coverPath + "'.caption"));

        importZip(Sites.zip(exported), "").then().statusCode(200)
                .body("totals.unchanged", equalTo(7))
                .body("files.find { it.path == 'data/inkwell/images.json' }.action", equalTo("unchanged"))
                .body("totals.created", equalTo(0))
                .body("totals.updated", equalTo(0));
        // An alt text changed in the file is the image's (and the live post's) new one; the caption the file leaves out stays.
        Map<String, byte[]> edited = new java.util.LinkedHashMap<>(exported);
        edited.put("data/inkwell/images.json", ("{\"" + coverPath + "\": {\"alt\": \"Edited alt " + s + "\"},"
                + " \"content/posts/toml-bundle-" + s + "/typo.jpg\": {\"alt\": \"Nowhere\"}}").getBytes(StandardCharsets.UTF_8));
        // A dry run says so, as the import does, and changes nothing.
        importZip(Sites.zip(edited), "dryRun=true").then().statusCode(200).body("totals.unchanged", equalTo(6))
                .body("files.find { it.path == 'data/inkwell/images.json' }.action", equalTo("updated"))
                .body("files.find { it.path == 'data/inkwell/images.json' }.warnings[0].message",
                        equalTo("content/posts/toml-bundle-" + s + "/typo.jpg: no file at this path in the upload; nothing was described."));
        admin().get("/api/admin/images/" + coverId).then().body("alt", equalTo("Cover \"alt\" " + s));
        importZip(Sites.zip(edited), "").then().statusCode(200).body("totals.unchanged", equalTo(6))
                .body("files.find { it.path == 'data/inkwell/images.json' }.action", equalTo("updated"));
        admin().get("/api/admin/images/" + coverId).then()
                .body("alt", equalTo("Edited alt " + s)).body("caption", equalTo("Cover caption " + s));
        content().get("/api/content/posts/toml-bundle-" + s).then().body("featureImage.alt", equalTo("Edited alt " + s));

        // "Into an empty Inkwell": this test's posts, tags and authors are deleted, then the export imported.
        for (String slug : slugs) {
            admin().delete("/api/admin/posts/" + original.get(slug).getString("id")).then().statusCode(204);
        }
        admin().delete("/api/admin/images/" + coverId + "?force=true").then().statusCode(204);
        importZip(Sites.zip(exported), "").then().statusCode(200).body("totals.created", equalTo(6));
        String restoredCover = adminPost("toml-bundle-" + s).getString("featureImage.imageId");
        admin().get("/api/admin/images/" + restoredCover).then()
                .body("alt", equalTo("Cover \"alt\" " + s)).body("caption", equalTo("Cover caption " + s));
        Map<String, JsonPath> restored = snapshot(slugs);
        for (String slug : slugs) {
            for (String field : List.of("type", "slug", "title", "markdown", "html", "status", "publishedAt", "unpublishAt",
                    "customExcerpt", "excerpt", "tags.name", "categories.name", "authors.name", "featureImage.url",
                    "featureImage.width", "featureImage.alt", "wordCount")) {
                if (field.equals("publishedAt") && slug.startsWith("about-")) {
                    // Its file has no date: publication is the time of each import, in any Inkwell.
                    continue;
                }
                assertEquals((Object) original.get(slug).get(field), restored.get(slug).get(field), slug + " " + field);
            }
            assertEquals(originalMeta.get(slug), metaJson(restored.get(slug).getString("id")), slug + " meta");
        }
    }

    // ---- helpers ---------------------------------------------------------------------------

    private static Response importMarkdown(String filename, String markdown) {
        return admin().contentType("text/markdown").body(markdown).post("/api/admin/import?filename=" + filename);
    }

    private static Response importZip(byte[] zip, String query) {
        return admin().contentType("application/zip").body(zip).post("/api/admin/import" + (query.isEmpty() ? "" : "?" + query));
    }

    @Test
    void importWithoutContentTypeIs415() {
        long before = Posts.adminTotal();
        io.inkwell.support.Api.assertProblem(io.inkwell.support.Api.adminWithoutContentType("POST",
                "/api/admin/import", "---\ntitle: Untyped\n---\n".getBytes(StandardCharsets.UTF_8)), 415, "Content-Type");
        io.inkwell.support.Api.assertProblem(io.inkwell.support.Api.adminWithoutContentType("POST",
                "/api/admin/import", null), 415, "Content-Type");
        assertEquals(before, Posts.adminTotal());
    }

    @Test
    void overlongFileNamesAre422NamingTheFileName() {
        String s = unique();
        long before = Posts.adminTotal();
        String longName = "long-" + s + "-" + "n".repeat(300) + ".md";
        adminWithBadInput().contentType("text/markdown").body("---\ntitle: Long " + s + "\n---\n")
                .post("/api/admin/import?filename=" + longName).then().statusCode(422)
                .contentType("application/problem+json").body("errors[0].field", equalTo("filename"))
                .body("detail", not(containsString("/tmp")));
        io.inkwell.support.Api.adminMultipart()
                .multiPart("file", longName, ("---\ntitle: Long " + s + "\n---\n").getBytes(), "text/markdown")
                .post("/api/admin/import").then().statusCode(422)
                .contentType("application/problem+json").body("errors[0].field", equalTo("filename"));
        assertEquals(before, Posts.adminTotal());
        // A name that is long but fine is used as given (its slug too), never as a path on the server.
        String fine = "fine-" + s + "-" + "f".repeat(150) + ".md";
        admin().contentType("text/markdown").body("---\ntitle: Fine " + s + "\n---\n")
                .post("/api/admin/import?filename=" + fine).then().statusCode(200)
                .body("files[0].path", equalTo(fine));
    }

    @Test
    void malformedMultipartBodiesAre400() {
        long before = Posts.adminTotal();
        String part = "--zzz\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.md\"\r\n\r\n---\ntitle: Cut\n";
        for (String type : List.of("multipart/form-data", "multipart/form-data; boundary=", "multipart/form-data; boundary=\"\"")) {
            adminWithBadInput().contentType(type).body("xxxx".getBytes(StandardCharsets.UTF_8)).post("/api/admin/import")
                    .then().statusCode(400).contentType("application/problem+json")
                    .body("detail", containsString("multipart"));
        }
        adminWithBadInput().contentType("multipart/form-data; boundary=zzz").body(part.getBytes(StandardCharsets.UTF_8))
                .post("/api/admin/import").then().statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("multipart"));
        assertEquals(before, Posts.adminTotal());
    }

    @Test
    void truncatedArchivesSayWhatIsWrongAndNameNoServerPath() {
        String s = unique();
        long before = Posts.adminTotal();
        java.util.Map<String, byte[]> files = new java.util.LinkedHashMap<>();
        java.util.Random random = new java.util.Random(7);
        for (int i = 0; i < 3; i++) {
            byte[] noise = new byte[30_000];
            random.nextBytes(noise);
            files.put("content/posts/cut-" + i + "-" + s + ".md",
                    ("---\ntitle: Cut " + s + "\n---\n" + java.util.Base64.getEncoder().encodeToString(noise)).getBytes());
        }
        byte[] tarGz = ArchiveFixtures.tarGz(files);
        for (int length : List.of(20, tarGz.length / 2)) {
            adminWithBadInput().contentType("application/gzip").body(java.util.Arrays.copyOf(tarGz, length))
                    .post("/api/admin/import").then().statusCode(422).contentType("application/problem+json")
                    .body("detail", containsString("truncated"))
                    .body("detail", not(containsString("null")))
                    .body("detail", not(containsString("/tmp")));
        }
        byte[] zip = Sites.zip(files);
        adminWithBadInput().contentType("application/zip").body(java.util.Arrays.copyOf(zip, zip.length / 2))
                .post("/api/admin/import").then().statusCode(422).contentType("application/problem+json")
                .body("detail", containsString("archive"))
                .body("detail", not(containsString("/tmp")))
                .body("detail", not(containsString("inkwell-import")));
        assertEquals(before, Posts.adminTotal());
    }

    private static void refused(String type, byte[] body) {
        adminWithBadInput().contentType(type).body(body).post("/api/admin/import").then()
                .statusCode(422).contentType("application/problem+json")
                .body("detail", containsString("archive"));
    }

    /** The post or page with this slug, found through the admin list's slug filter. */
    private static JsonPath adminPost(String slug) {
        List<String> ids = admin().get("/api/admin/posts?slug=" + slug).jsonPath().getList("items.id", String.class);
        assertEquals(1, ids.size(), "exactly one post has the slug " + slug);
        return admin().get("/api/admin/posts/" + ids.get(0)).then().statusCode(200).extract().jsonPath();
    }

    private static String metaJson(String id) {
        String body = admin().get("/api/admin/posts/" + id).asString();
        int start = body.indexOf("\"meta\":") + 7;
        int depth = 0;
        for (int i = start; i < body.length(); i++) {
            char c = body.charAt(i);
            depth += c == '{' ? 1 : c == '}' ? -1 : 0;
            if (depth == 0) {
                return body.substring(start, i + 1);
            }
        }
        throw new AssertionError("no meta in " + body);
    }

    private static Map<String, JsonPath> snapshot(List<String> slugs) {
        Map<String, JsonPath> posts = new java.util.LinkedHashMap<>();
        slugs.forEach(slug -> posts.put(slug, adminPost(slug)));
        return posts;
    }

    private static JsonPath file(JsonPath report, String path) {
        return JsonPath.from(report.prettify()).setRootPath("files.find { it.path == '" + path + "' }");
    }

    private static List<String> warnings(JsonPath report, String path) {
        return report.getList("files.find { it.path == '" + path + "' }.warnings.message");
    }
}
