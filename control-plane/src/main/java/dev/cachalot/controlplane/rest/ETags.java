package dev.cachalot.controlplane.rest;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.function.Function;
import java.util.function.Predicate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Entity tags: a strong tag computed from the resource's JSON representation, so it changes
 * exactly when what a client reads changes (status, endpoints, settings). A change with
 * {@code If-Match} goes through only while the resource still has one of the given tags; the
 * service checks it inside its transaction (a predicate on its view), so a concurrent change
 * cannot slip in between the check and the write.
 */
final class ETags {

    private ETags() {}

    static String of(JsonMapper json, Object representation) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(json.writeValueAsBytes(representation));
            return "\"" + Base64.getUrlEncoder().withoutPadding().encodeToString(digest).substring(0, 27) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The precondition of an {@code If-Match} header on a service view: always true without the
     * header; {@code *} matches any existing resource; weak tags never match (RFC 9110 strong
     * comparison).
     */
    static <V> Predicate<V> ifMatch(String header, JsonMapper json, Function<V, ?> representation) {
        if (header == null || header.isBlank()) {
            return v -> true;
        }
        return v -> {
            String current = of(json, representation.apply(v));
            for (String tag : header.split(",")) {
                String t = tag.strip();
                if (t.equals("*") || t.equals(current)) {
                    return true;
                }
            }
            return false;
        };
    }
}
