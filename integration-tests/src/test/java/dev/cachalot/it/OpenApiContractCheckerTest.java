package dev.cachalot.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SSLSession;
import org.junit.jupiter.api.Test;
import tools.jackson.dataformat.yaml.YAMLMapper;

/** The contract checker itself catches what it is there to catch (it would pass everything if it were broken). */
class OpenApiContractCheckerTest {

    private final OpenApiContract contract = new OpenApiContract(YAMLMapper.builder().build()
            .readTree(read(Path.of(System.getProperty("cachalot.openapi")))));

    @Test
    void aValidProblemPasses() {
        contract.check(response("GET", "/api/v1/cache-clusters/x", 404, "application/problem+json",
                "{\"type\":\"urn:cachalot:problem:CacheClusterNotFound\",\"title\":\"CacheClusterNotFound\",\"status\":404,"
                        + "\"code\":\"CacheClusterNotFound\"}", Map.of()));
        assertThat(contract.violations()).isEmpty();
        assertThat(contract.exercised()).containsExactly("GET /api/v1/cache-clusters/{cacheClusterId}");
    }

    @Test
    void undocumentedMembersWrongTypesAndMissingHeadersAreCaught() {
        contract.check(response("GET", "/api/v1/me", 200, "application/json",
                "{\"accountId\":\"1\",\"userName\":\"a\",\"arn\":\"x\",\"policy\":\"FullAccess\",\"systemAdmin\":true,\"extra\":1}", Map.of()));
        contract.check(response("GET", "/api/v1/me", 200, "application/json",
                "{\"accountId\":\"1\",\"userName\":\"a\",\"arn\":\"x\",\"policy\":\"Everything\",\"systemAdmin\":\"yes\"}", Map.of()));
        contract.check(response("GET", "/api/v1/accounts/123456789012", 200, "application/json",
                "{\"accountId\":\"123456789012\",\"name\":\"a\",\"admin\":false,\"createTime\":\"2026-01-01T00:00:00Z\","
                        + "\"quotas\":{\"cacheClusters\":1,\"cacheNodes\":1},\"ownQuotas\":{\"cacheClusters\":false,\"cacheNodes\":false}}",
                Map.of()));
        contract.check(response("PUT", "/api/v1/me", 200, "application/json", "{}", Map.of()));
        contract.check(response("GET", "/api/v1/rockets", 200, "application/json", "{}", Map.of()));
        assertThat(contract.violations()).hasSize(5);
        assertThat(contract.violations().get(0)).contains("extra");
        assertThat(contract.violations().get(1)).contains("policy").contains("systemAdmin");
        assertThat(contract.violations().get(2)).contains("ETag");
        assertThat(contract.violations().get(3)).contains("method not documented");
        assertThat(contract.violations().get(4)).contains("path not documented");
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static RestClient.Response response(String method, String path, int status, String type, String body,
                                                Map<String, List<String>> headers) {
        Map<String, List<String>> all = new java.util.HashMap<>(headers);
        all.put("Content-Type", List.of(type));
        HttpHeaders h = HttpHeaders.of(all, (a, b) -> true);
        return new RestClient.Response(method, path, new HttpResponse<>() {
            public int statusCode() { return status; }
            public HttpRequest request() { return HttpRequest.newBuilder(URI.create("http://x" + path)).build(); }
            public Optional<HttpResponse<String>> previousResponse() { return Optional.empty(); }
            public HttpHeaders headers() { return h; }
            public String body() { return body; }
            public Optional<SSLSession> sslSession() { return Optional.empty(); }
            public URI uri() { return URI.create("http://x" + path); }
            public HttpClient.Version version() { return HttpClient.Version.HTTP_1_1; }
        });
    }
}
