package no.pakkeforlop.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Arrays;
import no.pakkeforlop.api.Problems;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Lets a request reach an API endpoint only when the user is in one of its
 * {@link AllowedGroups} (or an admin).
 */
public class GroupAccessInterceptor implements HandlerInterceptor {

    private final ObjectProvider<IdentityService> identity;

    private final ObjectMapper json;

    public GroupAccessInterceptor(ObjectProvider<IdentityService> identity, ObjectMapper json) {
        this.identity = identity;
        this.json = json;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
            throws Exception {
        if (!(handler instanceof HandlerMethod method)) {
            return true; // no endpoint here: the answer is 404 or 405 anyway
        }
        if (allowed(method, identity.getObject().getCurrentAuthentication())) {
            return true;
        }
        Problems.write(response, json, HttpStatus.FORBIDDEN,
                "Du har ikke tilgang til dette. Kontakt en administrator hvis du trenger tilgang.");
        return false;
    }

    static boolean allowed(HandlerMethod method, Authentication authentication) {
        if (authentication == null || authentication.getGroupIds() == null) {
            return false;
        }
        if (authentication.getGroupIds().contains(Groups.CAMUNDA_ADMIN)) {
            return true;
        }
        AllowedGroups allowed = method.getMethodAnnotation(AllowedGroups.class);
        if (allowed == null) {
            allowed = method.getBeanType().getAnnotation(AllowedGroups.class);
        }
        return allowed != null && Arrays.stream(allowed.value()).anyMatch(authentication.getGroupIds()::contains);
    }

}
