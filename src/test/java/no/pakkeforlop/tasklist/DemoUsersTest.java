package no.pakkeforlop.tasklist;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import no.pakkeforlop.security.StaffGroups;
import no.pakkeforlop.testsupport.PathwayEngine;
import org.camunda.bpm.engine.IdentityService;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;

/**
 * The demo profile: one user per staff group, demo-only passwords, never on by default,
 * never overwriting.
 */
class DemoUsersTest {

    @Test
    void theDemoProfileHasOneUserPerStaffGroupWithADemoOnlyPassword() throws IOException {
        List<DemoUsers.DemoUser> users = demoUsers("application-demo.yaml");

        assertThat(users).extracting(DemoUsers.DemoUser::group)
            .containsExactlyInAnyOrderElementsOf(StaffGroups.NAMES.keySet());
        assertThat(users).allSatisfy(user -> {
            assertThat(user.id()).matches("[a-zA-Z0-9]+");
            assertThat(user.password()).as("password of " + user.id()).startsWith("Demo-only-");
            assertThat(user.firstName()).isNotBlank();
        });
        StandardEnvironment demo = environment("application-demo.yaml");
        assertThat(demo.getProperty("camunda.bpm.admin-user.password")).startsWith("Demo-only-");
    }

    @Test
    void theDemoProfileIsNotOnByDefault() throws IOException {
        StandardEnvironment defaults = environment("application.yaml");
        assertThat(defaults.getProperty("spring.profiles.active")).isNull();
        assertThat(defaults.getProperty("spring.profiles.include")).isNull();
        assertThat(defaults.getProperty("pakkeforlop.demo.users[0].id")).isNull();
        assertThat(defaults.getProperty("camunda.bpm.admin-user.id")).as("no built-in admin outside the demo").isNull();
        assertThat(DemoUsers.class.getAnnotation(org.springframework.context.annotation.Profile.class).value())
            .containsExactly("demo");
    }

    @Test
    void createsTheUsersInTheirGroupsAndLeavesExistingUsersAlone() throws IOException {
        PathwayEngine engine = PathwayEngine.create();
        IdentityService identity = engine.configuration.buildProcessEngine().getIdentityService();
        DemoUsers demo = new DemoUsers(demoUsers("application-demo.yaml"), "demoadmin", engine.jdbc);

        demo.create(identity);
        assertThat(identity.checkPassword("koordinator", "Demo-only-Koord-1")).isTrue();
        assertThat(identity.createUserQuery().memberOfGroup("forlopskoordinator").list()).extracting(u -> u.getId())
            .containsExactly("koordinator");
        assertThat(identity.createUserQuery().memberOfGroup("mdt").singleResult().getFirstName()).isEqualTo("Mona");
        assertThat(identity.createGroupQuery().groupId("leder").singleResult().getName())
            .isEqualTo("Ledelse og kvalitet");

        // someone changed the demo password: a restart keeps it
        var koordinator = identity.createUserQuery().userId("koordinator").singleResult();
        koordinator.setPassword("changed-by-staff-1");
        identity.saveUser(koordinator);
        demo.create(identity);
        assertThat(identity.checkPassword("koordinator", "changed-by-staff-1")).isTrue();
        assertThat(identity.createUserQuery().count()).isEqualTo(5);
        assertThat(identity.createUserQuery().memberOfGroup("lege").count()).isOne();
        // every demo user is recorded by id, once (the administrator too, whom
        // Camunda's starter creates)
        assertThat(engine.jdbc.queryForList("select user_id from demo_user order by user_id", String.class))
            .containsExactly("demoadmin", "koordinator", "leder", "lege", "mdt", "rapportor");
    }

    static List<DemoUsers.DemoUser> demoUsers(String file) throws IOException {
        return Binder.get(environment(file))
            .bind("pakkeforlop.demo.users", Bindable.listOf(DemoUsers.DemoUser.class))
            .orElse(List.of());
    }

    static StandardEnvironment environment(String file) throws IOException {
        StandardEnvironment environment = new StandardEnvironment();
        new YamlPropertySourceLoader().load(file, new ClassPathResource(file))
            .forEach(source -> environment.getPropertySources().addFirst(source));
        return environment;
    }

}
