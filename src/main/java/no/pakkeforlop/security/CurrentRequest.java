package no.pakkeforlop.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The request this thread is answering, from the first filter on (Spring's own request
 * context is set only later, after the doors' authentication): {@link PasswordChecks}
 * takes the client address of a password check from it. Behind a proxy the address is the
 * forwarded one ({@code server.forward-headers-strategy}).
 */
public class CurrentRequest extends OncePerRequestFilter {

    private static final ThreadLocal<HttpServletRequest> CURRENT = new ThreadLocal<>();

    public static Optional<HttpServletRequest> get() {
        return Optional.ofNullable(CURRENT.get());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        HttpServletRequest outer = CURRENT.get();
        CURRENT.set(request);
        try {
            chain.doFilter(request, response);
        }
        finally {
            if (outer == null) {
                CURRENT.remove();
            }
            else {
                CURRENT.set(outer);
            }
        }
    }

    @Override
    protected boolean shouldNotFilterAsyncDispatch() {
        return false;
    }

}
