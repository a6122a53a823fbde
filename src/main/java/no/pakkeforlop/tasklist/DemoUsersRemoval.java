package no.pakkeforlop.tasklist;

import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * Without the demo profile, the demo's users (public passwords) are removed as the engine
 * starts: those the profile marked ({@link DemoUsers#EMAIL_DOMAIN}), and those of earlier
 * versions, recognised by id and name exactly as they were created. A real user with one
 * of these ids and another name is left alone.
 */
@Component
@Profile("!demo")
public class DemoUsersRemoval extends AbstractProcessEnginePlugin {

    private static final Logger LOG = LoggerFactory.getLogger(DemoUsersRemoval.class);

    /** id, first name, last name of the demo users before they were marked. */
    static final List<List<String>> EARLIER = List.of(List.of("koordinator", "Kari", "Koordinator"),
            List.of("lege", "Lars", "Lege"), List.of("mdt", "Mona", "MDT"), List.of("leder", "Live", "Leder"),
            List.of("demoadmin", "Demo", "Administrator"));

    @Override
    public void postProcessEngineBuild(ProcessEngine engine) {
        remove(engine.getIdentityService());
    }

    static void remove(IdentityService identity) {
        for (User user : identity.createUserQuery().userEmailLike("%" + DemoUsers.EMAIL_DOMAIN).list()) {
            delete(identity, user);
        }
        for (List<String> earlier : EARLIER) {
            User user = identity.createUserQuery().userId(earlier.get(0)).singleResult();
            if (user != null && earlier.get(1).equals(user.getFirstName())
                    && earlier.get(2).equals(user.getLastName())) {
                delete(identity, user);
            }
        }
    }

    private static void delete(IdentityService identity, User user) {
        identity.deleteUser(user.getId());
        LOG.warn("Removed demo user {}: the demo profile is off", user.getId());
    }

}
