package no.pakkeforlop.security;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;
import no.pakkeforlop.PathwayApplication;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;

/** An admin user is never created with a default password. */
class AdminUserGuardTest {

    @Test
    void anAdminIdWithoutPasswordIsRefused() {
        assertThatThrownBy(() -> AdminUserGuard.check("admin", null)).isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("camunda.bpm.admin-user.password");
        assertThatThrownBy(() -> AdminUserGuard.check("admin", " ")).isInstanceOf(IllegalStateException.class);
        assertThatCode(() -> AdminUserGuard.check("admin", "Et-passord-9")).doesNotThrowAnyException();
        assertThatCode(() -> AdminUserGuard.check(null, null)).doesNotThrowAnyException();
    }

    @Test
    void theApplicationDoesNotStartWithAnAdminIdButNoPassword() {
        SpringApplicationBuilder application = new SpringApplicationBuilder(PathwayApplication.class)
            .web(WebApplicationType.NONE);
        // command-line arguments win over application.yaml (its file database under
        // ./data must stay untouched)
        String[] arguments = {
                "--spring.datasource.url=jdbc:h2:mem:admin-guard-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1",
                "--camunda.bpm.job-execution.enabled=false", "--camunda.bpm.admin-user.id=admin",
                "--logging.level.root=OFF" };
        assertThatThrownBy(() -> application.run(arguments)).hasRootCauseInstanceOf(IllegalStateException.class)
            .rootCause()
            .asInstanceOf(InstanceOfAssertFactories.THROWABLE)
            .hasMessage("The admin user 'admin' is configured (camunda.bpm.admin-user.id) without a password. Set "
                    + "camunda.bpm.admin-user.password (for example with the environment variable "
                    + "CAMUNDA_BPM_ADMINUSER_PASSWORD), or remove camunda.bpm.admin-user.id. The application does not start "
                    + "with a default password.");
    }

}
