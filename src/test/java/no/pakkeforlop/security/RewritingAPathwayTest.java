package no.pakkeforlop.security;

import static no.pakkeforlop.testsupport.TestData.nationalIdFor;
import static no.pakkeforlop.testsupport.TestData.ADMIN;
import static no.pakkeforlop.testsupport.TestData.COORDINATOR;
import static no.pakkeforlop.testsupport.TestData.PROCESS_KEY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;

/**
 * Issue 12, finding 2: a coordinator (who may start, read, transfer and terminate
 * pathways) rewrote a pathway through engine REST: process-instance modification skipping
 * listeners, a changed national id, a suspended instance, a timer moved away. Each is
 * refused (403) and changes nothing; an operator may, and is audited with the values
 * before and after.
 */
class RewritingAPathwayTest extends SecurityTestSupport {

    @Test
    void aCoordinatorCannotModifyTheProcessInstanceSkippingListeners() {
        String pi = startPathway("HEN-SEC2-MOD", "2026-05-04");
        Map<String, Object> before = state(pi);
        ObjectNode body = JSON.createObjectNode();
        body.put("skipCustomListeners", true).put("skipIoMappings", true);
        body.putArray("instructions")
            .addObject()
            .put("type", "startBeforeActivity")
            .put("activityId", "clinicalDecision");
        body.withArray("instructions").addObject().put("type", "cancel").put("activityId", "registerFirstAttendance");

        ResponseEntity<String> answer = post(COORDINATOR, "/engine-rest/process-instance/" + pi + "/modification",
                body);
        assertThat(answer.getStatusCode().value()).as(answer.getBody()).isEqualTo(403);
        assertThat(json(answer).path("message").asText()).contains("oppgavene");
        assertThat(
                post(COORDINATOR, "/engine-rest/process-instance/" + pi + "/modification-async", body).getStatusCode()
                    .value())
            .isEqualTo(403);
        assertThat(state(pi)).isEqualTo(before);
    }

    @Test
    void aCoordinatorCannotChangeThePatientsVariables() {
        String pi = startPathway("HEN-SEC2-VAR", "2026-05-04");
        Map<String, Object> before = state(pi);
        ObjectNode value = JSON.createObjectNode().put("value", "01010112345").put("type", "String");

        assertThat(
                put(COORDINATOR, "/engine-rest/process-instance/" + pi + "/variables/nationalId", value).getStatusCode()
                    .value())
            .isEqualTo(403);
        ObjectNode modifications = JSON.createObjectNode();
        modifications.putObject("modifications")
            .set("receivedDate", JSON.createObjectNode().put("value", "2031-01-01").put("type", "String"));
        assertThat(
                post(COORDINATOR, "/engine-rest/process-instance/" + pi + "/variables", modifications).getStatusCode()
                    .value())
            .isEqualTo(403);
        assertThat(send(COORDINATOR, HttpMethod.DELETE, "/engine-rest/process-instance/" + pi + "/variables/hospital",
                null)
            .getStatusCode()
            .value()).isEqualTo(403);
        String execution = runtime.createExecutionQuery()
            .processInstanceId(pi)
            .activityId("registerFirstAttendance")
            .singleResult()
            .getId();
        assertThat(put(COORDINATOR, "/engine-rest/execution/" + execution + "/localVariables/nationalId", value)
            .getStatusCode()
            .value()).isEqualTo(403);
        assertThat(state(pi)).isEqualTo(before);
        assertThat(runtime.getVariable(pi, "nationalId")).isEqualTo(nationalIdFor("HEN-SEC2-VAR"));
    }

    @Test
    void aCoordinatorCannotSuspendThePathwayNorTouchItsTimers() {
        String pi = startPathway("HEN-SEC2-TIMER", "2026-05-04");
        Map<String, Object> before = state(pi);
        Job deadline = timer(pi, "deadlineFirstAttendance");
        assertThat(deadline).isNotNull();

        assertThat(put(COORDINATOR, "/engine-rest/process-instance/" + pi + "/suspended",
                JSON.createObjectNode().put("suspended", true))
            .getStatusCode()
            .value()).isEqualTo(403);
        assertThat(put(COORDINATOR, "/engine-rest/process-instance/suspended",
                JSON.createObjectNode().put("processDefinitionKey", PROCESS_KEY).put("suspended", true))
            .getStatusCode()
            .value()).isEqualTo(403);
        assertThat(put(COORDINATOR, "/engine-rest/job/" + deadline.getId() + "/duedate",
                JSON.createObjectNode().put("duedate", "2030-01-01T00:00:00.000+0100"))
            .getStatusCode()
            .value()).isEqualTo(403);
        assertThat(put(COORDINATOR, "/engine-rest/job/" + deadline.getId() + "/suspended",
                JSON.createObjectNode().put("suspended", true))
            .getStatusCode()
            .value()).isEqualTo(403);
        assertThat(put(COORDINATOR, "/engine-rest/job/" + deadline.getId() + "/retries",
                JSON.createObjectNode().put("retries", 0))
            .getStatusCode()
            .value()).isEqualTo(403);
        assertThat(post(COORDINATOR, "/engine-rest/job/" + deadline.getId() + "/execute", null).getStatusCode().value())
            .isEqualTo(403);
        assertThat(send(COORDINATOR, HttpMethod.DELETE, "/engine-rest/process-instance/" + pi, null).getStatusCode()
            .value()).isEqualTo(403);
        assertThat(state(pi)).isEqualTo(before);
    }

