package dev.cachalot.controlplane.console;

import dev.cachalot.console.ConsolePrincipal;
import dev.cachalot.controlplane.identity.Caller;
import dev.cachalot.controlplane.identity.IdentityService;
import dev.cachalot.controlplane.identity.Policy;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.authentication.AuthenticationDetailsSource;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Two worlds: the console ({@code /console/**}) signs users in with a form (account, user name,
 * password) and a session, with CSRF protection; everything else (the AWS API at {@code /},
 * health) is stateless and authenticates each request itself (SigV4), so Spring Security only
 * passes it through — and must not read the request body, which the signature covers.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    @Bean
    @Order(1)
    SecurityFilterChain console(HttpSecurity http) throws Exception {
        return http
                .securityMatcher("/console", "/console/**")
                .authorizeHttpRequests(a -> a
                        .requestMatchers("/console/login", "/console/console.css", "/console/console.js").permitAll()
                        .anyRequest().authenticated())
                .formLogin(f -> f
                        .loginPage("/console/login")
                        .loginProcessingUrl("/console/login")
                        .usernameParameter("userName")
                        .passwordParameter("password")
                        .authenticationDetailsSource(accountField())
                        .defaultSuccessUrl("/console/", true)
                        .failureUrl("/console/login?error"))
                .logout(l -> l.logoutUrl("/console/logout").logoutSuccessUrl("/console/login?logout"))
                .build();
    }

    /** After the console's chain and the REST API's ({@code rest.RestConfiguration}, order 2). */
    @Bean
    @Order(3)
    SecurityFilterChain api(HttpSecurity http) throws Exception {
        return http
                .authorizeHttpRequests(a -> a.anyRequest().permitAll())
                .csrf(c -> c.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(r -> r.disable())
                .build();
    }

    /** The sign-in form's third field, the account (id or name), travels as the authentication's details. */
    private static AuthenticationDetailsSource<HttpServletRequest, String> accountField() {
        return request -> {
            String account = request.getParameter("account");
            return account == null ? "" : account.strip();
        };
    }

    /** Console sign-in: account, user name and password (bcrypt-checked). */
    @Bean
    AuthenticationProvider consolePasswordAuthentication(IdentityService identity) {
        return new AuthenticationProvider() {
            @Override
            public Authentication authenticate(Authentication authentication) {
                String account = String.valueOf(authentication.getDetails());
                String userName = String.valueOf(authentication.getPrincipal()).strip();
                String password = String.valueOf(authentication.getCredentials());
                Caller caller = identity.authenticatePassword(account, userName, password)
                        .orElseThrow(() -> new BadCredentialsException("invalid account, user name or password"));
                ConsolePrincipal principal = new ConsolePrincipal(caller.accountId(), caller.userName(),
                        caller.policy() == Policy.READ_ONLY, caller.systemAdmin());
                return UsernamePasswordAuthenticationToken.authenticated(principal, null,
                        List.of(new SimpleGrantedAuthority(caller.systemAdmin() ? "ROLE_ADMIN" : "ROLE_USER")));
            }

            @Override
            public boolean supports(Class<?> type) {
                return UsernamePasswordAuthenticationToken.class.isAssignableFrom(type);
            }
        };
    }
}
