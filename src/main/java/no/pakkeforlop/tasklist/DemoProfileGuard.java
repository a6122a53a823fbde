package no.pakkeforlop.tasklist;

import java.util.List;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Refuses to start with the demo profile together with {@code postgres} (the production
 * database): the demo's users have public passwords. Checked before anything else starts,
 * with a message that says what to do.
 */
public class DemoProfileGuard implements EnvironmentPostProcessor {

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        check(environment.getActiveProfiles());
    }

    static void check(String[] activeProfiles) {
        List<String> profiles = List.of(activeProfiles);
        if (profiles.contains("demo") && profiles.contains("postgres")) {
            throw new IllegalStateException("The demo profile cannot run together with the postgres profile: its users "
                    + "have public passwords (application-demo.yaml). Start without 'demo' (spring.profiles.active=postgres).");
        }
    }

}
