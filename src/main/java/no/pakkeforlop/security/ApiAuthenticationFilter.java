package no.pakkeforlop.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import no.pakkeforlop.api.Problems;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.beans.factory.ObjectProvider;
import org.camunda.bpm.engine.identity.Group;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * HTTP Basic authentication of {@code /api/**} against the engine's users. The user and
 * their groups become the engine's current authentication for the request, so Camunda's
 * authorizations apply and whatever the request registers is registered by that user.
 * Anything without valid credentials gets 401 and nothing else.
 */
public class ApiAuthenticationFilter extends OncePerRequestFilter {

    static final String CHALLENGE = "Basic realm=\"pakkeforlop\", charset=\"UTF-8\"";

    private final ObjectProvider<IdentityService> identity;

    private final ObjectMapper json;

    public ApiAuthenticationFilter(ObjectProvider<IdentityService> identity, ObjectMapper json) {
        this.identity = identity;
        this.json = json;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        // Spring drops ";..." from a path segment, so /api/pathways/ID;x/termination
        // would act on ID: refuse it
        if (request.getRequestURI().indexOf(';') >= 0) {
            Problems.write(response, json, HttpStatus.BAD_REQUEST, "Adressen kan ikke inneholde semikolon (;).");
            return;
        }
        IdentityService identity = this.identity.getObject();
        Optional<BasicCredentials> credentials = BasicCredentials.from(request.getHeader(HttpHeaders.AUTHORIZATION));
        if (credentials.isEmpty()
                || !identity.checkPassword(credentials.get().userId(), credentials.get().password())) {
            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, CHALLENGE);
            Problems.write(response, json, HttpStatus.UNAUTHORIZED,
                    "Oppgi gyldig brukernavn og passord (HTTP Basic) for å bruke API-et.");
            return;
        }
        String userId = credentials.get().userId();
        List<String> groups = identity.createGroupQuery()
            .groupMember(userId)
            .list()
            .stream()
            .map(Group::getId)
            .toList();
        identity.setAuthentication(userId, groups);
        try {
            chain.doFilter(request, response);
        }
        finally {
            identity.clearAuthentication();
        }
    }

}
