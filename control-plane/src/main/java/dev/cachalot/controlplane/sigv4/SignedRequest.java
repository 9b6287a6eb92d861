package dev.cachalot.controlplane.sigv4;

import java.util.List;
import java.util.Map;

/**
 * An HTTP request exactly as received, as SigV4 verification needs it.
 *
 * @param rawPath  the path, still percent-encoded
 * @param rawQuery the query string, still percent-encoded (null when absent)
 * @param headers  header values by lowercase name, every occurrence in order
 * @param body     the raw body bytes
 */
public record SignedRequest(String method, String rawPath, String rawQuery, Map<String, List<String>> headers, byte[] body) {

    String header(String lowercaseName) {
        List<String> values = headers.get(lowercaseName);
        return values == null || values.isEmpty() ? null : values.getFirst();
    }
}
