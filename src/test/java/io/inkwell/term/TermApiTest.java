package io.inkwell.term;

import static io.inkwell.support.Api.admin;
import static io.inkwell.support.Api.adminWithBadInput;
import static io.inkwell.support.Api.content;
import static io.inkwell.support.Api.unique;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.inkwell.support.Posts;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class TermApiTest {

    @jakarta.inject.Inject
    javax.sql.DataSource dataSource;

    @Test
    void tagsHaveFullCrud() {
        String name = "Quarkus " + unique();
        JsonPath created = admin().body(Map.of("name", name, "description", "Supersonic"))
                .post("/api/admin/tags").then().statusCode(201)
                .header("Location", matchesPattern(".*/api/admin/tags/[0-9a-f-]{36}$"))
                .body("taxonomy", equalTo("tag"))
                .body("postCount", equalTo(0))
                .extract().jsonPath();
        String id = created.getString("id");

        admin().get("/api/admin/tags/" + id).then().statusCode(200).body("name", equalTo(name));
        admin().body(Map.of("name", "Renamed " + name)).patch("/api/admin/tags/" + id).then().statusCode(200)
                .body("name", equalTo("Renamed " + name))
                .body("slug", equalTo(created.getString("slug")))
                .body("description", equalTo("Supersonic"));
        admin().delete("/api/admin/tags/" + id).then().statusCode(204);
        admin().get("/api/admin/tags/" + id).then().statusCode(404);
    }

    @Test
    void aPatchThatChangesNothingLeavesTheTagAsItWas() {
        String name = "Unchanged " + unique();
        String id = admin().body(Map.of("name", name, "description", "Same")).post("/api/admin/tags").then()
                .statusCode(201).extract().path("id");
        String before = admin().get("/api/admin/tags/" + id).asString();

        // The same name once cleaned (spaces), the same slug (slugs are stored in lower case), the same description.
        String slug = JsonPath.from(before).getString("slug");
        admin().body(Map.of("name", "  " + name.replace(" ", "   ") + " ", "slug", slug.toUpperCase(), "description", "Same"))
                .patch("/api/admin/tags/" + id).then().statusCode(200)
                .body("updatedAt", equalTo(JsonPath.from(before).getString("updatedAt")));
        assertEquals(before, admin().get("/api/admin/tags/" + id).asString());
    }

    @Test
    void theNameLimitCountsCharactersNotUtf16Units() {
        String start = "Emoji " + unique() + " ";
        String longest = start + "\uD83D\uDE00".repeat(200 - start.length()); // 200 characters, more UTF-16 units
        admin().body(Map.of("name", longest)).post("/api/admin/tags").then().statusCode(201)
                .body("name", equalTo(longest));
        adminWithBadInput().contentType(ContentType.JSON).body(Map.of("name", longest + "\uD83D\uDE00"))
                .post("/api/admin/tags").then().statusCode(422).body("errors[0].field", equalTo("name"))
                .body("errors[0].message", equalTo("At most 200 characters once spaces are tidied; this has 201."));
    }

    /** Probe 12: @Size counted UTF-16 units, so emoji text was refused at half the contract's maxLength. */
    @Test
    void textLimitsCountCharactersNotUtf16Units() {
        String emoji = "\uD83D\uDE00";
        admin().body(Map.of("name", "Long description " + unique(), "description", emoji.repeat(5000)))
                .post("/api/admin/tags").then().statusCode(201);
        adminWithBadInput().contentType(ContentType.JSON)
                .body(Map.of("name", "Too long description " + unique(), "description", emoji.repeat(5001)))
                .post("/api/admin/tags").then().statusCode(422).body("errors[0].field", equalTo("description"))
                .body("errors[0].message", equalTo("At most 5000 characters; this has 5001."));
        admin().body(Map.of("title", emoji.repeat(500))).post("/api/admin/posts").then().statusCode(201);
    }

    @Test
    void aNameWithoutLettersIsToldSoAndNotAboutItsLength() {
        adminWithBadInput().contentType(ContentType.JSON).body(Map.of("name", "\uD83D\uDE00\uD83D\uDE00"))
                .post("/api/admin/tags").then().statusCode(422).body("errors[0].field", equalTo("name"))
                .body("errors[0].message", equalTo("Needs at least one letter or digit."));
        adminWithBadInput().contentType(ContentType.JSON).body(Map.of("title", "Emoji tags " + unique(),
                "tags", List.of("ok", "\uD83D\uDE00"))).post("/api/admin/posts").then().statusCode(422)
                .body("errors[0].field", equalTo("tags[1]"))
                .body("errors[0].message", equalTo("Needs at least one letter or digit."));
    }

    /** Probe 12: such a tag could be created with a slug of its own, but no post could name it. */
    @Test
    void aPostNamesATagWhoseLettersMakeNoSlugOnceItExists() {
        java.util.Random random = new java.util.Random();
        String cherokee = random.ints(8, 0x13A0, 0x13F5).collect(StringBuilder::new, StringBuilder::appendCodePoint,
                StringBuilder::append).toString();
        // Nothing bears it yet, and a new tag could not get a slug from it.
        adminWithBadInput().contentType(ContentType.JSON).body(Map.of("title", "Cherokee " + unique(),
                "tags", List.of("Fine " + unique(), cherokee))).post("/api/admin/posts").then().statusCode(422)
                .body("errors[0].field", equalTo("tags[1]"))
                .body("errors[0].message", containsString("make no slug"));

        admin().body(Map.of("name", cherokee, "slug", "cherokee-" + unique())).post("/api/admin/tags").then()
                .statusCode(201);
        admin().body(Map.of("title", "Cherokee " + unique(), "tags", List.of(cherokee))).post("/api/admin/posts")
                .then().statusCode(201).body("tags[0].name", equalTo(cherokee));
    }

    @Test
    void aTagIsNotACategory() {
        String id = admin().body(Map.of("name", "Only a tag " + unique())).post("/api/admin/tags").then()
                .statusCode(201).extract().path("id");
        adminWithBadInput().get("/api/admin/categories/" + id).then().statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void duplicateExplicitSlugIs409AndBadNameIs422() {
        String slug = "dup-" + unique();
        admin().body(Map.of("name", "Dup", "slug", slug)).post("/api/admin/categories").then().statusCode(201);
        adminWithBadInput().contentType(ContentType.JSON).body(Map.of("name", "Dup again", "slug", slug))
                .post("/api/admin/categories").then().statusCode(409);
        adminWithBadInput().contentType(ContentType.JSON).body(Map.of("name", " "))
                .post("/api/admin/categories").then().statusCode(422).body("errors[0].field", equalTo("name"));
    }

    @Test
    void everyBadFieldOfAPatchIsNamedInOneAnswerAndNullClearsTheDescription() {
        String name = "Merge " + unique();
        String id = admin().body(Map.of("name", name, "description", "Kept")).post("/api/admin/categories").then()
                .statusCode(201).extract().path("id");
        adminWithBadInput().contentType(ContentType.JSON)
                .body(Map.of("name", "  ", "slug", "Bad Slug!!", "description", "x".repeat(5001)))
                .patch("/api/admin/categories/" + id).then().statusCode(422).contentType("application/problem+json")
                .body("errors.field", equalTo(List.of("description", "name", "slug")));
        admin().get("/api/admin/categories/" + id).then().body("name", equalTo(name)).body("description", equalTo("Kept"));

        admin().body("{\"description\": null}").patch("/api/admin/categories/" + id).then().statusCode(200)
                .body("description", equalTo(null)).body("name", equalTo(name));
        adminWithBadInput().contentType(ContentType.JSON).body("{\"name\": null}")
                .patch("/api/admin/categories/" + id).then().statusCode(422)
                .body("errors[0].field", equalTo("name"))
                .body("errors[0].message", equalTo("Cannot be null; omit it to keep the current value."));
    }

    @Test
    void namesThatLookTheSameAreOneTag() {
        String s = unique();
        // A no-break space, a zero-width space, two spaces: what a reader sees is "Go Language".
        JsonPath post = Posts.create(Map.of("title", "Look-alikes " + s,
                "tags", List.of("Go\u00a0Language " + s, "Go Language " + s + "\u200b", "GO  LANGUAGE " + s + " ")));
        assertEquals(List.of("Go Language " + s), post.getList("tags.name"));
        adminWithBadInput().contentType(ContentType.JSON).body(Map.of("name", "Go\u3000Language " + s, "slug", "other-" + s))
                .post("/api/admin/tags").then().statusCode(409).body("errors[0].field", equalTo("name"));
        String id = admin().body(Map.of("name", "\ufeffLook\u2060alike\u00a0 " + s)).post("/api/admin/tags").then()
                .statusCode(201).body("name", equalTo("Lookalike " + s)).extract().path("id");
        admin().body(Map.of("name", "Look\u00a0alike " + s)).patch("/api/admin/tags/" + id).then().statusCode(200)
                .body("name", equalTo("Look alike " + s));
    }

    @Test
    void aTagNameFollowsThePostsRuleForNamesAndEveryBadFieldIsNamed() {
        String s = unique();
        // What a post could not name, a tag may not bear: nothing left once cleaned, no letter
        // or digit, over 200 characters once composed (each U+0958 composes to two).
        for (String name : List.of("\u200b", "\u2605", "\u0958".repeat(150))) {
            adminWithBadInput().contentType(ContentType.JSON).body(Map.of("name", name, "slug", "odd-" + s))
                    .post("/api/admin/tags").then().statusCode(422).body("errors.field", equalTo(List.of("name")));
        }
        adminWithBadInput().contentType(ContentType.JSON).body(Map.of("name", "\u2605", "slug", "Not A Slug", "bio",
                "d".repeat(5001))).post("/api/admin/authors").then().statusCode(422)
                .body("errors.field", org.hamcrest.Matchers.containsInAnyOrder("name", "slug", "bio"));
        String id = admin().body(Map.of("name", "Fine " + s)).post("/api/admin/categories").then().statusCode(201)
                .extract().path("id");
        adminWithBadInput().contentType(ContentType.JSON).body(Map.of("name", "\u00ad\u200e"))
                .patch("/api/admin/categories/" + id).then().statusCode(422).body("errors.field", equalTo(List.of("name")));
        // Any script's letters make a name; one whose letters make no slug needs a slug of its own.
        admin().body(Map.of("name", "\u1780\u17d2\u1798\u17c2\u179a " + s, "slug", "khmer-" + s)).post("/api/admin/tags")
                .then().statusCode(201);
        adminWithBadInput().contentType(ContentType.JSON).body(Map.of("name", "\u13a0\u13a1\u13a2")).post("/api/admin/tags")
                .then().statusCode(422).body("errors[0].field", equalTo("name"))
                .body("errors[0].message", equalTo("Its letters make no slug: give one (slug)."));
        // Invisible marks of writing direction, soft hyphens and control characters are no part of a name.
        admin().body(Map.of("name", "\u200fFi\u00adn\u0001e\u2028" + s)).patch("/api/admin/categories/" + id).then().statusCode(200)
                .body("name", equalTo("Fine " + s));
    }

    @jakarta.inject.Inject
    io.inkwell.common.slug.NameKeys nameKeys;

    @Test
    void namesAreComparedAsUnicodeFoldsThemAndTagsFromBeforeGetTheirKeysAtStart() throws Exception {
        String s = unique();
        admin().body(Map.of("name", "Straße " + s)).post("/api/admin/tags").then().statusCode(201);
        adminWithBadInput().contentType(ContentType.JSON).body(Map.of("name", "STRASSE " + s, "slug", "strasse-" + s))
                .post("/api/admin/tags").then().statusCode(409).body("errors[0].field", equalTo("name"))
                .body("detail", org.hamcrest.Matchers.startsWith("'Straße " + s + "' (strasse-" + s.toLowerCase() + ") bears this name"));
        String full = admin().body(Map.of("name", "Full " + s, "slug", "full-" + s)).post("/api/admin/tags").then()
                .statusCode(201).extract().path("id");
        JsonPath post = Posts.create(Map.of("title", "Folded " + s, "tags", List.of("\uff26\uff35\uff2c\uff2c " + s, "STRASSE " + s)));
        assertEquals(List.of("Full " + s, "Straße " + s), post.getList("tags.name"));

        // A name no tag bears means the tag whose slug it makes, the same for names compared as one.
        String x2 = admin().body(Map.of("name", "Other " + s, "slug", "x2-" + s)).post("/api/admin/tags").then()
                .statusCode(201).extract().path("id");
        assertEquals(List.of(x2), Posts.create(Map.of("title", "Squared " + s, "tags", List.of("x\u00b2 " + s))).getList("tags.id"));
        assertEquals(List.of(x2), Posts.create(Map.of("title", "Plain " + s, "tags", List.of("x2 " + s))).getList("tags.id"));

        // A tag stored before keys were: it gets its key when the server starts, and is found by it.
        try (java.sql.Connection connection = dataSource.getConnection();
                java.sql.PreparedStatement forget = connection.prepareStatement("update term set name_key = null where id = ?")) {
            forget.setObject(1, java.util.UUID.fromString(full));
            assertEquals(1, forget.executeUpdate());
        }
        nameKeys.fill(null);
        assertEquals(List.of(full), Posts.create(Map.of("title", "Keyed " + s, "tags", List.of("full " + s))).getList("tags.id"));
    }

    @Test
    void aNameThatDiffersOnlyInCaseIsTheSameTag() {
        String name = "Python" + unique();
        admin().body(Map.of("name", name.toLowerCase())).post("/api/admin/tags").then().statusCode(201);
        adminWithBadInput().contentType(ContentType.JSON).body(Map.of("name", name.toUpperCase()))
                .post("/api/admin/tags").then().statusCode(409).body("errors[0].field", equalTo("name"));
    }

    /** Posts name tags, and get the tag whose slug the name makes: no tag may take another's name. */
    @Test
    void anotherTagsNameIs409WhenRenamingOrCreatingWithASlugOfItsOwn() {
        String name = "Golang" + unique();
        admin().body(Map.of("name", name)).post("/api/admin/tags").then().statusCode(201);
        String other = admin().body(Map.of("name", "Other " + name)).post("/api/admin/tags").then().statusCode(201)
                .extract().path("id");
        adminWithBadInput().contentType(ContentType.JSON).body(Map.of("name", name.toUpperCase()))
                .patch("/api/admin/tags/" + other).then().statusCode(409).contentType("application/problem+json")
                .body("errors[0].field", equalTo("name"));
        admin().get("/api/admin/tags/" + other).then().body("name", equalTo("Other " + name));
        adminWithBadInput().contentType(ContentType.JSON).body(Map.of("name", name.toUpperCase(), "slug", "own-" + unique()))
                .post("/api/admin/tags").then().statusCode(409).body("errors[0].field", equalTo("name"));
        // Its own name in another case is still a rename.
        admin().body(Map.of("name", "OTHER " + name)).patch("/api/admin/tags/" + other).then().statusCode(200)
                .body("name", equalTo("OTHER " + name));
    }

    @Test
    void renamingATagUpdatesPublishedPosts() {
        String tag = "rename-" + unique();
        String slug = Posts.createPublished("Tagged post " + tag, Map.of("tags", List.of(tag))).getString("slug");
        String tagId = admin().get("/api/admin/posts?tag=" + tag).jsonPath().getString("items[0].tags[0].id");

        admin().body(Map.of("name", "Brand New Name")).patch("/api/admin/tags/" + tagId).then().statusCode(200)
                .body("postCount", equalTo(1));
        content().get("/api/content/posts/" + slug).then().body("tags[0].name", equalTo("Brand New Name"));
        content().get("/api/content/tags/" + tag).then().body("name", equalTo("Brand New Name"));
    }

    /** The name a tag bears now is that tag, though its slug came from an older name. */
    @Test
    void aPostNamingARenamedTagByItsNewNameGetsThatTag() {
        String s = unique();
        String tagId = admin().body(Map.of("name", "Golang " + s)).post("/api/admin/tags").then().statusCode(201)
                .extract().path("id");
        String slug = admin().get("/api/admin/tags/" + tagId).then().extract().path("slug");
        admin().body(Map.of("name", "Go Language " + s)).patch("/api/admin/tags/" + tagId).then().statusCode(200)
                .body("slug", equalTo(slug));
        long tags = admin().get("/api/admin/tags?limit=1").jsonPath().getLong("pagination.total");

        JsonPath post = Posts.create(Map.of("title", "Renamed tag " + s, "tags", List.of("go language " + s)));
        assertEquals(List.of(tagId), post.getList("tags.id"));
        // The old name, whose slug the tag keeps, is the same tag too: one link, not two.
        admin().body(Map.of("tags", List.of("Go Language " + s, "Golang " + s))).patch("/api/admin/posts/" + post.getString("id"))
                .then().statusCode(200).body("tags.id", equalTo(List.of(tagId)));
        assertEquals(tags, admin().get("/api/admin/tags?limit=1").jsonPath().getLong("pagination.total"), "no tag made");
        // And no other tag may take that name, in any case.
        adminWithBadInput().contentType(ContentType.JSON).body(Map.of("name", "GO LANGUAGE " + s))
                .post("/api/admin/tags").then().statusCode(409).contentType("application/problem+json")
                .body("errors[0].field", equalTo("name"));
        String other = admin().body(Map.of("name", "Other " + s)).post("/api/admin/tags").then().statusCode(201)
                .extract().path("id");
        adminWithBadInput().contentType(ContentType.JSON).body(Map.of("name", "go language " + s))
                .patch("/api/admin/tags/" + other).then().statusCode(409).body("errors[0].field", equalTo("name"));
    }

    /** "Lima Mike" (a renamed "Kilo", slug kilo) and "lima-mike" make one slug, and are two tags. */
    @Test
    void twoTagsWhoseNamesMakeOneSlugStayTwo() {
        String s = unique();
        String kilo = admin().body(Map.of("name", "Kilo " + s)).post("/api/admin/tags").then().statusCode(201).extract().path("id");
        admin().body(Map.of("name", "Lima Mike " + s)).patch("/api/admin/tags/" + kilo).then().statusCode(200);
        String limaMike = admin().body(Map.of("name", "lima-mike-" + s)).post("/api/admin/tags").then().statusCode(201)
                .extract().path("id");

        JsonPath post = Posts.create(Map.of("title", "Two tags " + s, "tags", List.of("Lima Mike " + s, "lima-mike-" + s)));
        assertEquals(List.of(kilo, limaMike), post.getList("tags.id"));
        admin().body(Map.of("tags", List.of("lima-mike-" + s, "LIMA MIKE " + s, "kilo " + s)))
                .patch("/api/admin/posts/" + post.getString("id")).then().statusCode(200)
                .body("tags.id", equalTo(List.of(limaMike, kilo)));
    }

    /** A post making a tag of a name while another tag is renamed to it: one of them gets it, never both. */
    @Test
    void aRenameRacingAPostThatNamesTheNewNameLeavesOneTagBearingIt() throws Exception {
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 8; round++) {
                String s = unique();
                String id = admin().body(Map.of("name", "Before " + s)).post("/api/admin/tags").then().statusCode(201)
                        .extract().path("id");
                String name = "Raced " + s;
                java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
                java.util.concurrent.Future<Integer> rename = pool.submit(() -> {
                    start.await();
                    return adminWithBadInput().contentType(ContentType.JSON).body(Map.of("name", name))
                            .patch("/api/admin/tags/" + id).statusCode();
                });
                java.util.concurrent.Future<List<String>> post = pool.submit(() -> {
                    start.await();
                    return Posts.create(Map.of("title", "Races " + s, "tags", List.of(name))).getList("tags.id");
                });
                start.countDown();
                int renamed = rename.get();
                List<String> tagged = post.get();
                assertTrue(renamed == 200 || renamed == 409, "rename answered " + renamed);
                assertEquals(1, tagsNamed(name), "tags bearing " + name);
                if (renamed == 200) {
                    assertEquals(List.of(id), tagged, "the post waited for the rename and got the renamed tag");
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private long tagsNamed(String name) throws java.sql.SQLException {
        try (java.sql.Connection connection = dataSource.getConnection();
                java.sql.PreparedStatement query = connection.prepareStatement(
                        "select count(*) from term where taxonomy = 'tag' and lower(name) = lower(?)")) {
            query.setString(1, name);
            try (java.sql.ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    @Test
    void changingOnlyCategoriesKeepsARenamedTagAsItIs() {
        String tag = "kept-" + unique();
        JsonPath post = Posts.createPublished("Kept tag " + tag, Map.of("tags", List.of(tag)));
        String tagId = post.getString("tags[0].id");
        admin().body(Map.of("name", "C++ " + tag)).patch("/api/admin/tags/" + tagId).then().statusCode(200);

        admin().body(Map.of("categories", List.of("news-" + tag))).patch("/api/admin/posts/" + post.getString("id"))
                .then().statusCode(200)
                .body("tags.id", equalTo(List.of(tagId)))
                .body("tags.slug", equalTo(List.of(tag)))
                .body("categories.slug", equalTo(List.of("news-" + tag)));
    }

    @Test
    void deletingATagTakesItOffItsPostsAndThePostsStay() {
        String keep = "keep-" + unique();
        String drop = "drop-" + unique();
        JsonPath post = Posts.createPublished("Two tags " + drop, Map.of("tags", List.of(drop, keep)));
        String dropId = post.getString("tags[0].id");

        admin().delete("/api/admin/tags/" + dropId).then().statusCode(204);

        admin().get("/api/admin/posts/" + post.getString("id")).then().statusCode(200)
                .body("tags.slug", equalTo(List.of(keep)))
                .body("hasUnpublishedChanges", equalTo(false));
        content().get("/api/content/posts/" + post.getString("slug")).then().statusCode(200)
                .body("tags.slug", equalTo(List.of(keep)));
        content().get("/api/content/posts?tag=" + drop).then().body("pagination.total", equalTo(0));
    }

    @Test
    void contentApiListsOnlyTermsWithPublishedPosts() {
        String published = "pub-" + unique();
        String draftOnly = "draftonly-" + unique();
        Posts.createPublished("Public " + published, Map.of("categories", List.of(published)));
        Map<String, Object> draft = Posts.draft("Draft " + draftOnly);
        draft.put("categories", List.of(draftOnly));
        Posts.create(draft);

        List<String> slugs = content().get("/api/content/categories?limit=100").then().statusCode(200)
                .extract().jsonPath().getList("items.slug");
        org.hamcrest.MatcherAssert.assertThat(slugs, hasItem(published));
        org.hamcrest.MatcherAssert.assertThat(slugs, not(hasItem(draftOnly)));
        content().get("/api/content/categories/" + published).then().statusCode(200).body("postCount", equalTo(1));
        content().get("/api/content/categories/" + draftOnly).then().statusCode(404);
    }
}
