package dev.cachalot.controlplane.rest;

import dev.cachalot.controlplane.identity.Caller;
import jakarta.servlet.http.HttpServletRequest;

/** What the REST edge attaches to a request once it has authenticated it. */
final class RestRequest {

    static final String PREFIX = "/api/v1";
    static final String CALLER = RestRequest.class.getName() + ".caller";
    static final String REQUEST_ID = RestRequest.class.getName() + ".requestId";
    static final String REQUEST_ID_HEADER = "x-request-id";
    /** Lets an administrator act inside another account. */
    static final String ACCOUNT_HEADER = "Cachalot-Account";
    static final String CHALLENGE = "Bearer realm=\"cachalot\", AWS4-HMAC-SHA256 realm=\"cachalot\"";

    private RestRequest() {}

    static Caller caller(HttpServletRequest request) {
        return (Caller) request.getAttribute(CALLER);
    }

    static String requestId(HttpServletRequest request) {
        Object id = request.getAttribute(REQUEST_ID);
        return id == null ? null : id.toString();
    }
}
