package dev.cachalot.controlplane.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A browser's session with the console over plain HTTP: cookies, and form posts with the page's CSRF token. */
public final class ConsoleSession {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    private final int port;
    private final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private String csrf;

    public ConsoleSession(int port) {
        this.port = port;
    }

    public HttpClient client() {
        return http;
    }

    public ConsoleSession signIn(String account, String user, String password) {
        get("/console/login");
        HttpResponse<String> r = post("/console/login", Map.of("account", account, "userName", user, "password", password));
        if (!r.headers().firstValue("Location").orElse("").endsWith("/console/")) {
            throw new IllegalStateException("sign-in failed: " + r.headers().firstValue("Location"));
        }
        get("/console/");
        return this;
    }

    /** GET; a page's CSRF token is kept for the next post. */
    public HttpResponse<String> get(String path) {
        HttpResponse<String> r = send(HttpRequest.newBuilder(uri(path)).GET().build());
        Matcher m = CSRF.matcher(r.body());
        if (m.find()) {
            csrf = m.group(1);
        }
        return r;
    }

    /** A form post with the CSRF token of the last page. */
    public HttpResponse<String> post(String path, Map<String, String> fields) {
        Map<String, String> all = new LinkedHashMap<>();
        if (csrf != null) {
            all.put("_csrf", csrf);
        }
        all.putAll(fields);
        return postRaw(path, form(all));
    }

    /** A form post with fields that repeat (checkboxes), with the CSRF token of the last page. */
    public HttpResponse<String> post(String path, Map<String, String> fields, String repeated, java.util.List<String> values) {
        Map<String, String> all = new LinkedHashMap<>();
        if (csrf != null) {
            all.put("_csrf", csrf);
        }
        all.putAll(fields);
        StringBuilder body = new StringBuilder(form(all));
        values.forEach(v -> body.append('&').append(URLEncoder.encode(repeated, StandardCharsets.UTF_8)).append('=')
                .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return postRaw(path, body.toString());
    }

    public HttpResponse<String> postRaw(String path, String body) {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    /** Follows a redirect response to its page. */
    public HttpResponse<String> follow(HttpResponse<String> redirect) {
        return get(redirect.headers().firstValue("Location").orElseThrow(() -> new IllegalStateException("not a redirect: "
                + redirect.statusCode() + " " + redirect.body())));
    }

    public static String form(Map<String, String> fields) {
        StringBuilder sb = new StringBuilder();
        fields.forEach((k, v) -> {
            if (!sb.isEmpty()) {
                sb.append('&');
            }
            sb.append(URLEncoder.encode(k, StandardCharsets.UTF_8)).append('=').append(URLEncoder.encode(v, StandardCharsets.UTF_8));
        });
        return sb.toString();
    }

    private URI uri(String path) {
        return URI.create(path.startsWith("http") ? path : "http://localhost:" + port + path);
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
