package dev.cachalot.controlplane.awsquery;

import dev.cachalot.controlplane.CachalotProperties;
import dev.cachalot.controlplane.awsquery.QueryFaults.InvalidActionFault;
import dev.cachalot.controlplane.awsquery.QueryFaults.MissingActionFault;
import dev.cachalot.controlplane.fault.CachalotFault;
import dev.cachalot.controlplane.fault.InternalFailureFault;
import dev.cachalot.controlplane.fault.InvalidParameterValueException;
import dev.cachalot.controlplane.identity.AccessDeniedFault;
import dev.cachalot.controlplane.identity.Caller;
import dev.cachalot.controlplane.identity.IdentityService;
import dev.cachalot.controlplane.identity.SigningCredentials;
import dev.cachalot.controlplane.sigv4.SigV4Verifier;
import dev.cachalot.controlplane.sigv4.SignedRequest;
import dev.cachalot.controlplane.throttling.RequestRateLimiter;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;

/**
 * The ElastiCache API (AWS Query protocol, version 2015-02-02) at {@code POST /}: verifies the
 * SigV4 signature, dispatches on {@code Action} and writes AWS's XML envelopes. The raw body is
 * read here, before anything parses it, because the signature covers its exact bytes.
 */
@RestController
class ElastiCacheQueryEndpoint {

    static final String VERSION = "2015-02-02";
    static final String NAMESPACE = "http://elasticache.amazonaws.com/doc/2015-02-02/";
    static final String SERVICE = "elasticache";
    private static final int MAX_BODY_BYTES = 1 << 20;
    private static final MediaType TEXT_XML = MediaType.parseMediaType("text/xml;charset=UTF-8");
    private static final Logger log = LoggerFactory.getLogger(ElastiCacheQueryEndpoint.class);

    private final Map<String, QueryAction> actions;
    private final SigV4Verifier verifier;
    private final IdentityService identity;
    private final RequestRateLimiter rateLimiter;
    private final Clock clock;

    ElastiCacheQueryEndpoint(List<QueryAction.Group> groups, IdentityService identity, RequestRateLimiter rateLimiter,
                             CachalotProperties properties, Clock clock) {
        this.actions = groups.stream().flatMap(g -> g.actions().stream())
                .collect(Collectors.toUnmodifiableMap(QueryAction::name, Function.identity()));
        this.identity = identity;
        this.rateLimiter = rateLimiter;
        this.clock = clock;
        this.verifier = new SigV4Verifier(properties.region(), SERVICE, identity::signingCredentials);
    }

    @RequestMapping(path = "/", method = {RequestMethod.POST, RequestMethod.GET})
    ResponseEntity<String> handle(HttpServletRequest request) throws IOException {
        if ("GET".equals(request.getMethod()) && request.getQueryString() == null) {
            // A browser pointed at the endpoint: the console is what it wants.
            return ResponseEntity.status(302).header(HttpHeaders.LOCATION, "/console/").build();
        }
        String requestId = UUID.randomUUID().toString();
        try {
            byte[] body = readBody(request);
            SignedRequest signed = new SignedRequest(request.getMethod(), request.getRequestURI(),
                    request.getQueryString(), headers(request), body);
            SigningCredentials credentials = verifier.verify(signed, clock.instant());
            rateLimiter.acquire(credentials.caller().accountId());
            identity.recordUse(credentials.caller().accessKeyId());
            QueryParameters params = new QueryParameters(parameters(request, body));
            return ok(dispatch(credentials.caller(), params, requestId), requestId);
        } catch (CachalotFault fault) {
            return error(fault, requestId);
        } catch (RuntimeException e) {
            log.error("Request {} failed", requestId, e);
            return error(new InternalFailureFault(), requestId);
        }
    }

    private String dispatch(Caller caller, QueryParameters params, String requestId) {
        String name = params.string("Action").filter(a -> !a.isEmpty()).orElseThrow(MissingActionFault::new);
        String version = params.string("Version").orElse(VERSION);
        QueryAction action = actions.get(name);
        if (action == null || !VERSION.equals(version)) {
            throw new InvalidActionFault(name, version);
        }
        if (!action.readOnly() && !caller.mayWrite()) {
            throw new AccessDeniedFault("User: " + caller.userArn() + " is not authorized to perform: elasticache:" + name
                    + " because no identity-based policy allows the elasticache:" + name + " action");
        }
        XmlWriter xml = new XmlWriter().open(name + "Response", NAMESPACE);
        if (action.hasResult()) {
            xml.open(name + "Result");
            action.handler().handle(caller, params, xml);
            xml.close(name + "Result");
        } else {
            action.handler().handle(caller, params, xml);
        }
        return xml.struct("ResponseMetadata", () -> xml.element("RequestId", requestId))
                .close(name + "Response").toString();
    }

    private static ResponseEntity<String> ok(String xml, String requestId) {
        return ResponseEntity.ok().contentType(TEXT_XML).header("x-amzn-RequestId", requestId).body(xml);
    }

    static ResponseEntity<String> error(CachalotFault fault, String requestId) {
        XmlWriter w = new XmlWriter().open("ErrorResponse", NAMESPACE);
        w.struct("Error", () -> w.element("Type", fault.senderFault() ? "Sender" : "Receiver")
                .element("Code", fault.code())
                .element("Message", fault.getMessage()));
        w.element("RequestId", requestId).close("ErrorResponse");
        return ResponseEntity.status(fault.httpStatus()).contentType(TEXT_XML)
                .header("x-amzn-RequestId", requestId).body(w.toString());
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

    /** Query-string parameters, then form-body parameters ({@code +} is a space in a form body). */
    private static Map<String, List<String>> parameters(HttpServletRequest request, byte[] body) {
        Map<String, List<String>> params = SigV4Verifier.decodeQuery(request.getQueryString());
        String contentType = request.getContentType();
        if (body.length > 0 && contentType != null
                && contentType.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
            for (String pair : new String(body, StandardCharsets.UTF_8).split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                try {
                    String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                    String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                    params.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
                } catch (IllegalArgumentException e) {
                    throw new InvalidParameterValueException("The request body is not valid form-urlencoded data.");
                }
            }
        }
        return params;
    }
}
