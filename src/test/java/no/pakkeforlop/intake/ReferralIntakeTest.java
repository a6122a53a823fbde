package no.pakkeforlop.intake;

import static no.pakkeforlop.testsupport.TestData.nationalIdFor;
import static no.pakkeforlop.testsupport.TestData.COORDINATOR;
import static no.pakkeforlop.testsupport.TestData.PATIENT_NAME;
import static no.pakkeforlop.testsupport.TestData.PROCESS_KEY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import no.pakkeforlop.api.ApiTestSupport;
import no.pakkeforlop.decisions.ReasonedSuspicion;
import no.pakkeforlop.refusals.FieldError;
import no.pakkeforlop.refusals.InputRefusedException;
import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.ResponseEntity;

/**
 * The start event's intake listener checks every referral the same way, whichever way the
 * pathway starts: Tasklist's start form (here through the same engine REST call Tasklist
 * makes), the Java API, or the REST intake.
 */
class ReferralIntakeTest extends ApiTestSupport {

    @Autowired
    DecisionService decisions;

    @Autowired
    ProcessEngine processEngine;

    /**
     * The variables Tasklist submits from the start form: the checklist as Json, numbers
     * as Long.
     */
    private static ObjectNode startForm(String referralId, String receivedDate) {
        ObjectNode variables = JSON.createObjectNode();
        variables.putObject("referralId").put("value", referralId).put("type", "String");
        variables.putObject("nationalId").put("value", nationalIdFor(referralId)).put("type", "String");
        variables.putObject("patientName").put("value", PATIENT_NAME).put("type", "String");
        variables.putObject("receivedDate").put("value", receivedDate).put("type", "String");
        variables.putObject("startBasis").put("value", "UNMARKED_MEETS_CRITERIA").put("type", "String");
        variables.putObject("suspicionCriteria")
            .put("value", "[\"GI_BLEEDING_WITH_IRON_DEFICIENCY_ANAEMIA\"]")
            .put("type", "Json");
        variables.putObject("medications").put("value", "Ingen faste").put("type", "String");
        variables.putObject("comorbidity").put("value", "Ingen kjente").put("type", "String");
        variables.putObject("frailtyScale").put("value", "ECOG").put("type", "String");
        variables.putObject("frailtyScore").put("value", 1).put("type", "Long");
        variables.putObject("referrerType").put("value", "CONTRACT_SPECIALIST").put("type", "String");
        variables.putObject("referrerName").put("value", "Avtalespesialist Per Berg").put("type", "String");
        variables.putObject("hospital").put("value", "Helse Stavanger HF").put("type", "String");
        ObjectNode body = JSON.createObjectNode();
        body.set("variables", variables);
        return body;
    }

    @Test
    void aPathwayStartedFromTheStartFormIsCheckedAndGetsItsReferralRow() {
        today("2026-04-08");
        ResponseEntity<String> response = post(COORDINATOR,
                "/engine-rest/process-definition/key/" + PROCESS_KEY + "/submit-form",
                startForm("HEN-FORM-1", "2026-04-07"));

        assertThat(response.getStatusCode().value()).as(response.getBody()).isEqualTo(200);
        String pi = json(response).get("id").asText();
        assertThat(json(response).get("businessKey").asText()).isEqualTo("HEN-FORM-1");
        assertThat(runtime.getVariable(pi, "frailtyScore")).isEqualTo(1);
        assertThat(
                row("select process_instance_id, created_by, hospital from referral where referral_id = 'HEN-FORM-1'"))
            .containsEntry("process_instance_id", pi)
            .containsEntry("created_by", COORDINATOR)
            .containsEntry("hospital", "Helse Stavanger HF");
        assertThat(row("select code, registered_by from pathway_code where process_instance_id = ?", pi))
            .containsEntry("code", "A32A")
            .containsEntry("registered_by", COORDINATOR);

        // the pathway is the API's pathway too, and the same referral through the API is
        // a safe retry ... or not
        JsonNode status = json(get(COORDINATOR, "/api/pathways/HEN-FORM-1"));
        assertThat(status.get("processInstanceId").asText()).isEqualTo(pi);
        ResponseEntity<String> sameIdOtherContent = post(COORDINATOR, "/api/referrals",
                referral("HEN-FORM-1", "2026-04-07"));
        assertThat(sameIdOtherContent.getStatusCode().value()).isEqualTo(409);
    }

