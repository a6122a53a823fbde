package no.pakkeforlop.security;

import static no.pakkeforlop.testsupport.TestData.nationalIdFor;
import static no.pakkeforlop.testsupport.TestData.ADMIN;
import static no.pakkeforlop.testsupport.TestData.COORDINATOR;
import static no.pakkeforlop.testsupport.TestData.MDT;
import static no.pakkeforlop.testsupport.TestData.PASSWORD;
import static no.pakkeforlop.testsupport.TestData.PHYSICIAN;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import no.pakkeforlop.security.StaffGroups;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.authorization.TaskPermissions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.ResponseEntity;

/**
 * Issue 12, finding 4: a physician, candidate of a task (with READ and UPDATE on it),
 * rewrote the pathway's national id and received date through the task's variables, added
 * another group as candidate, and handed the task to an MDT member who completed it.
 * Candidates now get TASK_WORK (claim, complete), a task goes only to a member of its
 * candidate groups, and a completion carries only its form's fields.
 */
class TaskCandidatesTamperTest extends SecurityTestSupport {

    static final String SECOND_PHYSICIAN = "lege2";

    @Autowired
    AuthorizationService authorizations;

    @BeforeEach
    void secondPhysician() {
        if (identity.createUserQuery().userId(SECOND_PHYSICIAN).count() == 0) {
            var user = identity.newUser(SECOND_PHYSICIAN);
            user.setPassword(PASSWORD);
            identity.saveUser(user);
            identity.createMembership(SECOND_PHYSICIAN, StaffGroups.PHYSICIAN);
        }
    }

    private String endoscopyTask(String referralId) {
        String pi = startPathway(referralId, "2026-05-04");
        firstAttendance(pi, "2026-05-05");
        today("2026-05-06");
        return pi;
    }

    private static ObjectNode value(String value) {
        return JSON.createObjectNode().put("value", value).put("type", "String");
    }

    @Test
    void candidatesMayWorkTheTaskNotRewriteIt() {
        String pi = endoscopyTask("HEN-SEC4-AUTH");
        String taskId = task(pi, "registerEndoscopyResult").getId();
        assertThat(authorizations.isUserAuthorized(PHYSICIAN, List.of("lege"), TaskPermissions.TASK_WORK,
                Resources.TASK, taskId))
            .isTrue();
        assertThat(
                authorizations.isUserAuthorized(PHYSICIAN, List.of("lege"), Permissions.UPDATE, Resources.TASK, taskId))
            .isFalse();
        Map<String, Object> before = state(pi);
        ObjectNode due = JSON.createObjectNode().put("name", "x").put("due", "2030-01-01T00:00:00.000+0100");
        assertThat(put(PHYSICIAN, "/engine-rest/task/" + taskId, due).getStatusCode().value()).isEqualTo(403);
        assertThat(state(pi)).isEqualTo(before);
    }

    @Test
    void aCandidateCannotWriteThePathwaysVariablesThroughTheTask() {
        String pi = endoscopyTask("HEN-SEC4-VARS");
        String taskId = task(pi, "registerEndoscopyResult").getId();
        Map<String, Object> before = state(pi);

        assertThat(put(PHYSICIAN, "/engine-rest/task/" + taskId + "/variables/nationalId", value("01010112345"))
            .getStatusCode()
            .value()).isEqualTo(403);
        assertThat(put(PHYSICIAN, "/engine-rest/task/" + taskId + "/localVariables/receivedDate", value("2031-01-01"))
            .getStatusCode()
            .value()).isEqualTo(403);
        ObjectNode modifications = JSON.createObjectNode();
        modifications.putObject("modifications").set("receivedDate", value("2026-01-01"));
        assertThat(post(PHYSICIAN, "/engine-rest/task/" + taskId + "/variables", modifications).getStatusCode().value())
            .isEqualTo(403);

        // a completion with the form's fields and a foreign one: refused whole
        ObjectNode body = JSON.createObjectNode();
        body.putObject("variables")
            .setAll(Map.of("endoscopyDate", value("2026-05-06"), "endoscopyResult", value("NO_DISEASE"), "nationalId",
                    value("01010112345")));
        ResponseEntity<String> completed = post(PHYSICIAN, "/engine-rest/task/" + taskId + "/complete", body);
        assertThat(completed.getStatusCode().value()).as(completed.getBody()).isEqualTo(403);
        assertThat(completed.getBody()).contains("nationalId");
        assertThat(post(PHYSICIAN, "/engine-rest/task/" + taskId + "/submit-form", body).getStatusCode().value())
            .isEqualTo(403);
        // resolving a task writes the variables it is given without the completion's
        // checks: refused, as is delegating
        ObjectNode resolve = JSON.createObjectNode();
        resolve.putObject("variables")
            .setAll(Map.of("nationalId", value("01010112345"), "receivedDate", value("2031-01-01")));
        assertThat(post(PHYSICIAN, "/engine-rest/task/" + taskId + "/resolve", resolve).getStatusCode().value())
            .isEqualTo(403);
        assertThat(post(PHYSICIAN, "/engine-rest/task/" + taskId + "/delegate",
                JSON.createObjectNode().put("userId", PHYSICIAN))
            .getStatusCode()
            .value()).isEqualTo(403);
        assertThat(state(pi)).isEqualTo(before);

        // the form's own fields complete it
        ((ObjectNode) body.get("variables")).remove("nationalId");
        assertThat(post(PHYSICIAN, "/engine-rest/task/" + taskId + "/complete", body).getStatusCode().value())
            .isEqualTo(204);
        assertThat(runtime.getVariable(pi, "nationalId")).isEqualTo(nationalIdFor("HEN-SEC4-VARS"));
    }

