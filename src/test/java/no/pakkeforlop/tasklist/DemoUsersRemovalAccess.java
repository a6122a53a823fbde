package no.pakkeforlop.tasklist;

import org.camunda.bpm.engine.IdentityService;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Lets the security tests run the demo users' removal as a start without the demo profile
 * does.
 */
public final class DemoUsersRemovalAccess {

    private DemoUsersRemovalAccess() {
    }

    public static void remove(IdentityService identity, JdbcTemplate jdbc) {
        DemoUsersRemoval.remove(identity, jdbc);
    }

}
