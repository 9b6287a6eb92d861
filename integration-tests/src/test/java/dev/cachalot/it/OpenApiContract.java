package dev.cachalot.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.OpenApi31;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * An OpenAPI 3.1 document as a checker of real responses: each response must belong to a
 * documented path and method, have a documented status (or the operation's {@code default}) and
 * content type, carry the documented ETag/Location headers, and its body must validate against
 * the documented schema (JSON Schema 2020-12 with OpenAPI's dialect, {@code $ref}s resolved in
 * the document). It also records which operations were exercised.
 */
final class OpenApiContract {

    private static final String BASE = "https://cachalot.invalid/openapi.json";
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options");

    private final JsonNode document;
    private final SchemaRegistry registry;
    private final Map<String, Pattern> templates = new LinkedHashMap<>();
    private final Set<String> exercised = new TreeSet<>();
    private final List<String> violations = new ArrayList<>();

    OpenApiContract(JsonNode document) {
        this.document = document;
        String json = RestClient.JSON.writeValueAsString(document);
        this.registry = SchemaRegistry.withDialect(OpenApi31.getInstance(), b -> b.schemas(Map.of(BASE, json)));
        for (Iterator<String> it = document.path("paths").propertyNames().iterator(); it.hasNext(); ) {
            String template = it.next();
            templates.put(template, Pattern.compile(template.replaceAll("\\{[^/]+}", "[^/]+")));
        }
    }

    /** Every documented operation as {@code METHOD /path/{template}}. */
    Set<String> documented() {
        Set<String> all = new TreeSet<>();
        document.path("paths").properties().forEach(path -> path.getValue().propertyNames().forEach(method -> {
            if (METHODS.contains(method)) {
                all.add(method.toUpperCase() + " " + path.getKey());
            }
        }));
        return all;
    }

    Set<String> exercised() {
        return exercised;
    }

    List<String> violations() {
        return violations;
    }

    void check(RestClient.Response r) {
        String path = r.path().split("\\?")[0];
        String template = templates.entrySet().stream().filter(e -> e.getValue().matcher(path).matches())
                .map(Map.Entry::getKey).findFirst().orElse(null);
        if (template == null) {
            violations.add(r.method() + " " + path + ": path not documented");
            return;
        }
        String method = r.method().toLowerCase();
        JsonNode operation = document.path("paths").path(template).path(method);
        if (operation.isMissingNode()) {
            violations.add(r.method() + " " + template + ": method not documented");
            return;
        }
        exercised.add(r.method() + " " + template);
        String status = String.valueOf(r.status());
        String pointer = "/paths/" + escape(template) + "/" + method + "/responses/";
        JsonNode response = operation.path("responses").path(status);
        pointer += status;
        if (response.isMissingNode()) {
            response = operation.path("responses").path("default");
            pointer = "/paths/" + escape(template) + "/" + method + "/responses/default";
        }
        if (response.isMissingNode()) {
            violations.add(r + ": status not documented");
            return;
        }
        if (response.has("$ref")) {
            pointer = response.path("$ref").asString().substring(1);
            response = at(pointer);
        }
        for (String header : List.of("ETag", "Location")) {
            if (response.path("headers").has(header) && r.header(header) == null) {
                violations.add(r + ": documented header " + header + " missing");
            }
        }
        JsonNode content = response.path("content");
        if (content.isMissingNode()) {
            if (!r.raw().body().isEmpty()) {
                violations.add(r + ": a body where none is documented");
            }
            return;
        }
        String type = r.contentType();
        if (type == null || !content.has(type)) {
            violations.add(r + ": content type " + type + " not documented (" + content.propertyNames() + ")");
            return;
        }
        Schema schema = registry.getSchema(SchemaLocation.of(BASE + "#" + pointer + "/content/" + escape(type) + "/schema"));
        List<Error> errors = schema.validate(r.json());
        if (!errors.isEmpty()) {
            violations.add(r + ": " + errors);
        }
    }

    void assertClean() {
        if (!violations.isEmpty()) {
            fail("The service and openapi.yaml disagree:\n" + String.join("\n", violations));
        }
        assertThat(exercised).as("operations exercised").isEqualTo(documented());
    }

    private JsonNode at(String pointer) {
        return document.at(pointer);
    }

    private static String escape(String s) {
        return s.replace("~", "~0").replace("/", "~1");
    }
}
