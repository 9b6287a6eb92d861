package dev.cachalot.controlplane.rest;

import dev.cachalot.controlplane.CachalotProperties;
import dev.cachalot.controlplane.identity.Caller;
import dev.cachalot.controlplane.identity.IdentityService;
import dev.cachalot.controlplane.throttling.RequestRateLimiter;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.MethodParameter;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import tools.jackson.databind.json.JsonMapper;

/**
 * The REST API's place in the web stack: its own security chain for {@code /api/v1/**} (between
 * the console's and the AWS API's), which reads a console session if the browser has one but
 * never creates one, asks for the CSRF token only of session-authenticated changes, and runs
 * {@link RestAuthenticationFilter}; and the {@link Caller} as a controller argument.
 */
@Configuration(proxyBeanMethods = false)
class RestConfiguration implements WebMvcConfigurer {

    private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS", "TRACE");

    @Bean
    @Order(2)
    SecurityFilterChain restApi(HttpSecurity http, IdentityService identity, RequestRateLimiter rateLimiter,
                                CachalotProperties properties, Clock clock, JsonMapper json) throws Exception {
        RestAuthenticationFilter gate = new RestAuthenticationFilter(identity, rateLimiter, properties.region(), clock, json);
        return http
                .securityMatcher(RestRequest.PREFIX, RestRequest.PREFIX + "/**")
                .authorizeHttpRequests(a -> a.anyRequest().permitAll())
                .csrf(c -> c.requireCsrfProtectionMatcher(RestConfiguration::sessionChange))
                .exceptionHandling(e -> e.accessDeniedHandler((request, response, denied) ->
                        Problems.write(response, new CsrfFault(), request, json)))
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.NEVER))
                .requestCache(r -> r.disable())
                .formLogin(f -> f.disable())
                .httpBasic(b -> b.disable())
                .logout(l -> l.disable())
                .addFilterAfter(gate, AuthorizationFilter.class)
                .build();
    }

    /** A change (not GET/HEAD) made with a console session rather than an Authorization header. */
    private static boolean sessionChange(HttpServletRequest request) {
        return !SAFE.contains(request.getMethod()) && request.getHeader("Authorization") == null
                && request.getSession(false) != null;
    }

    /** {@code InvalidCsrfToken} (403): a session-authenticated change without the page's CSRF token. */
    static final class CsrfFault extends dev.cachalot.controlplane.fault.CachalotFault {
        CsrfFault() {
            super("InvalidCsrfToken", 403, "Changes made with a console session need the X-CSRF-TOKEN header of the console page.");
        }
    }

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(new HandlerMethodArgumentResolver() {
            @Override
            public boolean supportsParameter(MethodParameter parameter) {
                return parameter.getParameterType() == Caller.class;
            }

            @Override
            public Object resolveArgument(MethodParameter parameter, ModelAndViewContainer mav, NativeWebRequest request,
                                          WebDataBinderFactory binders) {
                Caller caller = RestRequest.caller(request.getNativeRequest(HttpServletRequest.class));
                if (caller == null) {
                    throw new IllegalStateException("no authenticated caller: is the operation outside " + RestRequest.PREFIX + "?");
                }
                return caller;
            }
        });
    }
}
