package no.pakkeforlop.tasklist;

import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Profile;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * DEMO ONLY (Spring profile {@code demo}, never active by default): one user per staff
 * group, from {@code pakkeforlop.demo.users} in {@code application-demo.yaml}, so the
 * pathway can be shown in Tasklist without setting up users first. Users that exist are
 * left as they are (a changed password stays changed).
 */
@Component
@Profile("demo")
public class DemoUsers extends AbstractProcessEnginePlugin {

    private static final Logger LOG = LoggerFactory.getLogger(DemoUsers.class);

    /** A demo user and the staff group it belongs to. */
    public record DemoUser(String id, String firstName, String lastName, String group, String password) {
    }

    /**
     * Marks the users this profile creates, so that a start without the profile removes
     * them.
     */
    public static final String EMAIL_DOMAIN = "@demo.pakkeforlop.invalid";

    private final List<DemoUser> users;

    /**
     * The demo's administrator (application-demo.yaml), which Camunda's starter creates.
     */
    private final String admin;

    private final JdbcTemplate jdbc;

    @Autowired
    public DemoUsers(Environment environment, JdbcTemplate jdbc) {
        this(Binder.get(environment).bind("pakkeforlop.demo.users", Bindable.listOf(DemoUser.class)).orElse(List.of()),
                String.valueOf(environment.getProperty("camunda.bpm.admin-user.email", "")).endsWith(EMAIL_DOMAIN)
                        ? environment.getProperty("camunda.bpm.admin-user.id") : null,
                jdbc);
        // also checked before start-up (spring.factories)
        DemoProfileGuard.check(environment.getActiveProfiles());
    }

    DemoUsers(List<DemoUser> users, String admin, JdbcTemplate jdbc) {
        this.users = List.copyOf(users);
        this.admin = admin;
        this.jdbc = jdbc;
    }

    @Override
    public void postProcessEngineBuild(ProcessEngine engine) {
        create(engine.getIdentityService());
    }

    /** Records a user of the demo by id, for its removal without the profile. */
    private void mark(String userId) {
        if (jdbc.queryForObject("select count(*) from demo_user where user_id = ?", Integer.class, userId) == 0) {
            jdbc.update("insert into demo_user (user_id, created_at) values (?, ?)", userId,
                    new java.sql.Timestamp(System.currentTimeMillis()));
        }
    }

    void create(IdentityService identity) {
        if (admin != null && !admin.isBlank()) {
            mark(admin);
        }
        for (DemoUser demo : users) {
            if (demo.password() == null || demo.password().isBlank()) {
                throw new IllegalStateException(
                        "Demo user " + demo.id() + " has no password in pakkeforlop.demo.users");
            }
            if (identity.createUserQuery().userId(demo.id()).count() == 0) {
                User user = identity.newUser(demo.id());
                user.setFirstName(demo.firstName());
                user.setLastName(demo.lastName());
                user.setEmail(demo.id() + EMAIL_DOMAIN);
                user.setPassword(demo.password());
                identity.saveUser(user);
                mark(demo.id());
                LOG.warn("DEMO: created user {} in group {} with the demo password from application-demo.yaml",
                        demo.id(), demo.group());
            }
            StaffGroupsPresent.ensure(identity, demo.group());
            if (identity.createUserQuery().userId(demo.id()).memberOfGroup(demo.group()).count() == 0) {
                identity.createMembership(demo.id(), demo.group());
            }
        }
    }

}