    @Test
    void aStartFormWithoutCriteriaIsRefusedWithTheStaffMessageAndStartsNothing() {
        today("2026-04-08");
        ObjectNode body = startForm("HEN-FORM-2", "2026-04-07");
        ((ObjectNode) body.get("variables")).putObject("suspicionCriteria").put("value", "[]").put("type", "Json");

        ResponseEntity<String> response = post(COORDINATOR,
                "/engine-rest/process-definition/key/" + PROCESS_KEY + "/submit-form", body);

        assertThat(response.getStatusCode().value()).isEqualTo(400);
        assertThat(json(response).get("message").asText())
            .contains("Minst ett kriterium for begrunnet mistanke må være oppgitt.");
        assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey("HEN-FORM-2").count()).isZero();
        assertThat(count("select count(*) from referral where referral_id = 'HEN-FORM-2'")).isZero();
        assertThat(count("select count(*) from pathway_code where referral_id = 'HEN-FORM-2'")).isZero();
    }

    @Test
    void theJavaApiIsCheckedTooAndCannotStartASecondPathwayForOneReferral() {
        today("2026-04-08");
        Map<String, Object> variables = new HashMap<>(Map.of("referralId", "HEN-JAVA-1", "nationalId",
                nationalIdFor("HEN-JAVA-1"), "patientName", PATIENT_NAME, "receivedDate", "2026-04-07", "startBasis",
                "SUSPICION_IN_SPECIALIST_CARE", "medications", "Ingen", "comorbidity", "Ingen", "frailtyScale", "G8",
                "frailtyScore", 15L, "referrerType", "OTHER_PHYSICIAN"));
        variables.put("referrerName", "Overlege Eva Lie");
        variables.put("responsibleDepartment", "Gastromedisinsk avdeling");
        variables.put("hospital", "Helse Nord HF");
        variables.put("suspicionCriteria", Variables.stringValue("[\"ENDOSCOPIC_OR_RADIOLOGICAL_FINDING\"]"));

        String pi = runtime.startProcessInstanceByKey(PROCESS_KEY, variables).getId();
        assertThat(runtime.createProcessInstanceQuery().processInstanceId(pi).singleResult().getBusinessKey())
            .isEqualTo("HEN-JAVA-1");
        assertThat(row("select created_by from referral where referral_id = 'HEN-JAVA-1'")).containsEntry("created_by",
                "system");

        assertThatThrownBy(() -> runtime.startProcessInstanceByKey(PROCESS_KEY, "HEN-JAVA-1", variables))
            .isInstanceOf(InputRefusedException.class)
            .satisfies(e -> assertThat(((InputRefusedException) e).errors()).containsExactly(
                    new FieldError("referralId", "Det finnes allerede et pakkeforløp for henvisning «HEN-JAVA-1».")));
        assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey("HEN-JAVA-1").count()).isOne();

        variables.put("referralId", "HEN-JAVA-2");
        assertThatThrownBy(() -> runtime.startProcessInstanceByKey(PROCESS_KEY, "HEN-JAVA-OTHER", variables))
            .isInstanceOf(InputRefusedException.class)
            .hasMessage("Henvisnings-ID må være lik forretningsnøkkelen («HEN-JAVA-OTHER»).");
        assertThat(count("select count(*) from referral where referral_id in ('HEN-JAVA-2', 'HEN-JAVA-OTHER')"))
            .isZero();

        // a plain Java list works as well (for another patient: one pathway per patient)
        variables.put("referralId", "HEN-JAVA-3");
        variables.put("nationalId", nationalIdFor("HEN-JAVA-3"));
        variables.put("suspicionCriteria", List.of("ENDOSCOPIC_OR_RADIOLOGICAL_FINDING"));
        String third = runtime.startProcessInstanceByKey(PROCESS_KEY, "HEN-JAVA-3", variables).getId();
        assertThat(runtime.getVariable(third, "suspicionCriteria"))
            .isEqualTo(List.of("ENDOSCOPIC_OR_RADIOLOGICAL_FINDING"));
    }

    @ParameterizedTest
    @ValueSource(strings = { "DYSPHAGIA_OVER_2_WEEKS", "EARLY_SATIETY_OR_VOMITING_3_WEEKS",
            "WEIGHT_LOSS_WITH_UPPER_ABDOMINAL_PAIN", "GI_BLEEDING_WITH_IRON_DEFICIENCY_ANAEMIA",
            "ENDOSCOPIC_OR_RADIOLOGICAL_FINDING" })
    void eachCriterionOfThePathwayDescriptionGivesReasonedSuspicion(String criterion) {
        assertThat(ReasonedSuspicion.holds(processEngine, List.of(criterion))).isTrue();
        assertThat(ReasonedSuspicion.holds(processEngine, List.of("MILD_HEARTBURN", criterion))).isTrue();
    }

    @Test
    void noCriterionMeansNoReasonedSuspicionAndTheTableSaysWhatToDoInstead() {
        assertThat(ReasonedSuspicion.holds(processEngine, List.of())).isFalse();
        assertThat(ReasonedSuspicion.holds(processEngine, List.of("MILD_HEARTBURN"))).isFalse();
        var result = decisions.evaluateDecisionByKey(ReasonedSuspicion.DECISION_KEY)
            .variables(Variables.createVariables().putValue("suspicionCriteria", List.of()))
            .evaluate()
            .getSingleResult();
        assertThat((String) result.getEntry("explanation")).contains("henvis til gastroskopi (filterfunksjon)");
    }

    @Test
    void aNewVersionOfTheTableIsUsedAtOnceAndTheOldAnswersAreNotReused() throws Exception {
        String finding = "ENDOSCOPIC_OR_RADIOLOGICAL_FINDING";
        assertThat(ReasonedSuspicion.holds(processEngine, List.of(finding))).isTrue();
        String table;
        try (var in = getClass().getResourceAsStream("/processes/a32-spiseror-magesekk/reasoned-suspicion.dmn")) {
            table = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String changed = table.replace("<outputEntry id=\"r5ReasonedSuspicion\"><text>true</text>",
                "<outputEntry id=\"r5ReasonedSuspicion\"><text>false</text>");
        assertThat(changed).isNotEqualTo(table);
        String deployment = processEngine.getRepositoryService()
            .createDeployment()
            .name("suspicion-v2")
            .addString("reasoned-suspicion.dmn", changed)
            .deploy()
            .getId();
        try {
            assertThat(ReasonedSuspicion.holds(processEngine, List.of(finding))).isFalse();
            assertThat(ReasonedSuspicion.holds(processEngine, List.of("DYSPHAGIA_OVER_2_WEEKS", finding))).isTrue();
        }
        finally {
            processEngine.getRepositoryService().deleteDeployment(deployment, true);
        }
        assertThat(ReasonedSuspicion.holds(processEngine, List.of(finding))).isTrue();
    }

}
