package dev.cachalot.controlplane.sigv4;

import dev.cachalot.controlplane.sigv4.AuthFaults.IncompleteSignatureFault;
import dev.cachalot.controlplane.sigv4.AuthFaults.InvalidClientTokenIdFault;
import dev.cachalot.controlplane.sigv4.AuthFaults.MissingAuthenticationTokenFault;
import dev.cachalot.controlplane.sigv4.AuthFaults.SignatureDoesNotMatchFault;
import dev.cachalot.controlplane.identity.SigningCredentials;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Verifies AWS Signature Version 4 on incoming requests, in the header form and the presigned
 * (query-string) form, as the AWS SDKs, botocore and the AWS CLI sign them. Written against the
 * SigV4 specification because the SDK's signers cannot verify (they always add headers of their
 * own); checks run in AWS's order: key known, credential scope, time, signature. Errors carry
 * AWS's codes and wording.
 */
public final class SigV4Verifier {

    static final String ALGORITHM = "AWS4-HMAC-SHA256";
    static final Duration MAX_SKEW = Duration.ofMinutes(15);
    private static final long MAX_PRESIGN_EXPIRY_SECONDS = 604_800;
    private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");
    private static final String UNSIGNED_PAYLOAD = "UNSIGNED-PAYLOAD";

    private final String region;
    private final String service;
    private final Function<String, Optional<SigningCredentials>> credentials;

    public SigV4Verifier(String region, String service, Function<String, Optional<SigningCredentials>> credentials) {
        this.region = region;
        this.service = service;
        this.credentials = credentials;
    }

    /** Returns the credentials that signed the request, or throws the fault AWS would answer. */
    public SigningCredentials verify(SignedRequest request, Instant now) {
        String authorization = request.header("authorization");
        Map<String, List<String>> query = decodeQuery(request.rawQuery());
        Signature signature;
        if (authorization != null) {
            signature = parseHeader(authorization, request);
        } else if (query.containsKey("X-Amz-Algorithm")) {
            signature = parsePresigned(query);
        } else {
            throw new MissingAuthenticationTokenFault();
        }

        SigningCredentials creds = credentials.apply(signature.accessKeyId()).orElseThrow(InvalidClientTokenIdFault::new);
        checkScope(signature);
        Instant signedAt = parseDate(signature.amzDate());
        checkTime(signature, signedAt, now);

        byte[] key = signingKey(creds.secretAccessKey(), signature.scopeDate(), signature.scopeRegion(), signature.scopeService());
        String bodyHash = hex(sha256(request.body()));
        if (matches(request, signature, key, bodyHash)) {
            return creds;
        }
        // The SDK presigner may leave the payload unsigned; accept that only when there is no body.
        if (signature.presigned() && request.body().length == 0 && matches(request, signature, key, UNSIGNED_PAYLOAD)) {
            return creds;
        }
        throw new SignatureDoesNotMatchFault(SignatureDoesNotMatchFault.MISMATCH);
    }

