package no.pakkeforlop.rules;

import org.camunda.bpm.engine.ProcessEngineServices;

/**
 * Who a registration is written by: the engine's authenticated user, or "system" (job
 * executor, Java API).
 */
public final class CurrentUser {

    public static final String SYSTEM = "system";

    private CurrentUser() {
    }

    public static String of(ProcessEngineServices services) {
        var authentication = services.getIdentityService().getCurrentAuthentication();
        return authentication == null || authentication.getUserId() == null ? SYSTEM : authentication.getUserId();
    }

}
