package no.pakkeforlop.security;

import static no.pakkeforlop.testsupport.TestData.ADMIN;
import static no.pakkeforlop.testsupport.TestData.COORDINATOR;
import static no.pakkeforlop.testsupport.TestData.MDT;
import static no.pakkeforlop.testsupport.TestData.MEDICATIONS;
import static no.pakkeforlop.testsupport.TestData.PHYSICIAN;
import static no.pakkeforlop.testsupport.TestData.REPORTER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import no.pakkeforlop.decisions.ReasonedSuspicion;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;

/**
 * Issue 21, findings 2, 5 and 6: a comment stored under another pathway, operators' work
 * outside a task's form without audit, line breaks in names, a 404 that told whether a
 * pathway exists, users renaming themselves, duplicate JSON keys, and a completion
 * validated before it was authorised.
 */
class DoorFindingsTest extends SecurityTestSupport {

    private static ObjectNode value(Object value) {
        ObjectNode node = JSON.createObjectNode();
        if (value instanceof String text) {
            node.put("value", text).put("type", "String");
        }
        else {
            node.put("value", (Boolean) value).put("type", "Boolean");
        }
        return node;
    }

    private static ObjectNode completion(Map<String, Object> variables) {
        ObjectNode body = JSON.createObjectNode();
        ObjectNode values = body.putObject("variables");
        variables.forEach((name, v) -> values.set(name, value(v)));
        return body;
    }

    @Test
    void aCommentBelongsToItsTasksOwnPathway() {
        String own = startPathway("HEN-SEC21-COMMENT-A", "2026-05-04");
        String other = startPathway("HEN-SEC21-COMMENT-B", "2026-05-04");
        String taskId = task(own, "registerFirstAttendance").getId();
        for (String user : List.of(COORDINATOR, ADMIN)) {
            ResponseEntity<String> elsewhere = post(user, "/engine-rest/task/" + taskId + "/comment/create",
                    JSON.createObjectNode().put("message", "Lagt under feil forløp").put("processInstanceId", other));
            // Camunda's comment resource answers any refusal with its own text
            assertThat(elsewhere.getStatusCode().value()).as(user + " " + elsewhere.getBody()).isEqualTo(400);
        }
        asUser(COORDINATOR, List.of(StaffGroups.COORDINATOR),
                () -> assertThatThrownBy(() -> tasks.createComment(taskId, other, "Lagt under feil forløp"))
                    .isInstanceOf(BadUserRequestException.class)
                    .hasMessageContaining("oppgavens eget forløp"));
        assertThat(tasks.getProcessInstanceComments(other)).isEmpty();
        assertThat(tasks.getTaskComments(taskId)).isEmpty();

        ResponseEntity<String> onItsTask = post(COORDINATOR, "/engine-rest/task/" + taskId + "/comment/create",
                JSON.createObjectNode().put("message", "Pasienten ringer tilbake").put("processInstanceId", own));
        assertThat(onItsTask.getStatusCode().value()).as(onItsTask.getBody()).isEqualTo(200);
        assertThat(tasks.getTaskComments(taskId)).singleElement()
            .satisfies(comment -> assertThat(comment.getProcessInstanceId()).isEqualTo(own));
    }

