package no.pakkeforlop.security;

import static no.pakkeforlop.testsupport.TestData.nationalIdFor;
import static no.pakkeforlop.testsupport.TestData.COORDINATOR;
import static no.pakkeforlop.testsupport.TestData.PATIENT_NAME;
import static no.pakkeforlop.testsupport.TestData.PROCESS_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.ResponseEntity;

/**
 * Issue 12, finding 3: a process start with {@code startInstructions} and
 * {@code skipCustomListeners} skipped the intake check and started a pathway with
 * national id "123" and a referral received in 2031. Every start now goes through the
 * intake (its start listener): a start at chosen activities, or by message, is refused to
 * staff.
 */
class StartBypassingIntakeTest extends SecurityTestSupport {

    static ObjectNode variables(String referralId, String nationalId, String receivedDate) {
        ObjectNode variables = JSON.createObjectNode();
        Map.of("referralId", referralId, "nationalId", nationalId, "patientName", PATIENT_NAME, "receivedDate",
                receivedDate, "startBasis", "MARKED_REFERRAL", "referrerType", "GP", "referrerName", "Fastlege",
                "hospital", "Helse Bergen HF")
            .forEach((name, value) -> variables.putObject(name).put("value", value).put("type", "String"));
        variables.putObject("suspicionCriteria").put("value", "[\"DYSPHAGIA_OVER_2_WEEKS\"]").put("type", "Json");
        return variables;
    }

    private Map<String, Long> counts(String referralId) {
        return Map.of("instances",
                runtime.createProcessInstanceQuery().processInstanceBusinessKey(referralId).count()
                        + history.createHistoricProcessInstanceQuery().processInstanceBusinessKey(referralId).count(),
                "referrals", count("select count(*) from referral where referral_id = ?", referralId), "codes",
                count("select count(*) from pathway_code"), "tasks", tasks.createTaskQuery().count());
    }

    @Test
    void aStartAtChosenActivitiesSkippingListenersIsRefused() {
        today("2026-05-06");
        Map<String, Long> before = counts("HEN-SEC3-SKIP");
        ObjectNode body = JSON.createObjectNode();
        body.set("variables", variables("HEN-SEC3-SKIP", "123", "2031-01-01"));
        body.put("businessKey", "HEN-SEC3-SKIP").put("skipCustomListeners", true).put("skipIoMappings", true);
        body.putArray("startInstructions")
            .addObject()
            .put("type", "startBeforeActivity")
            .put("activityId", "registerFirstAttendance");
        String start = "/engine-rest/process-definition/key/" + PROCESS_KEY + "/start";

        ResponseEntity<String> answer = post(COORDINATOR, start, body);
        assertThat(answer.getStatusCode().value()).as(answer.getBody()).isEqualTo(403);
        body.remove("skipCustomListeners");
        body.remove("skipIoMappings");
        assertThat(post(COORDINATOR, start, body).getStatusCode().value()).isEqualTo(403);
        assertThat(counts("HEN-SEC3-SKIP")).isEqualTo(before);
    }

    @Test
    void aPlainStartWithAnInvalidReferralIsRefusedByTheIntake() {
        today("2026-05-06");
        Map<String, Long> before = counts("HEN-SEC3-PLAIN");
        ObjectNode body = JSON.createObjectNode();
        body.set("variables", variables("HEN-SEC3-PLAIN", "123", "2031-01-01"));
        body.put("businessKey", "HEN-SEC3-PLAIN");

        ResponseEntity<String> answer = post(COORDINATOR,
                "/engine-rest/process-definition/key/" + PROCESS_KEY + "/start", body);
        // a refusal of input is 400 (api.RefusalRestMapping), with the intake's own
        // message
        assertThat(answer.getStatusCode().value()).as(answer.getBody()).isEqualTo(400);
        assertThat(json(answer).path("message").asText()).contains("Fødselsnummeret").contains("fram i tid");
        ResponseEntity<String> form = post(COORDINATOR,
                "/engine-rest/process-definition/key/" + PROCESS_KEY + "/submit-form", body);
        assertThat(form.getStatusCode().value()).as(form.getBody()).isEqualTo(400);
        assertThat(json(form).path("message").asText()).contains("nummer");
        assertThat(counts("HEN-SEC3-PLAIN")).isEqualTo(before);
    }

    @Test
    void aStartCarriesOnlyTheStartFormsFields() {
        today("2026-05-06");
        Map<String, Long> before = counts("HEN-SEC3-EXTRA");
        ObjectNode variables = variables("HEN-SEC3-EXTRA", nationalIdFor("HEN-SEC3-EXTRA"), "2026-05-05");
        variables.putObject("medications").put("value", "Ingen").put("type", "String");
        variables.putObject("comorbidity").put("value", "Ingen").put("type", "String");
        variables.putObject("frailtyScale").put("value", "CFS").put("type", "String");
        variables.putObject("frailtyScore").put("value", 3).put("type", "Integer");
        // set in advance what a later step would find
        variables.putObject("decisionCode").put("value", "CK").put("type", "String");
        ObjectNode body = JSON.createObjectNode();
        body.set("variables", variables);
        body.put("businessKey", "HEN-SEC3-EXTRA");

        ResponseEntity<String> answer = post(COORDINATOR,
                "/engine-rest/process-definition/key/" + PROCESS_KEY + "/start", body);
        assertThat(answer.getStatusCode().value()).as(answer.getBody()).isEqualTo(403);
        assertThat(answer.getBody()).contains("decisionCode");
        assertThat(counts("HEN-SEC3-EXTRA")).isEqualTo(before);
        // the same start without it is a valid referral
        variables.remove("decisionCode");
        assertThat(
                post(COORDINATOR, "/engine-rest/process-definition/key/" + PROCESS_KEY + "/start", body).getStatusCode()
                    .value())
            .isEqualTo(200);
    }

    @Test
    void messagesAndSignalsAreNoBackDoor() {
        String pi = startPathway("HEN-SEC3-MSG", "2026-05-04");
        Map<String, Object> before = state(pi);
        // the pathway's own message too: only the application attaches a referral
        for (String message : List.of("anything", "additionalReferralReceived")) {
            assertThat(post(COORDINATOR, "/engine-rest/message",
                    JSON.createObjectNode().put("messageName", message).put("processInstanceId", pi))
                .getStatusCode()
                .value()).as(message).isEqualTo(403);
        }
        assertThat(post(COORDINATOR, "/engine-rest/signal", JSON.createObjectNode().put("name", "anything"))
            .getStatusCode()
            .value()).isEqualTo(403);
        assertThat(post(COORDINATOR, "/engine-rest/condition", JSON.createObjectNode()).getStatusCode().value())
            .isEqualTo(403);
        assertThat(state(pi)).isEqualTo(before);
    }

}
