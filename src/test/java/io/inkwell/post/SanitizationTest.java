package io.inkwell.post;

import static io.inkwell.support.Api.content;
import static io.inkwell.support.Api.unique;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

import io.inkwell.support.Posts;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Whatever the Markdown contains, the HTML that leaves the API cannot run script. */
@QuarkusTest
class SanitizationTest {

    private static final String HOSTILE = """
            Hello <script>alert('x')</script> world.

            <img src="https://example.com/a.png" onerror="alert(1)" alt="pic">

            <a href="javascript:alert(2)">click</a> and [also](javascript:alert(3)) and \
            <a href="JaVaScRiPt:alert(4)" onclick="steal()">this</a>

            <div onmouseover="alert(5)"><iframe src="https://evil.example"></iframe>kept text</div>

            <svg onload="alert(6)"></svg><style>body{display:none}</style>
            """;

    @Test
    void scriptsEventHandlersAndJavascriptUrlsNeverReachTheHtml() {
        JsonPath admin = Posts.createPublished("Hostile " + unique(), Map.of("markdown", HOSTILE));
        String adminHtml = admin.getString("html");
        String publicHtml = content().get("/api/content/posts/" + admin.getString("slug")).then().statusCode(200)
                .body("html", containsString("kept text"))
                .body("html", containsString("<img src=\"https://example.com/a.png\" alt=\"pic\" />"))
                .extract().jsonPath().getString("html");

        for (String html : new String[] {adminHtml, publicHtml}) {
            org.hamcrest.MatcherAssert.assertThat(html.toLowerCase(), not(containsString("<script")));
            org.hamcrest.MatcherAssert.assertThat(html.toLowerCase(), not(containsString("javascript:")));
            org.hamcrest.MatcherAssert.assertThat(html.toLowerCase(), not(containsString("onerror")));
            org.hamcrest.MatcherAssert.assertThat(html.toLowerCase(), not(containsString("onclick")));
            org.hamcrest.MatcherAssert.assertThat(html.toLowerCase(), not(containsString("onmouseover")));
            org.hamcrest.MatcherAssert.assertThat(html.toLowerCase(), not(containsString("onload")));
            org.hamcrest.MatcherAssert.assertThat(html.toLowerCase(), not(containsString("<iframe")));
            org.hamcrest.MatcherAssert.assertThat(html.toLowerCase(), not(containsString("<style")));
        }
    }
}
