package no.pakkeforlop.security;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Stops start-up when an admin user is configured without a password. Camunda's starter
 * would otherwise create the admin with the user id as its password. Runs before the
 * engine is built, so no such user is made.
 */
@Component
public class AdminUserGuard extends AbstractProcessEnginePlugin {

    static final String ID = "camunda.bpm.admin-user.id";
    static final String PASSWORD = "camunda.bpm.admin-user.password";

    private final Environment environment;

    public AdminUserGuard(Environment environment) {
        this.environment = environment;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        check(environment.getProperty(ID), environment.getProperty(PASSWORD));
    }

    static void check(String id, String password) {
        if (id != null && !id.isBlank() && (password == null || password.isBlank())) {
            throw new IllegalStateException(
                    "The admin user '" + id + "' is configured (" + ID + ") without a password. Set " + PASSWORD
                            + " (for example with the environment variable CAMUNDA_BPM_ADMINUSER_PASSWORD), "
                            + "or remove " + ID + ". The application does not start with a default password.");
        }
    }

}
