package io.adplatform.common.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * Guards the internal APIs between services: requests under the guarded path prefix must carry
 * {@value #HEADER} equal to the configured token (compared in constant time), or get 401 problem+json.
 */
public final class ServiceTokenFilter extends HttpFilter {

    public static final String HEADER = "X-Service-Token";

    private final String pathPrefix;
    private final byte[] token;

    public ServiceTokenFilter(String pathPrefix, String token) {
        if (token == null || token.isBlank()) {
            throw new IllegalArgumentException("service token must not be blank");
        }
        this.pathPrefix = pathPrefix;
        this.token = token.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (path.startsWith(pathPrefix) && !matches(request.getHeader(HEADER))) {
            response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
            response.setContentType("application/problem+json");
            response.getWriter().write("{\"type\":\"about:blank\",\"title\":\"Unauthorized\",\"status\":401,"
                    + "\"detail\":\"missing or wrong " + HEADER + " header\",\"instance\":\"" + path.replace("\"", "")
                    + "\"}");
            return;
        }
        chain.doFilter(request, response);
    }

    private boolean matches(String presented) {
        return presented != null && MessageDigest.isEqual(token, presented.getBytes(StandardCharsets.UTF_8));
    }
}
