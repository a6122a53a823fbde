package no.pakkeforlop.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Headers on every answer: {@code /api} answers (patient data, CSV with national ids) are
 * never stored by a browser or proxy ({@code Cache-Control: no-store}) nor sniffed into
 * another content type ({@code nosniff}); over HTTPS every answer tells the browser to
 * use HTTPS only (HSTS), directly or behind a proxy whose forwarded headers the server
 * trusts ({@code server.forward-headers-strategy}).
 */
public class ResponseHeaders extends OncePerRequestFilter {

    static final String HSTS = "max-age=31536000; includeSubDomains";

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (path.equals("/api") || path.startsWith("/api/")) {
            response.setHeader("Cache-Control", "no-store");
            response.setHeader("Pragma", "no-cache");
            response.setHeader("X-Content-Type-Options", "nosniff");
        }
        if (request.isSecure()) {
            response.setHeader("Strict-Transport-Security", HSTS);
        }
        chain.doFilter(request, response);
    }

}
