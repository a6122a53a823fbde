package no.pakkeforlop.operations;

import static no.pakkeforlop.testsupport.TestData.ADMIN;
import static no.pakkeforlop.testsupport.TestData.COORDINATOR;
import static no.pakkeforlop.testsupport.TestData.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import no.pakkeforlop.api.ApiTestSupport;
import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.actuate.health.Status;
import org.springframework.http.ResponseEntity;

/**
 * Probes for anybody, saying UP and nothing more; every other actuator endpoint for
 * operators only.
 */
class OperationsEndpointsTest extends ApiTestSupport {

    @Autowired
    private ObjectProvider<ProcessEngine> processEngine;

    @Test
    void livenessAndReadinessAnswerWithoutCredentialsAndSayNothingButUp() {
        for (String probe : new String[] { "/actuator/health/liveness", "/actuator/health/readiness" }) {
            ResponseEntity<String> answer = http.getForEntity(probe, String.class);
            assertThat(answer.getStatusCode().value()).as(probe).isEqualTo(200);
            assertThat(json(answer)).as(probe).isEqualTo(JSON.createObjectNode().put("status", "UP"));
        }
    }

    @Test
    void everyOtherActuatorEndpointNeedsAnOperator() {
        for (String path : new String[] { "/actuator", "/actuator/health", "/actuator/prometheus", "/actuator/metrics",
                "/actuator/info", "/actuator/health/db", "/actuator/env" }) {
            ResponseEntity<String> anonymous = http.getForEntity(path, String.class);
            assertThat(anonymous.getStatusCode().value()).as("anonymous " + path).isEqualTo(401);
            assertThat(anonymous.getHeaders().getFirst("WWW-Authenticate")).as(path).startsWith("Basic");
            assertThat(get(COORDINATOR, path).getStatusCode().value()).as("coordinator " + path).isEqualTo(403);
        }
        // a wrong password (of a user of its own: failed logins make the engine delay the
        // user)
        if (identity.createUserQuery().userId("driftfeil").count() == 0) {
            var user = identity.newUser("driftfeil");
            user.setPassword(PASSWORD);
            identity.saveUser(user);
            identity.createMembership("driftfeil", "camunda-admin");
        }
        assertThat(http.withBasicAuth("driftfeil", "feil-passord")
            .getForEntity("/actuator/prometheus", String.class)
            .getStatusCode()
            .value()).isEqualTo(401);
        for (String path : new String[] { "/actuator", "/actuator/health", "/actuator/prometheus",
                "/actuator/metrics" }) {
            assertThat(get(ADMIN, path, "*/*").getStatusCode().value()).as("admin " + path).isEqualTo(200);
        }
        // the operator sees what the readiness is made of
        assertThat(get(ADMIN, "/actuator/health").getBody()).contains("pathwayEngine", "db");
    }

    @Test
    void readinessIsDownWhenThisNodeShouldRunJobsAndItsJobExecutorIsNotRunning() {
        // this test context runs without the job executor; a node configured to run jobs
        // is then not ready
        assertThat(new EngineReadiness(processEngine, false).health().getStatus()).isEqualTo(Status.UP);
        assertThat(new EngineReadiness(processEngine, true).health().getStatus()).isEqualTo(Status.DOWN);
    }

}
