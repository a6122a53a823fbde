package no.pakkeforlop.tasklist;

import org.camunda.bpm.engine.IdentityService;

/**
 * Lets the security tests run the demo users' removal as a start without the demo profile
 * does.
 */
public final class DemoUsersRemovalAccess {

    private DemoUsersRemovalAccess() {
    }

    public static void remove(IdentityService identity) {
        DemoUsersRemoval.remove(identity);
    }

}
