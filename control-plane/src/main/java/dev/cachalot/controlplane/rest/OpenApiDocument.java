package dev.cachalot.controlplane.rest;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The REST API's contract, hand-written in {@code api-spec/openapi.yaml} (the console and the CLI
 * are its clients; the server is checked against it, not the other way round), served as
 * {@code /api/v1/openapi.json} and {@code /api/v1/openapi.yaml}, and browsable with Swagger UI
 * at {@code /api/v1/docs}. All three are public.
 */
@RestController
class OpenApiDocument {

    static final String RESOURCE = "/cachalot/api/openapi.yaml";

    private final String yaml;
    private final byte[] json;
    private final String swaggerUiVersion;

    OpenApiDocument(JsonMapper jsonMapper) {
        this.yaml = read(RESOURCE);
        JsonNode document = YAMLMapper.builder().build().readTree(yaml);
        this.json = jsonMapper.writeValueAsBytes(document);
        this.swaggerUiVersion = webjarVersion("org.webjars", "swagger-ui");
    }

    @GetMapping(RestRequest.PREFIX + "/openapi.json")
    ResponseEntity<byte[]> json() {
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(json);
    }

    @GetMapping(RestRequest.PREFIX + "/openapi.yaml")
    ResponseEntity<String> yaml() {
        return ResponseEntity.ok().contentType(MediaType.parseMediaType("application/yaml;charset=UTF-8")).body(yaml);
    }

    @GetMapping({RestRequest.PREFIX + "/docs", RestRequest.PREFIX + "/docs/"})
    ResponseEntity<String> docs() {
        String ui = "/webjars/swagger-ui/" + swaggerUiVersion;
        String page = """
                <!DOCTYPE html>
                <html lang="en">
                <head>
                  <meta charset="utf-8">
                  <meta name="viewport" content="width=device-width, initial-scale=1">
                  <title>Cachalot REST API</title>
                  <link rel="stylesheet" href="%1$s/swagger-ui.css">
                </head>
                <body>
                  <div id="swagger-ui"></div>
                  <script src="%1$s/swagger-ui-bundle.js"></script>
                  <script>
                    window.ui = SwaggerUIBundle({url: "%2$s/openapi.json", dom_id: "#swagger-ui", deepLinking: true,
                      withCredentials: true});
                  </script>
                </body>
                </html>
                """.formatted(ui, RestRequest.PREFIX);
        return ResponseEntity.ok().contentType(MediaType.parseMediaType("text/html;charset=UTF-8")).body(page);
    }

    private static String read(String resource) {
        try (InputStream in = OpenApiDocument.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing " + resource + " (api-spec/openapi.yaml)");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The version of a WebJar on the class path, from its Maven metadata. */
    static String webjarVersion(String groupId, String artifactId) {
        String resource = "/META-INF/maven/" + groupId + "/" + artifactId + "/pom.properties";
        try (InputStream in = OpenApiDocument.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing WebJar " + groupId + ":" + artifactId);
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