    @Test
    void aCompletionCarriesEveryRequiredFieldItselfNotAValueThePathwayAlreadyHolds() {
        String pi = endoscopyTask("HEN-SEC4-REQ");
        String taskId = task(pi, "registerEndoscopyResult").getId();
        // a value the pathway holds already (as a suggestion, or from an earlier round)
        // is no answer to the task
        runtime.setVariable(pi, "endoscopyResult", "NO_DISEASE");
        ObjectNode body = JSON.createObjectNode();
        body.putObject("variables").set("endoscopyDate", value("2026-05-06"));

        ResponseEntity<String> completed = post(PHYSICIAN, "/engine-rest/task/" + taskId + "/complete", body);
        assertThat(completed.getStatusCode().value()).as(completed.getBody()).isEqualTo(400);
        assertThat(json(completed).path("message").asText())
            .endsWith(": «Resultat av gastroskopi med biopsi» må fylles ut.");
        assertThat(task(pi, "registerEndoscopyResult")).as("still open").isNotNull();

        ((ObjectNode) body.get("variables")).set("endoscopyResult", value("NO_DISEASE"));
        assertThat(post(PHYSICIAN, "/engine-rest/task/" + taskId + "/complete", body).getStatusCode().value())
            .isEqualTo(204);
    }

    @Test
    void aCandidateCannotAddCandidateGroupsNorHandTheTaskOutsideItsGroup() {
        String pi = endoscopyTask("HEN-SEC4-HAND");
        String taskId = task(pi, "registerEndoscopyResult").getId();
        Map<String, Object> before = state(pi);
        String task = "/engine-rest/task/" + taskId;

        assertThat(post(PHYSICIAN, task + "/identity-links",
                JSON.createObjectNode().put("groupId", "mdt").put("type", "candidate"))
            .getStatusCode()
            .value()).isEqualTo(403);
        assertThat(post(PHYSICIAN, task + "/identity-links",
                JSON.createObjectNode().put("userId", MDT).put("type", "candidate"))
            .getStatusCode()
            .value()).isEqualTo(403);
        assertThat(
                post(PHYSICIAN, task + "/assignee", JSON.createObjectNode().put("userId", MDT)).getStatusCode().value())
            .isEqualTo(403);
        assertThat(post(PHYSICIAN, task + "/claim", JSON.createObjectNode().put("userId", MDT)).getStatusCode().value())
            .isEqualTo(403);
        assertThat(
                post(PHYSICIAN, task + "/delegate", JSON.createObjectNode().put("userId", MDT)).getStatusCode().value())
            .isEqualTo(403);
        assertThat(
                post(COORDINATOR, task + "/claim", JSON.createObjectNode().put("userId", COORDINATOR)).getStatusCode()
                    .value())
            .isEqualTo(403);
        assertThat(state(pi)).isEqualTo(before);
        // the MDT member cannot complete it either
        ObjectNode body = JSON.createObjectNode();
        body.putObject("variables")
            .setAll(Map.of("endoscopyDate", value("2026-05-06"), "endoscopyResult", value("NO_DISEASE")));
        assertThat(post(MDT, task + "/complete", body).getStatusCode().value()).isEqualTo(403);
        assertThat(state(pi)).isEqualTo(before);

        // within the group: claim for oneself, hand to another physician
        assertThat(post(PHYSICIAN, task + "/claim", JSON.createObjectNode().put("userId", PHYSICIAN)).getStatusCode()
            .value()).isEqualTo(204);
        ResponseEntity<String> handed = post(PHYSICIAN, task + "/assignee",
                JSON.createObjectNode().put("userId", SECOND_PHYSICIAN));
        assertThat(handed.getStatusCode().value()).as(handed.getBody()).isIn(204, 403);
        if (handed.getStatusCode().value() == 403) {
            // TASK_WORK does not give TASK_ASSIGN: only the coordinator or an operator
            // reassigns; our rule still applies
            assertThat(post(ADMIN, task + "/assignee", JSON.createObjectNode().put("userId", SECOND_PHYSICIAN))
                .getStatusCode()
                .value()).isEqualTo(204);
        }
        assertThat(tasks.createTaskQuery().taskId(taskId).singleResult().getAssignee()).isEqualTo(SECOND_PHYSICIAN);
    }

}