    @Test
    void anOperatorsWorkOutsideTheFormIsAuditedWithOldAndNewValues() {
        String pi = startPathway("HEN-SEC21-AUDIT", "2026-05-04");
        Task attendance = task(pi, "registerFirstAttendance");
        today("2026-05-05");
        long before = audits();

        // given to someone outside the task's candidates (a reporter)
        ResponseEntity<String> assigned = post(ADMIN, "/engine-rest/task/" + attendance.getId() + "/assignee",
                JSON.createObjectNode().put("userId", REPORTER));
        assertThat(assigned.getStatusCode().value()).as(assigned.getBody()).isEqualTo(204);
        assertThat(audits()).isEqualTo(before + 1);
        Map<String, Object> assignment = row("select user_id, action, target, old_value, new_value from operator_audit "
                + "where target like ? order by at desc limit 1", "%" + attendance.getId() + "%");
        assertThat(assignment.get("user_id")).isEqualTo(ADMIN);
        assertThat((String) assignment.get("old_value")).doesNotContain(REPORTER);
        assertThat((String) assignment.get("new_value")).contains(REPORTER);
        // handing it back to nobody is ordinary work: not audited
        tasks.setAssignee(attendance.getId(), null);

        // completed with a field that is not in the form
        ResponseEntity<String> completed = post(ADMIN, "/engine-rest/task/" + attendance.getId() + "/complete",
                completion(Map.of("firstAttendanceDate", "2026-05-05", "firstAttendanceType", "OUTPATIENT",
                        "medications", "Endret av drift")));
        assertThat(completed.getStatusCode().value()).as(completed.getBody()).isEqualTo(204);
        assertThat(audits()).isEqualTo(before + 2);
        Map<String, Object> extra = row("select action, old_value, new_value from operator_audit where action like ? "
                + "order by at desc limit 1", "%Complete%");
        assertThat((String) extra.get("old_value")).contains(MEDICATIONS);
        assertThat((String) extra.get("new_value")).contains("Endret av drift");
    }

    @Test
    void anOperatorsOrdinaryCompletionIsNotAnAuditEntry() {
        String pi = startPathway("HEN-SEC21-AUDIT-PLAIN", "2026-05-04");
        today("2026-05-05");
        long before = audits();
        ResponseEntity<String> completed = post(ADMIN,
                "/engine-rest/task/" + task(pi, "registerFirstAttendance").getId() + "/complete",
                completion(Map.of("firstAttendanceDate", "2026-05-05", "firstAttendanceType", "OUTPATIENT")));
        assertThat(completed.getStatusCode().value()).as(completed.getBody()).isEqualTo(204);
        assertThat(audits()).isEqualTo(before);
    }

    @Test
    void lineBreaksAreRefusedInSingleLineFieldsAndNames() {
        long referrals = count("select count(*) from referral");
        ObjectNode forged = referral("HEN-SEC21-LINES", "2026-05-04").put("hospital",
                "Helse Bergen HF\n2026-05-04;admin;READ");
        today("2026-05-04");
        ResponseEntity<String> refused = post(COORDINATOR, "/api/referrals", forged);
        assertThat(refused.getStatusCode().value()).as(refused.getBody()).isEqualTo(400);
        assertThat(refused.getBody()).contains("hospital").contains("én linje");
        assertThat(count("select count(*) from referral")).isEqualTo(referrals);
        // a text area keeps its lines
        ResponseEntity<String> lines = post(COORDINATOR, "/api/referrals",
                referral("HEN-SEC21-LINES2", "2026-05-04").put("medications", "Metformin 500 mg x 2\nAlbyl-E 75 mg"));
        assertThat(lines.getStatusCode().value()).as(lines.getBody()).isEqualTo(201);

        // a user's name, whoever saves it
        ObjectNode profile = JSON.createObjectNode()
            .put("id", REPORTER)
            .put("firstName", "rapportor\r\nrestadmin")
            .put("lastName", "Testbruker");
        ResponseEntity<String> renamed = put(ADMIN, "/engine-rest/user/" + REPORTER + "/profile", profile);
        assertThat(renamed.getStatusCode().value()).as(renamed.getBody()).isEqualTo(400);
        assertThat(json(renamed).path("message").asText()).contains("én linje");
        assertThat(identity.createUserQuery().userId(REPORTER).singleResult().getFirstName()).isEqualTo(REPORTER);
    }

    @Test
    void staffCannotRenameThemselves() {
        ObjectNode profile = JSON.createObjectNode()
            .put("id", COORDINATOR)
            .put("firstName", "Restadmin")
            .put("lastName", "Drift");
        ResponseEntity<String> renamed = put(COORDINATOR, "/engine-rest/user/" + COORDINATOR + "/profile", profile);
        assertThat(renamed.getStatusCode().value()).as(renamed.getBody()).isEqualTo(403);
        var user = identity.createUserQuery().userId(COORDINATOR).singleResult();
        assertThat(user.getFirstName() + " " + user.getLastName()).isEqualTo(COORDINATOR + " Testbruker");
    }

