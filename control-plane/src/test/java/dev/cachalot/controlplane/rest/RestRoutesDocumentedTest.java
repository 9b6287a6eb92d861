package dev.cachalot.controlplane.rest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cachalot.controlplane.support.ControlPlaneTestBase;
import dev.cachalot.controlplane.support.RestClient;
import java.io.InputStream;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The other half of the contract check (the integration tests call every documented operation):
 * every operation the service has under {@code /api/v1} is in api-spec/openapi.yaml, and the
 * document and its browser are served.
 */
class RestRoutesDocumentedTest extends ControlPlaneTestBase {

    /** Served beside the contract, not part of it. */
    private static final Set<String> NOT_OPERATIONS = Set.of("/api/v1/**", "/api/v1/openapi.yaml", "/api/v1/docs", "/api/v1/docs/");

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    @Test
    void everyOperationIsDocumented() throws Exception {
        JsonNode document;
        try (InputStream in = getClass().getResourceAsStream(OpenApiDocument.RESOURCE)) {
            document = YAMLMapper.builder().build().readTree(in);
        }
        Set<String> served = new TreeSet<>();
        mappings.getHandlerMethods().forEach((info, method) -> {
            if (!method.getBeanType().getPackageName().equals(RestConfiguration.class.getPackageName())) {
                return;
            }
            for (String pattern : info.getPatternValues()) {
                if (NOT_OPERATIONS.contains(pattern)) {
                    continue;
                }
                info.getMethodsCondition().getMethods().forEach(m -> served.add(m.name() + " " + pattern));
            }
        });
        assertThat(served).hasSizeGreaterThan(20);
        Set<String> undocumented = new TreeSet<>();
        for (String operation : served) {
            String[] parts = operation.split(" ");
            if (document.path("paths").path(parts[1]).path(parts[0].toLowerCase()).isMissingNode()) {
                undocumented.add(operation);
            }
        }
        assertThat(undocumented).as("operations missing from api-spec/openapi.yaml").isEmpty();
    }

    @Test
    void theDocumentAndSwaggerUiAreServed() {
        RestClient anonymous = RestClient.anonymous(port);
        RestClient.Response json = anonymous.get("/api/v1/openapi.json");
        assertThat(json.json().path("openapi").asString()).isEqualTo("3.1.0");
        assertThat(anonymous.get("/api/v1/openapi.yaml").body()).startsWith("openapi: 3.1.0");
        RestClient.Response docs = anonymous.get("/api/v1/docs");
        assertThat(docs.header("Content-Type")).startsWith("text/html");
        Matcher script = Pattern.compile("src=\"(/webjars/swagger-ui/[^\"]+\\.js)\"").matcher(docs.body());
        assertThat(script.find()).isTrue();
        assertThat(anonymous.get(script.group(1)).status()).isEqualTo(200);
    }
}
