package dev.cachalot.it;

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
import java.util.function.Consumer;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The REST API over HTTP, signed with SigV4 for the service {@code cachalot} by the AWS SDK's signer. */
final class RestClient {

    private static final Set<String> UNSETTABLE = Set.of("host", "content-length");
    static final JsonMapper JSON = JsonMapper.builder().build();

    private final String endpoint;
    private final String keyId;
    private final String secret;
    private final HttpClient http = HttpClient.newHttpClient();
    private final Map<String, String> headers = new LinkedHashMap<>();
    private Consumer<Response> observer = r -> {};

    RestClient(String endpoint, String keyId, String secret) {
        this.endpoint = endpoint;
        this.keyId = keyId;
        this.secret = secret;
    }

    /** Sees every response (the contract test validates each against the document). */
    RestClient observedBy(Consumer<Response> observer) {
        this.observer = observer;
        return this;
    }

    RestClient with(String name, String value) {
        headers.put(name, value);
        return this;
    }

    Response get(String path) {
        return send("GET", path, null, Map.of());
    }

    Response post(String path, String json) {
        return send("POST", path, json, Map.of());
    }

    Response send(String method, String path, String body, Map<String, String> extra) {
        URI uri = URI.create(endpoint + path);
        Map<String, String> all = new LinkedHashMap<>(headers);
        all.putAll(extra);
        if (body != null) {
            all.putIfAbsent("Content-Type", "application/json");
        }
        if (keyId != null) {
            SdkHttpRequest.Builder unsigned = SdkHttpRequest.builder().method(SdkHttpMethod.fromValue(method)).uri(uri);
            all.forEach(unsigned::putHeader);
            SdkHttpRequest signed = AwsV4HttpSigner.create().sign(r -> r
                            .identity(AwsCredentialsIdentity.create(keyId, secret))
                            .request(unsigned.build())
                            .payload(body == null ? null : ContentStreamProvider.fromUtf8String(body))
                            .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "cachalot")
                            .putProperty(AwsV4HttpSigner.REGION_NAME, LocalRegion.REGION)
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
            Response response = new Response(method, path, http.send(request.build(), HttpResponse.BodyHandlers.ofString()));
            observer.accept(response);
            return response;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    record Response(String method, String path, HttpResponse<String> raw) {
        int status() {
            return raw.statusCode();
        }

        JsonNode json() {
            return JSON.readTree(raw.body());
        }

        String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }

        String contentType() {
            String type = header("Content-Type");
            return type == null ? null : type.split(";")[0].strip();
        }

        @Override
        public String toString() {
            return method + " " + path + " -> " + raw.statusCode() + " " + raw.body();
        }
    }
}
