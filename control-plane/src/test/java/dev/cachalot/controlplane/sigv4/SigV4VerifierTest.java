package dev.cachalot.controlplane.sigv4;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cachalot.controlplane.fault.CachalotFault;
import dev.cachalot.controlplane.identity.Caller;
import dev.cachalot.controlplane.identity.Policy;
import dev.cachalot.controlplane.identity.SigningCredentials;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/** SigV4 verification against requests signed by the AWS SDK's own signer. */
class SigV4VerifierTest {

    private static final String KEY_ID = "AKIAEXAMPLEKEY000001";
    private static final String SECRET = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
    private static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");
    private static final String BODY = "Action=DescribeCacheClusters&Version=2015-02-02&CacheClusterId=a+b%2F%C3%BC&MaxRecords=20";

    private final SigV4Verifier verifier = new SigV4Verifier("local-1", "elasticache",
            id -> id.equals(KEY_ID)
                    ? Optional.of(new SigningCredentials(new Caller("123456789012", "admin", KEY_ID, Policy.FULL_ACCESS, false), SECRET))
                    : Optional.empty());

    @Test
    void acceptsAHeaderSignedRequest() {
        SignedRequest request = sign(KEY_ID, SECRET, "local-1", "elasticache", NOW, BODY, false);
        assertThat(verifier.verify(request, NOW).caller().accountId()).isEqualTo("123456789012");
    }

    @Test
    void acceptsAPresignedRequestUntilItExpires() {
        SignedRequest request = sign(KEY_ID, SECRET, "local-1", "elasticache", NOW, "", true);
        assertThat(verifier.verify(request, NOW.plusSeconds(299)).caller().accessKeyId()).isEqualTo(KEY_ID);
        assertFault(() -> verifier.verify(request, NOW.plusSeconds(301)), "SignatureDoesNotMatch", 403, "Signature expired");
    }

    @Test
    void unsignedRequestIsMissingAuthenticationToken() {
        SignedRequest request = new SignedRequest("POST", "/", null, Map.of("host", List.of("localhost:8080")),
                BODY.getBytes(StandardCharsets.UTF_8));
        assertFault(() -> verifier.verify(request, NOW), "MissingAuthenticationToken", 403,
                "Request is missing Authentication Token");
    }

    @Test
    void wrongSecretDoesNotMatch() {
        SignedRequest request = sign(KEY_ID, SECRET + "x", "local-1", "elasticache", NOW, BODY, false);
        assertFault(() -> verifier.verify(request, NOW), "SignatureDoesNotMatch", 403,
                "The request signature we calculated does not match the signature you provided.");
    }

    @Test
    void unknownKeyIsAnInvalidClientTokenId() {
        SignedRequest request = sign("AKIAUNKNOWNKEY000000", SECRET, "local-1", "elasticache", NOW, BODY, false);
        assertFault(() -> verifier.verify(request, NOW), "InvalidClientTokenId", 403,
                "The security token included in the request is invalid.");
    }

    @Test
    void aTamperedBodyDoesNotMatch() {
        SignedRequest signed = sign(KEY_ID, SECRET, "local-1", "elasticache", NOW, BODY, false);
        SignedRequest tampered = new SignedRequest(signed.method(), signed.rawPath(), signed.rawQuery(), signed.headers(),
                BODY.replace("MaxRecords=20", "MaxRecords=21").getBytes(StandardCharsets.UTF_8));
        assertFault(() -> verifier.verify(tampered, NOW), "SignatureDoesNotMatch", 403, "does not match");
    }

    @Test
    void anUnsignedPayloadIsRejectedWhenTheBodyMatters() {
        SignedRequest signed = sign(KEY_ID, SECRET, "local-1", "elasticache", NOW, BODY, false, false);
        assertThat(signed.header("x-amz-content-sha256")).isEqualTo("UNSIGNED-PAYLOAD");
        assertFault(() -> verifier.verify(signed, NOW), "SignatureDoesNotMatch", 403, "does not match");
    }

    @Test
    void theClockMayBeOffBy15MinutesAtMost() {
        SignedRequest request = sign(KEY_ID, SECRET, "local-1", "elasticache", NOW, BODY, false);
        assertThat(verifier.verify(request, NOW.plus(Duration.ofMinutes(14))).caller().accessKeyId()).isEqualTo(KEY_ID);
        assertFault(() -> verifier.verify(request, NOW.plus(Duration.ofMinutes(16))), "SignatureDoesNotMatch", 403,
                "Signature expired: 20261126T100000Z is now earlier than 20261126T100100Z (20261126T101600Z - 15 min.)");
        assertFault(() -> verifier.verify(request, NOW.minus(Duration.ofMinutes(16))), "SignatureDoesNotMatch", 403,
                "Signature not yet current: 20261126T100000Z is still later than");
    }

