package no.pakkeforlop.webapps;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * Gives each web application's start page the script nonce of its own answer. Camunda
 * 7.24 sets a new nonce in the Content-Security-Policy header of every answer, but keeps
 * it in one attribute of the whole servlet context, from which the start page's script
 * tags take theirs (ProcessEnginesFilter). When another request passes in between, which
 * the browser's own parallel requests do, the page carries another answer's nonce, the
 * browser refuses every script and Tasklist, Cockpit or Admin stays on its spinner. This
 * filter puts the header's nonce into the page's script tags.
 */
public class IndexPageNonce extends OncePerRequestFilter {

    /** The start page: /camunda/app/{app}/{engine}/ (also its setup page). */
    static final Pattern INDEX_PAGE = Pattern.compile("/app/[\\w-]+/[\\w-]+/(setup/)?");

    static final Pattern HEADER_NONCE = Pattern.compile("'nonce-([^']+)'");

    static final Pattern PAGE_NONCE = Pattern.compile("nonce=\"[^\"]*\"");

    private final String webappPath;

    /**
     * @param webappPath where the web applications are served, e.g. {@code /camunda}
     */
    public IndexPageNonce(String webappPath) {
        this.webappPath = webappPath;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return !"GET".equals(request.getMethod()) || !path.startsWith(webappPath)
                || !INDEX_PAGE.matcher(path.substring(webappPath.length())).matches();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        ContentCachingResponseWrapper page = new ContentCachingResponseWrapper(response);
        chain.doFilter(request, page);
        String policy = page.getHeader("Content-Security-Policy");
        Matcher nonce = policy == null ? null : HEADER_NONCE.matcher(policy);
        String type = page.getContentType();
        if (nonce != null && nonce.find() && type != null && type.startsWith("text/html")) {
            Charset charset = page.getCharacterEncoding() == null ? StandardCharsets.ISO_8859_1
                    : Charset.forName(page.getCharacterEncoding());
            String html = new String(page.getContentAsByteArray(), charset);
            String fixed = PAGE_NONCE.matcher(html)
                .replaceAll(Matcher.quoteReplacement("nonce=\"" + nonce.group(1) + "\""));
            if (!fixed.equals(html)) {
                page.resetBuffer();
                page.getOutputStream().write(fixed.getBytes(charset));
            }
        }
        page.copyBodyToResponse();
    }

}
