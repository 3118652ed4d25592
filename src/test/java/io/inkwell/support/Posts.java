package io.inkwell.support;

import static io.inkwell.support.Api.admin;

import io.restassured.path.json.JsonPath;
import java.util.HashMap;
import java.util.Map;

/** Test data through the public Admin API, the way a user would make it. */
public final class Posts {

    private Posts() {
    }

    public static Map<String, Object> draft(String title) {
        Map<String, Object> body = new HashMap<>();
        body.put("title", title);
        body.put("markdown", "Some **bold** words about " + title + ".");
        return body;
    }

    public static JsonPath create(Map<String, Object> body) {
        return admin().body(body).post("/api/admin/posts").then().statusCode(201).extract().jsonPath();
    }

    public static JsonPath createPublished(String title, Map<String, Object> extra) {
        Map<String, Object> body = draft(title);
        body.put("status", "published");
        body.putAll(extra);
        return create(body);
    }

    public static JsonPath publish(String id) {
        return admin().body("{}").post("/api/admin/posts/" + id + "/publish").then().statusCode(200)
                .extract().jsonPath();
    }

    public static long adminTotal() {
        return admin().get("/api/admin/posts?limit=1").then().statusCode(200).extract().jsonPath()
                .getLong("pagination.total");
    }
}
