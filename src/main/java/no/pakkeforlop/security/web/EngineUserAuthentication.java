package no.pakkeforlop.security.web;

import java.util.List;
import no.pakkeforlop.security.LoginAttempts;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/**
 * HTTP Basic against the engine's users (the same users and passwords as Tasklist): the
 * engine checks the password ({@code IdentityService.checkPassword}, with its password
 * policy, its delay after a wrong one and the login limit of
 * {@code security.PasswordChecks}), and the user's engine groups become the request's
 * authorities. Over the login limit, the password is not even tried: 429.
 */
final class EngineUserAuthentication implements AuthenticationProvider {

    // looked up when the first request comes: asking for an engine service while the
    // security filters are made would build the engine before Flyway has migrated
    private final ObjectProvider<IdentityService> identity;

    private final ObjectProvider<LoginAttempts> attempts;

    EngineUserAuthentication(ObjectProvider<IdentityService> identity, ObjectProvider<LoginAttempts> attempts) {
        this.identity = identity;
        this.attempts = attempts;
    }

    @Override
    public Authentication authenticate(Authentication login) {
        String userId = login.getName();
        String password = login.getCredentials() == null ? "" : login.getCredentials().toString();
        String address = login.getDetails() instanceof WebAuthenticationDetails details ? details.getRemoteAddress()
                : null;
        long wait = attempts.getObject().blockedFor(address, userId);
        if (wait > 0) {
            throw new LoginsLimitedException(wait);
        }
        IdentityService users = identity.getObject();
        if (userId == null || userId.isEmpty() || !users.checkPassword(userId, password)) {
            throw new BadCredentialsException("Wrong user or password");
        }
        List<SimpleGrantedAuthority> groups = users.createGroupQuery()
            .groupMember(userId)
            .list()
            .stream()
            .map(Group::getId)
            .map(SimpleGrantedAuthority::new)
            .toList();
        UsernamePasswordAuthenticationToken authenticated = UsernamePasswordAuthenticationToken.authenticated(userId,
                null, groups);
        authenticated.setDetails(login.getDetails());
        return authenticated;
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }

}
