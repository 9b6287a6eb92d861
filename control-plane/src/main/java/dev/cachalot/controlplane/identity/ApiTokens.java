package dev.cachalot.controlplane.identity;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * API tokens for {@code Authorization: Bearer}: derived from an access key, so there is nothing
 * new to store, rotate or revoke. {@code cachalot_<access key id>_<mac>}, where the MAC is
 * base64url(HMAC-SHA256(key = secret access key, "cachalot-api-token/v1/" + access key id)).
 * Anyone holding the secret can compute the token; the token does not reveal the secret. A
 * token stops working when its key is deactivated or deleted.
 */
public final class ApiTokens {

    static final String PREFIX = "cachalot_";
    private static final String CONTEXT = "cachalot-api-token/v1/";

    private ApiTokens() {}

    public static String derive(String accessKeyId, String secretAccessKey) {
        return PREFIX + accessKeyId + "_" + mac(accessKeyId, secretAccessKey);
    }

    /** The access key id a token names, if it is shaped like a token at all. */
    static Optional<String> accessKeyId(String token) {
        if (token == null || !token.startsWith(PREFIX)) {
            return Optional.empty();
        }
        int end = token.indexOf('_', PREFIX.length());
        return end <= PREFIX.length() ? Optional.empty() : Optional.of(token.substring(PREFIX.length(), end));
    }

    static boolean matches(String token, String accessKeyId, String secretAccessKey) {
        byte[] expected = derive(accessKeyId, secretAccessKey).getBytes(StandardCharsets.UTF_8);
        return java.security.MessageDigest.isEqual(expected, token.getBytes(StandardCharsets.UTF_8));
    }

    private static String mac(String accessKeyId, String secretAccessKey) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secretAccessKey.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(mac.doFinal((CONTEXT + accessKeyId).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