    @Test
    void notFoundSaysTheSameForMissingAndNotYours() {
        startPathway("HEN-SEC21-404", "2026-05-04");
        ResponseEntity<String> notYours = get(MDT, "/api/pathways/HEN-SEC21-404");
        ResponseEntity<String> missing = get(MDT, "/api/pathways/HEN-SEC21-405");
        assertThat(notYours.getStatusCode().value()).isEqualTo(404);
        assertThat(missing.getStatusCode().value()).isEqualTo(404);
        assertThat(json(notYours).path("detail").asText().replace("404", "405"))
            .isEqualTo(json(missing).path("detail").asText());
        assertThat(get(COORDINATOR, "/api/pathways/HEN-SEC21-404").getStatusCode().value()).isEqualTo(200);
    }

    @Test
    void aJsonKeyGivenTwiceIsRefused() {
        long referrals = count("select count(*) from referral");
        String body = text(referral("HEN-SEC21-DUP", "2026-05-04"));
        String twice = body.replaceFirst("\\{", "{\"hospital\":\"Helse Førde HF\",");
        today("2026-05-04");
        ResponseEntity<String> api = post(COORDINATOR, "/api/referrals", twice);
        assertThat(api.getStatusCode().value()).as(api.getBody()).isEqualTo(400);
        assertThat(api.getBody()).contains("hospital");
        assertThat(count("select count(*) from referral")).isEqualTo(referrals);

        ResponseEntity<String> engine = send(COORDINATOR, HttpMethod.POST, "/engine-rest/task/count",
                "{\"assignee\":\"" + COORDINATOR + "\",\"assignee\":\"" + PHYSICIAN + "\"}");
        assertThat(engine.getStatusCode().value()).as(engine.getBody()).isEqualTo(400);
        assertThat(json(engine).path("message").asText()).contains("«assignee» står to ganger");
    }

    @Test
    void theReasonedSuspicionDecisionIsInThePathwaysHistory() {
        long before = history.createHistoricDecisionInstanceQuery()
            .decisionDefinitionKey(ReasonedSuspicion.DECISION_KEY)
            .count();
        String pi = startPathway("HEN-SEC21-DMN", "2026-05-04");
        String second = startPathway("HEN-SEC21-DMN2", "2026-05-04");
        for (String pathway : List.of(pi, second)) {
            var decision = history.createHistoricDecisionInstanceQuery()
                .decisionDefinitionKey(ReasonedSuspicion.DECISION_KEY)
                .processInstanceId(pathway)
                .includeOutputs()
                .singleResult();
            assertThat(decision).as("one decision under the pathway").isNotNull();
            assertThat(decision.getProcessDefinitionKey()).isEqualTo("pakkeforlop-spiseror-magesekk");
            // the first matching rule: reasoned suspicion, and why
            assertThat(decision.getOutputs()).extracting(output -> output.getVariableName() + "=" + output.getValue())
                .containsExactlyInAnyOrder("reasonedSuspicion=true",
                        "explanation=Svelgvansker eller smerter ved svelging i mer enn to uker");
        }
        // and none without a pathway: the check of the request before the start leaves
        // no entry
        assertThat(history.createHistoricDecisionInstanceQuery()
            .decisionDefinitionKey(ReasonedSuspicion.DECISION_KEY)
            .count()).isEqualTo(before + 2);
    }

    @Test
    void anUnauthorisedCompletionIsRefusedBeforeItsFieldsAreJudged() {
        String pi = startPathway("HEN-SEC21-AUTHFIRST", "2026-05-04");
        Map<String, Object> before = state(pi);
        ResponseEntity<String> completed = post(PHYSICIAN,
                "/engine-rest/task/" + task(pi, "registerFirstAttendance").getId() + "/complete",
                completion(Map.of("firstAttendanceDate", "ikke en dato")));
        assertThat(completed.getStatusCode().value()).as(completed.getBody()).isEqualTo(403);
        assertThat(completed.getBody()).doesNotContain("Første fremmøte").doesNotContain("ikke en dato");
        assertThat(state(pi)).isEqualTo(before);
    }

}
