package dev.cachalot.controlplane.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The REST API over real HTTP, authenticated as a client would: SigV4 signed by the AWS SDK's own
 * signer for the service {@code cachalot}, a bearer token, a console session's cookie, or nothing.
 */
public final class RestClient {

    private static final Set<String> UNSETTABLE = Set.of("host", "content-length");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final int port;
    private final String keyId;
    private final String secret;
    private final String bearer;
    private final Map<String, String> headers = new LinkedHashMap<>();
    private final HttpClient http;

    private RestClient(int port, String keyId, String secret, String bearer, HttpClient http) {
        this.port = port;
        this.keyId = keyId;
        this.secret = secret;
        this.bearer = bearer;
        this.http = http == null ? HttpClient.newHttpClient() : http;
    }

    public static RestClient sigV4(int port, String keyId, String secret) {
        return new RestClient(port, keyId, secret, null, null);
    }

    public static RestClient bearer(int port, String token) {
        return new RestClient(port, null, null, token, null);
    }

    public static RestClient anonymous(int port) {
        return new RestClient(port, null, null, null, null);
    }

    /** Requests through a client that keeps cookies (a signed-in console session). */
    public static RestClient session(int port, HttpClient browser) {
        return new RestClient(port, null, null, null, browser);
    }

    /** A header sent with every request of this client. */
    public RestClient with(String name, String value) {
        headers.put(name, value);
        return this;
    }

    public Response get(String path) {
        return send("GET", path, null, Map.of());
    }

    public Response post(String path, String json) {
        return send("POST", path, json, Map.of());
    }

    public Response post(String path, String json, Map<String, String> extra) {
        return send("POST", path, json, extra);
    }

    public Response patch(String path, String json, Map<String, String> extra) {
        return send("PATCH", path, json, extra);
    }

    public Response delete(String path, Map<String, String> extra) {
        return send("DELETE", path, null, extra);
    }

    public Response send(String method, String path, String body, Map<String, String> extra) {
        return send(method, path, body, body, extra);
    }

    /** Signs one body and sends another, as a tampering proxy would. */
    public Response send(String method, String path, String signedBody, String body, Map<String, String> extra) {
        URI uri = URI.create("http://localhost:" + port + path);
        Map<String, String> all = new LinkedHashMap<>(headers);
        all.putAll(extra);
        if (body != null) {
            all.putIfAbsent("Content-Type", "application/json");
        }
        all.putIfAbsent("Accept", "application/json");
        if (bearer != null) {
            all.put("Authorization", "Bearer " + bearer);
        }
        if (keyId != null) {
            SdkHttpRequest.Builder unsigned = SdkHttpRequest.builder().method(SdkHttpMethod.fromValue(method)).uri(uri);
            all.forEach(unsigned::putHeader);
            SdkHttpRequest signed = AwsV4HttpSigner.create().sign(r -> r
                            .identity(AwsCredentialsIdentity.create(keyId, secret))
                            .request(unsigned.build())
                            .payload(signedBody == null ? null : ContentStreamProvider.fromUtf8String(signedBody))
                            .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "cachalot")
                            .putProperty(AwsV4HttpSigner.REGION_NAME, AwsClients.REGION)
                            .putProperty(HttpSigner.SIGNING_CLOCK, Clock.fixed(Instant.now(), ZoneOffset.UTC)))
                    .request();
            all.clear();
            signed.headers().forEach((name, values) -> all.put(name, String.join(",", values)));
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        all.forEach((name, value) -> {
            if (!UNSETTABLE.contains(name.toLowerCase(Locale.ROOT))) {
                request.header(name, value);
            }
        });
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A response with its body parsed (when it is JSON). */
    public record Response(HttpResponse<String> raw) {
        public int status() {
            return raw.statusCode();
        }

        public String body() {
            return raw.body();
        }

        public JsonNode json() {
            return JSON.readTree(raw.body());
        }

        public String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }

        /** The {@code code} of a problem document. */
        public String code() {
            return json().path("code").asString();
        }

        @Override
        public String toString() {
            return raw.request().method() + " " + raw.uri() + " -> " + raw.statusCode() + " " + raw.body();
        }
    }
}