    @Test
    void theCredentialScopeMustNameThisRegionAndService() {
        assertFault(() -> verifier.verify(sign(KEY_ID, SECRET, "us-east-1", "elasticache", NOW, BODY, false), NOW),
                "SignatureDoesNotMatch", 403, "Credential should be scoped to a valid region, not 'us-east-1'.");
        assertFault(() -> verifier.verify(sign(KEY_ID, SECRET, "local-1", "monitoring", NOW, BODY, false), NOW),
                "SignatureDoesNotMatch", 403, "Credential should be scoped to correct service: 'elasticache'.");
    }

    @Test
    void malformedAuthorizationHeadersAreIncompleteSignatures() {
        assertFault(() -> verifier.verify(withAuthorization("AWS4-HMAC-SHA256 Credential=" + KEY_ID
                        + "/20261126/local-1/elasticache/aws4_request"), NOW),
                "IncompleteSignature", 400, "Authorization header requires 'Signature' parameter.");
        assertFault(() -> verifier.verify(withAuthorization("AWS4-HMAC-SHA256 Credential=" + KEY_ID
                        + "/20261126/local-1, SignedHeaders=host, Signature=00"), NOW),
                "IncompleteSignature", 400, "Credential must have exactly 5 slash-delimited elements");
        assertFault(() -> verifier.verify(withAuthorization("AWS3 foo"), NOW),
                "IncompleteSignature", 400, "Unsupported AWS 'algorithm': 'AWS3'.");
    }

    @Test
    void canonicalFormsFollowTheSpecification() {
        assertThat(SigV4Verifier.canonicalUri("/a%20b/c%2Fd/%C3%BC")).isEqualTo("/a%2520b/c%252Fd/%25C3%25BC");
        assertThat(SigV4Verifier.canonicalUri("")).isEqualTo("/");
        assertThat(SigV4Verifier.canonicalUri("/x/./y/../z")).isEqualTo("/x/z");
        assertThat(SigV4Verifier.canonicalQuery("b=2&a=1&a=0&c", false)).isEqualTo("a=0&a=1&b=2&c=");
        assertThat(SigV4Verifier.canonicalQuery("X-Amz-Signature=abc&k=a+b%20c", true)).isEqualTo("k=a%2Bb%20c");
    }

    private static SignedRequest withAuthorization(String authorization) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put("host", List.of("localhost:8080"));
        headers.put("x-amz-date", List.of("20261126T100000Z"));
        headers.put("authorization", List.of(authorization));
        return new SignedRequest("POST", "/", null, headers, BODY.getBytes(StandardCharsets.UTF_8));
    }

    private static void assertFault(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String code, int status, String message) {
        assertThatThrownBy(call).isInstanceOfSatisfying(CachalotFault.class, f -> {
            assertThat(f.code()).isEqualTo(code);
            assertThat(f.httpStatus()).isEqualTo(status);
            assertThat(f.getMessage()).contains(message);
        });
    }

    static SignedRequest sign(String keyId, String secret, String region, String service, Instant at, String body, boolean presign) {
        return sign(keyId, secret, region, service, at, body, presign, true);
    }

    /** Signs with the AWS SDK for Java v2's SigV4 signer, then turns the result into what a server receives. */
    static SignedRequest sign(String keyId, String secret, String region, String service, Instant at, String body,
                              boolean presign, boolean signPayload) {
        SdkHttpRequest.Builder http = SdkHttpRequest.builder()
                .method(presign && body.isEmpty() ? SdkHttpMethod.GET : SdkHttpMethod.POST)
                // The SDK leaves a payload unsigned only over HTTPS; the scheme is not part of the signature.
                .uri(URI.create((signPayload ? "http" : "https") + "://localhost:8080/"
                        + (presign ? "?Action=DescribeCacheClusters&Version=2015-02-02" : "")));
        if (!body.isEmpty()) {
            http.putHeader("Content-Type", "application/x-www-form-urlencoded; charset=utf-8");
        }
        var signed = AwsV4HttpSigner.create().sign(r -> {
            r.identity(AwsCredentialsIdentity.create(keyId, secret))
                    .request(http.build())
                    .payload(body.isEmpty() ? null : ContentStreamProvider.fromUtf8String(body))
                    .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, service)
                    .putProperty(AwsV4HttpSigner.REGION_NAME, region)
                    .putProperty(HttpSigner.SIGNING_CLOCK, Clock.fixed(at, ZoneOffset.UTC))
                    .putProperty(AwsV4FamilyHttpSigner.PAYLOAD_SIGNING_ENABLED, signPayload);
            if (presign) {
                r.putProperty(AwsV4FamilyHttpSigner.AUTH_LOCATION, AwsV4FamilyHttpSigner.AuthLocation.QUERY_STRING)
                        .putProperty(AwsV4FamilyHttpSigner.EXPIRATION_DURATION, Duration.ofMinutes(5));
            }
        });
        SdkHttpRequest out = signed.request();
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put("host", List.of("localhost:8080"));
        out.headers().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), new ArrayList<>(values)));
        String rawQuery = out.encodedQueryParameters().orElse(null);
        return new SignedRequest(out.method().name(), out.encodedPath().isEmpty() ? "/" : out.encodedPath(), rawQuery, headers,
                body.getBytes(StandardCharsets.UTF_8));
    }
}
