package dev.cachalot.controlplane.console;

import dev.cachalot.console.ConsolePrincipal;
import dev.cachalot.controlplane.identity.IdentityService;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Two worlds: the console ({@code /console/**}) signs users in with a form and a session, with
 * CSRF protection; everything else (the AWS API at {@code /}, health) is stateless and
 * authenticates each request itself (SigV4), so Spring Security only passes it through — and
 * must not read the request body, which the signature covers.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    @Bean
    @Order(1)
    SecurityFilterChain console(HttpSecurity http) throws Exception {
        return http
                .securityMatcher("/console", "/console/**")
                .authorizeHttpRequests(a -> a
                        .requestMatchers("/console/login", "/console/console.css").permitAll()
                        .anyRequest().authenticated())
                .formLogin(f -> f
                        .loginPage("/console/login")
                        .loginProcessingUrl("/console/login")
                        .usernameParameter("accessKeyId")
                        .passwordParameter("secretAccessKey")
                        .defaultSuccessUrl("/console/", true)
                        .failureUrl("/console/login?error"))
                .logout(l -> l.logoutUrl("/console/logout").logoutSuccessUrl("/console/login?logout"))
                .build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain api(HttpSecurity http) throws Exception {
        return http
                .authorizeHttpRequests(a -> a.anyRequest().permitAll())
                .csrf(c -> c.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(r -> r.disable())
                .build();
    }

    /** Console sign-in with an access key id and its secret. */
    @Bean
    AuthenticationProvider accessKeyAuthentication(IdentityService identity) {
        return new AuthenticationProvider() {
            @Override
            public org.springframework.security.core.Authentication authenticate(
                    org.springframework.security.core.Authentication authentication) {
                String keyId = String.valueOf(authentication.getPrincipal()).strip();
                String secret = String.valueOf(authentication.getCredentials());
                return identity.authenticate(keyId, secret)
                        .map(c -> UsernamePasswordAuthenticationToken.authenticated(
                                new ConsolePrincipal(c.accountId(), c.accessKeyId(), c.admin()), null,
                                List.of(new SimpleGrantedAuthority(c.admin() ? "ROLE_ADMIN" : "ROLE_USER"))))
                        .orElseThrow(() -> new BadCredentialsException("invalid access key or secret"));
            }

            @Override
            public boolean supports(Class<?> type) {
                return UsernamePasswordAuthenticationToken.class.isAssignableFrom(type);
            }
        };
    }
}