    @Test
    void theJavaApiRefusesTheSameToASignedInStaffMember() {
        String pi = startPathway("HEN-SEC2-JAVA", "2026-05-04");
        Map<String, Object> before = state(pi);
        asUser(COORDINATOR, List.of("forlopskoordinator"), () -> {
            assertThatThrownBy(() -> runtime.createProcessInstanceModification(pi)
                .startBeforeActivity("clinicalDecision")
                .execute(true, true)).isInstanceOf(PathwayChangeRefusedException.class);
            assertThatThrownBy(() -> runtime.setVariable(pi, "nationalId", "01010112345"))
                .isInstanceOf(PathwayChangeRefusedException.class);
            assertThatThrownBy(() -> runtime.suspendProcessInstanceById(pi))
                .isInstanceOf(PathwayChangeRefusedException.class);
            assertThatThrownBy(
                    () -> management.setJobDuedate(timer(pi, "deadlineFirstAttendance").getId(), new java.util.Date()))
                .isInstanceOf(PathwayChangeRefusedException.class);
        });
        assertThat(state(pi)).isEqualTo(before);
    }

    @Test
    void anOperatorMayAndIsAuditedWithTheValuesBeforeAndAfter() {
        String pi = startPathway("HEN-SEC2-OPS", "2026-05-04");
        long audits = audits();
        ObjectNode value = JSON.createObjectNode().put("value", "Haukeland universitetssjukehus").put("type", "String");
        ResponseEntity<String> changed = put(ADMIN, "/engine-rest/process-instance/" + pi + "/variables/hospital",
                value);
        assertThat(changed.getStatusCode().value()).as(changed.getBody()).isEqualTo(204);
        Job deadline = timer(pi, "deadlineFirstAttendance");
        assertThat(put(ADMIN, "/engine-rest/job/" + deadline.getId() + "/duedate",
                JSON.createObjectNode().put("duedate", "2030-01-01T00:00:00.000+0100"))
            .getStatusCode()
            .value()).isEqualTo(204);

        assertThat(audits()).isEqualTo(audits + 2);
        Map<String, Object> variable = row(
                "select * from operator_audit where action = 'SetExecutionVariablesCmd' and target like ?",
                "%" + pi + "%");
        assertThat(variable.get("user_id")).isEqualTo(ADMIN);
        assertThat((String) variable.get("old_value")).contains("hospital=Helse Bergen HF");
        assertThat((String) variable.get("new_value")).contains("hospital=Haukeland universitetssjukehus");
        Map<String, Object> due = row(
                "select * from operator_audit where action = 'SetJobDuedateCmd' and target like ?",
                "%" + deadline.getId() + "%");
        assertThat((String) due.get("old_value")).doesNotContain("2030-01-0");
        assertThat((String) due.get("new_value")).contains("2029-12-31T23:00:00Z");
    }

    /**
     * Moving running pathways to another version (docs/process.md, "Versions") is an
     * operator's action: staff are refused, the operator's migration is audited with the
     * pathway's state before and after.
     */
    @Test
    void onlyAnOperatorMovesAPathwayToAnotherVersionAndIsAudited() {
        String pi = startPathway("HEN-SEC2-MIGRATE", "2026-05-04");
        String definition = runtime.createProcessInstanceQuery()
            .processInstanceId(pi)
            .singleResult()
            .getProcessDefinitionId();
        ObjectNode plan = JSON.createObjectNode()
            .put("sourceProcessDefinitionId", definition)
            .put("targetProcessDefinitionId", definition)
            .put("updateEventTriggers", true);
        ResponseEntity<String> generated = post(ADMIN, "/engine-rest/migration/generate", plan);
        assertThat(generated.getStatusCode().value()).as(generated.getBody()).isEqualTo(200);
        ObjectNode execution = JSON.createObjectNode();
        execution.set("migrationPlan", json(generated));
        execution.putArray("processInstanceIds").add(pi);
        Map<String, Object> before = state(pi);
        long audits = audits();

        assertThat(post(COORDINATOR, "/engine-rest/migration/execute", execution).getStatusCode().value())
            .isEqualTo(403);
        assertThat(state(pi)).isEqualTo(before);
        assertThat(audits()).isEqualTo(audits);

        ResponseEntity<String> migrated = post(ADMIN, "/engine-rest/migration/execute", execution);
        assertThat(migrated.getStatusCode().value()).as(migrated.getBody()).isEqualTo(204);
        // the engine REST API builds the plan again, then migrates: both are the
        // operator's
        assertThat(audits()).isEqualTo(audits + 2);
        Map<String, Object> audit = row(
                "select * from operator_audit where action = 'MigrateProcessInstanceCmd' and target like ?",
                "%" + pi + "%");
        assertThat(audit.get("user_id")).isEqualTo(ADMIN);
        // the 8-day deadline (2026-05-12 midnight in Oslo) before and after: the same
        // version's rules
        assertThat((String) audit.get("old_value")).contains("registerFirstAttendance", "due 2026-05-12T22:00:00Z");
        assertThat((String) audit.get("new_value")).contains("registerFirstAttendance", "due 2026-05-12T22:00:00Z");
    }

}
