package dev.cachalot.controlplane.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.elasticache.ElastiCacheClient;

/** The AWS SDK for Java v2 pointed at a control plane, and raw signed requests for what the SDK cannot send. */
public final class AwsClients {

    public static final String REGION = "local-1";
    private static final Set<String> UNSETTABLE = Set.of("host", "content-length");

    private AwsClients() {}

    public static ElastiCacheClient elastiCache(int port, String keyId, String secret) {
        return ElastiCacheClient.builder()
                .endpointOverride(URI.create("http://localhost:" + port))
                .region(Region.of(REGION))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(keyId, secret)))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(o -> o.retryStrategy(r -> r.maxAttempts(1)).apiCallTimeout(Duration.ofSeconds(30)))
                .build();
    }

    /** POSTs a form body to {@code /}, signed with SigV4 for ElastiCache (or unsigned when keyId is null). */
    public static HttpResponse<String> post(int port, String body, String keyId, String secret) throws IOException, InterruptedException {
        SdkHttpRequest request = SdkHttpRequest.builder()
                .method(SdkHttpMethod.POST)
                .uri(URI.create("http://localhost:" + port + "/"))
                .putHeader("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
                .build();
        if (keyId != null) {
            request = AwsV4HttpSigner.create().sign(r -> r
                    .identity(AwsCredentialsIdentity.create(keyId, secret))
                    .request(SdkHttpRequest.builder()
                            .method(SdkHttpMethod.POST)
                            .uri(URI.create("http://localhost:" + port + "/"))
                            .putHeader("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
                            .build())
                    .payload(ContentStreamProvider.fromUtf8String(body))
                    .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "elasticache")
                    .putProperty(AwsV4HttpSigner.REGION_NAME, REGION)
                    .putProperty(HttpSigner.SIGNING_CLOCK, java.time.Clock.fixed(Instant.now(), java.time.ZoneOffset.UTC)))
                    .request();
        }
        HttpRequest.Builder http = HttpRequest.newBuilder(request.getUri()).POST(HttpRequest.BodyPublishers.ofString(body));
        request.headers().forEach((name, values) -> {
            if (!UNSETTABLE.contains(name.toLowerCase(java.util.Locale.ROOT))) {
                values.forEach(v -> http.header(name, v));
            }
        });
        try (HttpClient client = HttpClient.newHttpClient()) {
            return client.send(http.build(), HttpResponse.BodyHandlers.ofString());
        }
    }
}