    private boolean matches(SignedRequest request, Signature signature, byte[] key, String payloadHash) {
        String canonical = canonicalRequest(request, signature, payloadHash);
        String stringToSign = ALGORITHM + "\n" + signature.amzDate() + "\n" + signature.scope() + "\n"
                + hex(sha256(canonical.getBytes(StandardCharsets.UTF_8)));
        byte[] expected = HexFormat.of().formatHex(hmac(key, stringToSign)).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, signature.signature().toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.US_ASCII));
    }

    private record Signature(String accessKeyId, String scopeDate, String scopeRegion, String scopeService,
                             String terminator, List<String> signedHeaders, String signature, String amzDate,
                             boolean presigned, long expiresSeconds) {
        String scope() {
            return scopeDate + "/" + scopeRegion + "/" + scopeService + "/" + terminator;
        }
    }

    private Signature parseHeader(String authorization, SignedRequest request) {
        String trimmed = authorization.strip();
        int space = trimmed.indexOf(' ');
        String algorithm = space < 0 ? trimmed : trimmed.substring(0, space);
        if (!ALGORITHM.equals(algorithm)) {
            throw new IncompleteSignatureFault("Unsupported AWS 'algorithm': '" + algorithm + "'.");
        }
        Map<String, String> parts = new LinkedHashMap<>();
        for (String part : trimmed.substring(space + 1).split(",")) {
            String p = part.strip();
            int eq = p.indexOf('=');
            if (eq > 0) {
                parts.put(p.substring(0, eq).strip(), p.substring(eq + 1).strip());
            }
        }
        StringBuilder missing = new StringBuilder();
        for (String required : List.of("Credential", "Signature", "SignedHeaders")) {
            if (!parts.containsKey(required)) {
                missing.append("Authorization header requires '").append(required).append("' parameter. ");
            }
        }
        String amzDate = request.header("x-amz-date");
        if (amzDate == null) {
            missing.append("Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header. ");
        }
        if (!missing.isEmpty()) {
            throw new IncompleteSignatureFault(missing + "Authorization=" + authorization);
        }
        String[] credential = splitCredential(parts.get("Credential"));
        return new Signature(credential[0], credential[1], credential[2], credential[3], credential[4],
                List.of(parts.get("SignedHeaders").split(";")), parts.get("Signature"), amzDate, false, 0);
    }

    private Signature parsePresigned(Map<String, List<String>> query) {
        String algorithm = first(query, "X-Amz-Algorithm");
        if (!ALGORITHM.equals(algorithm)) {
            throw new IncompleteSignatureFault("Unsupported AWS 'algorithm': '" + algorithm + "'.");
        }
        StringBuilder missing = new StringBuilder();
        for (String required : List.of("X-Amz-Credential", "X-Amz-Signature", "X-Amz-SignedHeaders", "X-Amz-Date")) {
            if (first(query, required) == null) {
                missing.append("AWS query-string parameters must include '").append(required).append("'. ");
            }
        }
        if (!missing.isEmpty()) {
            throw new IncompleteSignatureFault(missing + "Re-examine the query-string parameters.");
        }
        long expires = MAX_PRESIGN_EXPIRY_SECONDS;
        String expiresParam = first(query, "X-Amz-Expires");
        if (expiresParam != null) {
            try {
                expires = Long.parseLong(expiresParam);
            } catch (NumberFormatException e) {
                throw new IncompleteSignatureFault("X-Amz-Expires must be a number of seconds, got '" + expiresParam + "'.");
            }
            if (expires < 0 || expires > MAX_PRESIGN_EXPIRY_SECONDS) {
                throw new IncompleteSignatureFault("X-Amz-Expires must be between 0 and " + MAX_PRESIGN_EXPIRY_SECONDS + " seconds.");
            }
        }
        String[] credential = splitCredential(first(query, "X-Amz-Credential"));
        return new Signature(credential[0], credential[1], credential[2], credential[3], credential[4],
                List.of(first(query, "X-Amz-SignedHeaders").split(";")), first(query, "X-Amz-Signature"),
                first(query, "X-Amz-Date"), true, expires);
    }

    private static String[] splitCredential(String credential) {
        String[] parts = credential.split("/", -1);
        if (parts.length != 5) {
            throw new IncompleteSignatureFault("Credential must have exactly 5 slash-delimited elements, "
                    + "e.g. keyid/date/region/service/term, got '" + credential + "'");
        }
        return parts;
    }

    private void checkScope(Signature s) {
        StringBuilder problems = new StringBuilder();
        if (!region.equals(s.scopeRegion())) {
            problems.append("Credential should be scoped to a valid region, not '").append(s.scopeRegion()).append("'. ");
        }
        if (!service.equals(s.scopeService())) {
            problems.append("Credential should be scoped to correct service: '").append(service).append("'. ");
        }
        if (!"aws4_request".equals(s.terminator())) {
            problems.append("Credential should be scoped with a valid terminator: 'aws4_request', not '")
                    .append(s.terminator()).append("'. ");
        }
        if (s.amzDate().length() < 8 || !s.amzDate().startsWith(s.scopeDate())) {
            problems.append("Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '")
                    .append(s.scopeDate()).append("' != '")
                    .append(s.amzDate().length() >= 8 ? s.amzDate().substring(0, 8) : s.amzDate())
                    .append("', from '").append(s.amzDate()).append("'.");
        }
        if (!problems.isEmpty()) {
            throw new SignatureDoesNotMatchFault(problems.toString().strip());
        }
    }

    private static Instant parseDate(String amzDate) {
        try {
            return LocalDateTime.parse(amzDate, AMZ_DATE).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw new IncompleteSignatureFault("Date must be in ISO-8601 'basic format'. Got '" + amzDate
                    + "'. See http://en.wikipedia.org/wiki/ISO_8601");
        }
    }

    private static void checkTime(Signature s, Instant signedAt, Instant now) {
        if (s.presigned()) {
            if (now.isAfter(signedAt.plusSeconds(s.expiresSeconds()))) {
                throw new SignatureDoesNotMatchFault("Signature expired: " + s.amzDate() + " is now earlier than "
                        + AMZ_DATE.format(now.minusSeconds(s.expiresSeconds()).atOffset(ZoneOffset.UTC))
                        + " (" + AMZ_DATE.format(now.atOffset(ZoneOffset.UTC)) + " - " + s.expiresSeconds() + " sec.)");
            }
            if (signedAt.isAfter(now.plus(MAX_SKEW))) {
                throw notYetCurrent(s, now);
            }
            return;
        }
        if (signedAt.isBefore(now.minus(MAX_SKEW))) {
            throw new SignatureDoesNotMatchFault("Signature expired: " + s.amzDate() + " is now earlier than "
                    + AMZ_DATE.format(now.minus(MAX_SKEW).atOffset(ZoneOffset.UTC))
                    + " (" + AMZ_DATE.format(now.atOffset(ZoneOffset.UTC)) + " - 15 min.)");
        }
        if (signedAt.isAfter(now.plus(MAX_SKEW))) {
            throw notYetCurrent(s, now);
        }
    }

    private static SignatureDoesNotMatchFault notYetCurrent(Signature s, Instant now) {
        return new SignatureDoesNotMatchFault("Signature not yet current: " + s.amzDate() + " is still later than "
                + AMZ_DATE.format(now.plus(MAX_SKEW).atOffset(ZoneOffset.UTC))
                + " (" + AMZ_DATE.format(now.atOffset(ZoneOffset.UTC)) + " + 15 min.)");
    }

    private static String canonicalRequest(SignedRequest request, Signature s, String payloadHash) {
        StringBuilder sb = new StringBuilder();
        sb.append(request.method()).append('\n');
        sb.append(canonicalUri(request.rawPath())).append('\n');
        sb.append(canonicalQuery(request.rawQuery(), s.presigned())).append('\n');
        for (String name : s.signedHeaders()) {
            List<String> values = request.headers().getOrDefault(name.toLowerCase(java.util.Locale.ROOT), List.of());
            sb.append(name).append(':');
            for (int i = 0; i < values.size(); i++) {
                if (i > 0) {
                    sb.append(',');
                }
                sb.append(values.get(i).strip().replaceAll("\\s+", " "));
            }
            sb.append('\n');
        }
        sb.append('\n');
        sb.append(String.join(";", s.signedHeaders())).append('\n');
        sb.append(payloadHash);
        return sb.toString();
    }

    /** Dot segments removed, then percent-encoded once more (already-encoded bytes get encoded twice). */
    static String canonicalUri(String rawPath) {
        String path = rawPath == null || rawPath.isEmpty() ? "/" : rawPath;
        String normalized;
        try {
            normalized = URI.create("http://h" + path).normalize().getRawPath();
        } catch (IllegalArgumentException e) {
            normalized = path;
        }
        if (normalized == null || normalized.isEmpty()) {
            normalized = "/";
        }
        return rfc3986(normalized, true);
    }

    static String canonicalQuery(String rawQuery, boolean presigned) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return "";
        }
        List<String[]> pairs = new ArrayList<>();
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = percentDecode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : percentDecode(pair.substring(eq + 1));
            if (name.isEmpty() || (presigned && name.equals("X-Amz-Signature"))) {
                continue;
            }
            pairs.add(new String[] {rfc3986(name, false), rfc3986(value, false)});
        }
        pairs.sort((a, b) -> a[0].equals(b[0]) ? a[1].compareTo(b[1]) : a[0].compareTo(b[0]));
        StringBuilder sb = new StringBuilder();
        for (String[] p : pairs) {
            if (!sb.isEmpty()) {
                sb.append('&');
            }
            sb.append(p[0]).append('=').append(p[1]);
        }
        return sb.toString();
    }

    /** Query parameters decoded for reading (not for canonicalization): {@code +} stays a plus. */
    public static Map<String, List<String>> decodeQuery(String rawQuery) {
        Map<String, List<String>> params = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return params;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = percentDecode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : percentDecode(pair.substring(eq + 1));
            params.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        }
        return params;
    }

    private static String first(Map<String, List<String>> query, String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? null : values.getFirst();
    }

    private static String percentDecode(String s) {
        try {
            // URLDecoder turns '+' into a space; SigV4 keeps it literal.
            return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return s; // malformed escapes are signed as sent
        }
    }

    static String rfc3986(String s, boolean keepSlash) {
        StringBuilder sb = new StringBuilder();
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '_' || c == '.' || c == '~' || (keepSlash && c == '/')) {
                sb.append(c);
            } else {
                sb.append('%').append(Character.toUpperCase(Character.forDigit((b >> 4) & 0xf, 16)))
                        .append(Character.toUpperCase(Character.forDigit(b & 0xf, 16)));
            }
        }
        return sb.toString();
    }

    static byte[] signingKey(String secret, String date, String region, String service) {
        byte[] k = hmac(("AWS4" + secret).getBytes(StandardCharsets.UTF_8), date);
        k = hmac(k, region);
        k = hmac(k, service);
        return hmac(k, "aws4_request");
    }

    static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
