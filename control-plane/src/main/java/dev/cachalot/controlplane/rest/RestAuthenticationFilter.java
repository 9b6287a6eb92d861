package dev.cachalot.controlplane.rest;

import dev.cachalot.console.ConsolePrincipal;
import dev.cachalot.controlplane.fault.CachalotFault;
import dev.cachalot.controlplane.fault.InternalFailureFault;
import dev.cachalot.controlplane.fault.InvalidParameterValueException;
import dev.cachalot.controlplane.identity.AccessDeniedFault;
import dev.cachalot.controlplane.identity.Caller;
import dev.cachalot.controlplane.identity.IdentityService;
import dev.cachalot.controlplane.identity.Policy;
import dev.cachalot.controlplane.identity.SigningCredentials;
import dev.cachalot.controlplane.sigv4.SigV4Verifier;
import dev.cachalot.controlplane.sigv4.SignedRequest;
import dev.cachalot.controlplane.throttling.RequestRateLimiter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * The gate of the REST API: every request under {@code /api/v1} (but the public contract and its
 * browser) is authenticated here, once, in one of three ways, and becomes a {@link Caller}:
 * <ul>
 *   <li>SigV4 with the signing service {@code cachalot} and the region's name, as
 *       {@code curl --aws-sigv4 "aws:amz:<region>:cachalot"} and the AWS SDKs' signers sign;</li>
 *   <li>{@code Authorization: Bearer <api token>}, a token derived from an access key;</li>
 *   <li>a console session (the browser's cookie), with the CSRF token on changes.</li>
 * </ul>
 * Then, in the order the AWS API applies them: the account's rate limit, an administrator's
 * {@code Cachalot-Account} switch, and the read-only policy (only GET and HEAD).
 * The body is read here, whole, because a SigV4 signature covers its bytes; the controllers read
 * the same bytes afterwards.
 */
final class RestAuthenticationFilter extends OncePerRequestFilter {

    static final String SIGNING_SERVICE = "cachalot";
    private static final int MAX_BODY_BYTES = 1 << 20;
    private static final Set<String> PUBLIC = Set.of(RestRequest.PREFIX + "/openapi.json", RestRequest.PREFIX + "/openapi.yaml",
            RestRequest.PREFIX + "/docs", RestRequest.PREFIX + "/docs/");
    private static final Set<String> READS = Set.of("GET", "HEAD");
    /** Operations that change nothing although they are POSTs. */
    private static final Set<String> READ_ONLY_POSTS = Set.of(RestRequest.PREFIX + "/tokens");
    private static final Logger log = LoggerFactory.getLogger(RestAuthenticationFilter.class);

    private final IdentityService identity;
    private final RequestRateLimiter rateLimiter;
    private final SigV4Verifier verifier;
    private final Clock clock;
    private final JsonMapper json;

    RestAuthenticationFilter(IdentityService identity, RequestRateLimiter rateLimiter, String region, Clock clock, JsonMapper json) {
        this.identity = identity;
        this.rateLimiter = rateLimiter;
        this.clock = clock;
        this.json = json;
        this.verifier = new SigV4Verifier(region, SIGNING_SERVICE, identity::signingCredentials);
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI();
        return !(path.equals(RestRequest.PREFIX) || path.startsWith(RestRequest.PREFIX + "/")) || PUBLIC.contains(path);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String requestId = UUID.randomUUID().toString();
        request.setAttribute(RestRequest.REQUEST_ID, requestId);
        response.setHeader(RestRequest.REQUEST_ID_HEADER, requestId);
        BodyRequest body;
        Caller caller;
        try {
            body = new BodyRequest(request, readBody(request));
            caller = authenticate(body);
            rateLimiter.acquire(caller.accountId());
            String acting = request.getHeader(RestRequest.ACCOUNT_HEADER);
            if (acting != null && !acting.isBlank()) {
                caller = identity.actAs(caller, acting.strip());
            }
            boolean reads = READS.contains(request.getMethod()) || READ_ONLY_POSTS.contains(request.getRequestURI());
            if (!reads && !caller.mayWrite()) {
                throw new AccessDeniedFault("User: " + caller.userArn() + " is not authorized to perform: cachalot:"
                        + request.getMethod() + " " + request.getRequestURI() + " because its policy is ReadOnly");
            }
        } catch (CachalotFault fault) {
            Problems.write(response, fault, request, json);
            return;
        } catch (RuntimeException e) {
            log.error("REST request {} failed before it reached its operation", requestId, e);
            Problems.write(response, new InternalFailureFault(), request, json);
            return;
        }
        body.setAttribute(RestRequest.CALLER, caller);
        chain.doFilter(body, response);
    }

    private Caller authenticate(BodyRequest request) {
        String authorization = request.getHeader("Authorization");
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            String token = authorization.substring(7).strip();
            SigningCredentials credentials = identity.authenticateToken(token)
                    .orElseThrow(InvalidTokenFault::new);
            identity.recordUse(credentials.caller().accessKeyId());
            return credentials.caller();
        }
        if (authorization != null || SigV4Verifier.decodeQuery(request.getQueryString()).containsKey("X-Amz-Algorithm")) {
            SigningCredentials credentials = verifier.verify(new SignedRequest(request.getMethod(), request.getRequestURI(),
                    request.getQueryString(), headers(request), request.body), clock.instant());
            identity.recordUse(credentials.caller().accessKeyId());
            return credentials.caller();
        }
        Authentication session = SecurityContextHolder.getContext().getAuthentication();
        if (session != null && session.getPrincipal() instanceof ConsolePrincipal p) {
            return new Caller(p.accountId(), p.userName(), null, p.readOnly() ? Policy.READ_ONLY : Policy.FULL_ACCESS, p.systemAdmin());
        }
        throw new MissingCredentialsFault();
    }

    /** No credentials at all: AWS's {@code MissingAuthenticationToken}, with REST's 401. */
    static final class MissingCredentialsFault extends CachalotFault {
        MissingCredentialsFault() {
            super("MissingAuthenticationToken", 403, "Request is missing Authentication Token: sign it with SigV4 (service "
                    + SIGNING_SERVICE + "), send Authorization: Bearer <api token>, or sign in to the console.");
        }
    }

    /** A bearer token that is malformed, of an unknown or inactive key, or forged. */
    static final class InvalidTokenFault extends CachalotFault {
        InvalidTokenFault() {
            super("InvalidClientTokenId", 403, "The security token included in the request is invalid.");
        }
    }

    private static byte[] readBody(HttpServletRequest request) throws IOException {
        try (InputStream in = request.getInputStream()) {
            byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
            if (body.length > MAX_BODY_BYTES) {
                throw new InvalidParameterValueException("The request body is larger than " + MAX_BODY_BYTES + " bytes.");
            }
            return body;
        }
    }

    private static Map<String, List<String>> headers(HttpServletRequest request) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (String name : Collections.list(request.getHeaderNames())) {
            headers.computeIfAbsent(name.toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                    .addAll(Collections.list(request.getHeaders(name)));
        }
        return headers;
    }

    /** The request with its body already read: the controllers read these bytes again. */
    private static final class BodyRequest extends HttpServletRequestWrapper {
        private final byte[] body;

        BodyRequest(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return in.read(b, off, len);
                }

                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException();
                }
            };
        }

        @Override
        public BufferedReader getReader() {
            return new BufferedReader(new InputStreamReader(getInputStream(), StandardCharsets.UTF_8));
        }

        @Override
        public int getContentLength() {
            return body.length;
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }
    }
}
