package no.pakkeforlop.security.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The user Spring Security has authenticated, with their groups, becomes the engine's
 * current authentication for the request: Camunda's authorizations and
 * {@code security.PathwayGuard} then apply to whatever the request does, and whatever it
 * registers is registered by that user.
 */
final class EngineIdentityFilter extends OncePerRequestFilter {

    private final ObjectProvider<IdentityService> identity;

    EngineIdentityFilter(ObjectProvider<IdentityService> identity) {
        this.identity = identity;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication user = SecurityContextHolder.getContext().getAuthentication();
        if (!(user instanceof UsernamePasswordAuthenticationToken) || !user.isAuthenticated()) {
            chain.doFilter(request, response);
            return;
        }
        IdentityService engine = identity.getObject();
        engine.setAuthentication(user.getName(),
                user.getAuthorities().stream().map(GrantedAuthority::getAuthority).toList());
        try {
            chain.doFilter(request, response);
        }
        finally {
            engine.clearAuthentication();
        }
    }

}
