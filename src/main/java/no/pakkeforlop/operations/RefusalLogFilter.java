package no.pakkeforlop.operations;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * One INFO line for a request refused as bad input (400, 409 or 422) on {@code /api},
 * {@code /engine-rest} and the web applications' REST calls: method, path and status,
 * never the body (it may carry patient data). When the engine's refusal already gave its
 * line ({@link QuietRefusals}, which names the fields), this adds none.
 */
public class RefusalLogFilter extends OncePerRequestFilter {

    static final String LOGGED = RefusalLogFilter.class.getName() + ".logged";

    private static final Logger LOG = LoggerFactory.getLogger(RefusalLogFilter.class);

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        chain.doFilter(request, response);
        int status = response.getStatus();
        if ((status == 400 || status == 409 || status == 422) && request.getAttribute(LOGGED) == null) {
            LOG.info("Request refused: {} {} answered {}", request.getMethod(),
                    request.getRequestURI().substring(request.getContextPath().length()), status);
        }
    }

}
