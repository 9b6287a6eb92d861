package dev.cachalot.controlplane.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.cachalot.controlplane.fault.CachalotFault;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import tools.jackson.databind.json.JsonMapper;

/**
 * Errors as RFC 9457 problem details ({@code application/problem+json}) carrying the error code
 * of the AWS API in {@code code}: the same faults, the same codes, in JSON. The HTTP status is
 * the AWS one, except where REST has a better one: authentication failures are 401 (with a
 * {@code WWW-Authenticate} challenge) and throttling is 429.
 */
final class Problems {

    static final String TYPE_PREFIX = "urn:cachalot:problem:";

    private Problems() {}

    /** The problem document. {@code type} is a URN naming the code; {@code title} is the code itself. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Problem(String type, String title, int status, String detail, String instance, String code, String requestId) {}

    static int status(CachalotFault fault) {
        return switch (fault.code()) {
            case "MissingAuthenticationToken", "InvalidClientTokenId", "SignatureDoesNotMatch" -> 401;
            case "Throttling" -> 429;
            default -> fault.httpStatus();
        };
    }

    static Problem of(CachalotFault fault, HttpServletRequest request) {
        return new Problem(TYPE_PREFIX + fault.code(), fault.code(), status(fault), fault.getMessage(),
                request.getRequestURI(), fault.code(), RestRequest.requestId(request));
    }

    static ResponseEntity<Object> entity(CachalotFault fault, HttpServletRequest request) {
        Problem problem = of(fault, request);
        ResponseEntity.BodyBuilder builder = ResponseEntity.status(problem.status()).contentType(MediaType.APPLICATION_PROBLEM_JSON);
        if (problem.status() == 401) {
            builder.header(HttpHeaders.WWW_AUTHENTICATE, RestRequest.CHALLENGE);
        }
        return builder.body(problem);
    }

    /** For filters, which answer before Spring MVC. */
    static void write(HttpServletResponse response, CachalotFault fault, HttpServletRequest request, JsonMapper json)
            throws IOException {
        Problem problem = of(fault, request);
        response.setStatus(problem.status());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        if (problem.status() == 401) {
            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, RestRequest.CHALLENGE);
        }
        response.getOutputStream().write(json.writeValueAsBytes(problem));
    }
}
