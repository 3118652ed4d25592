package io.inkwell.common;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.inkwell.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** openapi.yaml and the code describe the same API, and the server serves the file itself. */
@QuarkusTest
class ContractTest {

    private static final Pattern REGEX_TEMPLATE = Pattern.compile("\\{(\\w+):\\s*([^}]+)}");

    @Test
    void everyServedRouteIsDocumentedAndEveryDocumentedRouteIsServed() throws Exception {
        assertEquals(documentedRoutes(), servedRoutes());
    }

    @Test
    void serverPublishesTheHandWrittenContract() {
        given().get("/q/openapi").then().statusCode(200).body(containsString("Inkwell API"));
        given().get("/q/health/ready").then().statusCode(200).body(containsString("UP"));
    }

    private static Set<String> documentedRoutes() throws IOException {
        JsonNode spec = new ObjectMapper(new YAMLFactory()).readTree(Files.readString(Api.CONTRACT_FILE));
        Set<String> routes = new TreeSet<>();
        spec.get("paths").fields().forEachRemaining(path -> path.getValue().fieldNames().forEachRemaining(method -> {
            if (Set.of("get", "put", "post", "delete", "patch", "head", "options").contains(method)) {
                routes.add(method.toUpperCase(Locale.ROOT) + " " + normalize(path.getKey()));
            }
        }));
        return routes;
    }

    /** Routes of the resource classes compiled from src/main (test-only resources excluded). */
    private static Set<String> servedRoutes() throws Exception {
        java.nio.file.Path classes = java.nio.file.Path.of("target", "classes");
        Set<String> routes = new TreeSet<>();
        List<java.nio.file.Path> classFiles;
        try (Stream<java.nio.file.Path> files = Files.walk(classes)) {
            classFiles = files.filter(f -> f.toString().endsWith(".class") && !f.toString().contains("$")).toList();
        }
        for (java.nio.file.Path file : classFiles) {
            String name = classes.relativize(file).toString().replace(".class", "").replace('/', '.');
            Class<?> type = Class.forName(name, false, ContractTest.class.getClassLoader());
            Path classPath = type.getAnnotation(Path.class);
            if (classPath == null) {
                continue;
            }
            for (Method method : type.getDeclaredMethods()) {
                String verb = httpMethod(method);
                if (verb == null) {
                    continue;
                }
                Path methodPath = method.getAnnotation(Path.class);
                String full = classPath.value() + (methodPath == null ? "" : "/" + methodPath.value());
                for (String expanded : expand(full.replaceAll("/+", "/"))) {
                    routes.add(verb + " " + normalize(expanded));
                }
            }
        }
        return routes;
    }

    private static String httpMethod(Method method) {
        for (Annotation annotation : method.getAnnotations()) {
            HttpMethod http = annotation.annotationType().getAnnotation(HttpMethod.class);
            if (http != null) {
                return http.value();
            }
        }
        return null;
    }

    /** "{kind: posts|pages}" stands for two literal paths. */
    private static List<String> expand(String path) {
        Matcher matcher = REGEX_TEMPLATE.matcher(path);
        if (!matcher.find()) {
            return List.of(path);
        }
        List<String> expanded = new ArrayList<>();
        for (String alternative : matcher.group(2).split("\\|")) {
            expanded.addAll(expand(path.substring(0, matcher.start()) + alternative.strip() + path.substring(matcher.end())));
        }
        return expanded;
    }

    private static String normalize(String path) {
        String trimmed = path.endsWith("/") && path.length() > 1 ? path.substring(0, path.length() - 1) : path;
        return trimmed.replaceAll("\\{[^}]+}", "{}");
    }
}
