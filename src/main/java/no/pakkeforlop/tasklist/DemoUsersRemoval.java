package no.pakkeforlop.tasklist;

import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Profile;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Without the demo profile, the demo's users (public passwords) are removed as the engine
 * starts: those the profile recorded by id in {@code demo_user} (whatever their name or
 * e-mail has become since), and those of earlier versions, which were marked by their
 * e-mail ({@link DemoUsers#EMAIL_DOMAIN}) or recognised by id and name exactly as they
 * were created. A real user with a demo user's id and another name, never recorded, is
 * left alone.
 */
@Component
@Profile("!demo")
public class DemoUsersRemoval extends AbstractProcessEnginePlugin {

    private static final Logger LOG = LoggerFactory.getLogger(DemoUsersRemoval.class);

    /** id, first name, last name of the demo users before they were marked. */
    static final List<List<String>> EARLIER = List.of(List.of("koordinator", "Kari", "Koordinator"),
            List.of("lege", "Lars", "Lege"), List.of("mdt", "Mona", "MDT"), List.of("leder", "Live", "Leder"),
            List.of("demoadmin", "Demo", "Administrator"));

    private final JdbcTemplate jdbc;

    public DemoUsersRemoval(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void postProcessEngineBuild(ProcessEngine engine) {
        remove(engine.getIdentityService(), jdbc);
    }

    static void remove(IdentityService identity, JdbcTemplate jdbc) {
        for (String id : jdbc.queryForList("select user_id from demo_user", String.class)) {
            User user = identity.createUserQuery().userId(id).singleResult();
            if (user != null) {
                delete(identity, user);
            }
            jdbc.update("delete from demo_user where user_id = ?", id);
        }
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
