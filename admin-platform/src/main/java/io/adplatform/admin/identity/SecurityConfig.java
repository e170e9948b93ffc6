package io.adplatform.admin.identity;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.csrf.CsrfFilter;
import org.springframework.security.web.csrf.CsrfTokenRequestAttributeHandler;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Who is calling: a browser session (cookie {@code SESSION}, kept in Redis, CSRF token in cookie {@code XSRF-TOKEN}
 * echoed in header {@code X-XSRF-TOKEN} on every state-changing request) or a script with a personal API token
 * ({@code Authorization: Bearer adp_…}, no session, no CSRF since no cookie is involved). What the caller may do on a
 * product is decided per endpoint by {@code access.ProductAccess}.
 */
@Configuration
class SecurityConfig {

    @Bean
    PasswordEncoder passwordEncoder(IdentityProperties props) {
        // Hashes are stored as {bcrypt}…: another algorithm can be added later and old hashes still check.
        return new DelegatingPasswordEncoder("bcrypt",
                Map.of("bcrypt", new BCryptPasswordEncoder(props.bcryptStrength())));
    }

    @Bean
    SecurityContextRepository securityContextRepository() {
        return new HttpSessionSecurityContextRepository();
    }

    @Bean
    CookieCsrfTokenRepository csrfTokenRepository(IdentityProperties props) {
        CookieCsrfTokenRepository repo = CookieCsrfTokenRepository.withHttpOnlyFalse();
        repo.setCookieCustomizer(c -> c.sameSite("Lax").secure(props.secureCookies()).path("/"));
        return repo;
    }

    @Bean
    SecurityFilterChain api(HttpSecurity http, ApiTokens tokens, SecurityContextRepository contexts,
                            CookieCsrfTokenRepository csrfTokens) throws Exception {
        RequestMatcher bearer = request -> bearerToken(request).isPresent();
        // The plain handler: the SPA sends back exactly the cookie's value (no per-response masking to undo).
        CsrfTokenRequestAttributeHandler csrfHandler = new CsrfTokenRequestAttributeHandler();
        csrfHandler.setCsrfRequestAttributeName(null);
        http.securityMatcher("/api/**")
                .securityContext(c -> c.securityContextRepository(contexts))
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.IF_REQUIRED))
                .csrf(c -> c.csrfTokenRepository(csrfTokens).csrfTokenRequestHandler(csrfHandler)
                        .ignoringRequestMatchers(bearer))
                .addFilterBefore(new BearerTokenFilter(tokens), CsrfFilter.class)
                .authorizeHttpRequests(a -> a
                        .requestMatchers(HttpMethod.POST, "/api/v1/session").permitAll()
                        .requestMatchers(HttpMethod.GET, "/api/v1/csrf").permitAll()
                        .anyRequest().authenticated())
                .exceptionHandling(e -> e
                        .authenticationEntryPoint((req, res, ex) -> Problems.write(res, 401,
                                "sign in first (session cookie) or send Authorization: Bearer <API token>"))
                        .accessDeniedHandler((req, res, ex) -> Problems.write(res, 403,
                                "refused: " + ex.getMessage() + " (send the X-XSRF-TOKEN header from GET /api/v1/csrf)")))
                .formLogin(f -> f.disable())
                .httpBasic(b -> b.disable())
                .logout(l -> l.disable())
                .requestCache(r -> r.disable());
        return http.build();
    }

    /** Everything else (actuator, OpenAPI, internal API with its service token) is not for operators' sessions. */
    @Bean
    SecurityFilterChain rest(HttpSecurity http) throws Exception {
        http.csrf(c -> c.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(a -> a.anyRequest().permitAll())
                .formLogin(f -> f.disable())
                .httpBasic(b -> b.disable())
                .logout(l -> l.disable());
        return http.build();
    }

    static Optional<String> bearerToken(HttpServletRequest request) {
        String h = request.getHeader("Authorization");
        return h != null && h.regionMatches(true, 0, "Bearer ", 0, 7)
                ? Optional.of(h.substring(7).trim()) : Optional.empty();
    }

    static UsernamePasswordAuthenticationToken authentication(Operator operator) {
        return UsernamePasswordAuthenticationToken.authenticated(operator, null,
                operator.teamAdmin() ? List.of(new SimpleGrantedAuthority("TEAM_ADMIN")) : List.of());
    }

    /** Authenticates {@code Authorization: Bearer} requests; a presented but invalid token is 401, never anonymous. */
    static final class BearerTokenFilter extends OncePerRequestFilter {

        private final ApiTokens tokens;

        BearerTokenFilter(ApiTokens tokens) {
            this.tokens = tokens;
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            Optional<String> secret = bearerToken(request);
            if (secret.isEmpty()) {
                chain.doFilter(request, response);
                return;
            }
            Optional<Operator> operator = tokens.authenticate(secret.get());
            if (operator.isEmpty()) {
                Problems.write(response, 401, "the API token is unknown, revoked or expired");
                return;
            }
            SecurityContext context = SecurityContextHolder.createEmptyContext();
            context.setAuthentication(authentication(operator.get()));
            SecurityContextHolder.setContext(context);
            try {
                chain.doFilter(request, response);
            } finally {
                SecurityContextHolder.clearContext();
            }
        }
    }
}
