package no.pakkeforlop.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.managementService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.taskService;

import java.util.Date;
import java.util.List;
import no.pakkeforlop.codes.CodeCorrection;
import no.pakkeforlop.corrections.CodeCorrections;
import no.pakkeforlop.corrections.CodeCorrections.Request;
import no.pakkeforlop.deadlines.BreachWithdrawal;
import no.pakkeforlop.intake.ReferralRegistry;
import no.pakkeforlop.refusals.FieldError;
import no.pakkeforlop.refusals.InputRefusedException;
import no.pakkeforlop.refusals.PathwayConflictException;
import no.pakkeforlop.reports.PathwayTimes;
import no.pakkeforlop.testsupport.PathwayEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.community.process_test_coverage.junit5.platform7.ProcessEngineCoverageExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Corrections of registered codes (issue 30): a date corrected moves what follows from it
 * (the intervals, the timers, the tasks' due dates, the breaches); a code withdrawn puts
 * the pathway back to the task that registered it; a refusal changes nothing.
 */
class CodeCorrectionsTest extends PathwayTestSupport {

    static final PathwayEngine ENGINE = PathwayEngine.withCoverage();

    @RegisterExtension
    static ProcessEngineCoverageExtension extension = ProcessEngineCoverageExtension.builder(ENGINE.configuration)
        .build();

    static final String REASON = "Feil dato tastet inn.";

    @Override
    PathwayEngine engine() {
        return ENGINE;
    }

    private CodeCorrections corrections() {
        return new CodeCorrections(ENGINE.codes, ENGINE.breaches,
                new BreachWithdrawal(ENGINE.catalog, ENGINE.codes, ENGINE.breaches), ENGINE.catalog, ENGINE.deadlines,
                new ReferralRegistry(ENGINE.jdbc), ENGINE.configuration.getProcessEngine(),
                ENGINE.configuration.getTransactionManager());
    }

    private void correctDate(Pathway p, String code, String date) {
        corrections().correct(p.id(), new Request(code, date, null, REASON, null), "koordinator");
    }

    private void withdraw(Pathway p, String code) {
        corrections().correct(p.id(), new Request(code, null, true, "Registrert ved en feil.", null), "koordinator");
    }

    private List<CodeCorrection> correctionsOf(Pathway p) {
        return ENGINE.codes.correctionsOf(p.id());
    }

    private static List<String> fields(InputRefusedException e) {
        return e.errors().stream().map(FieldError::field).toList();
    }

    // ------------------------------------------------------------------ dates

    @Test
    void aCorrectedFirstAttendanceDateMovesTheCodeTheDecisionTimerAndTheTaskDueDates() {
        Pathway p = start("2026-03-02").firstAttendance("2026-03-09");
        assertThat(p.timer("deadlineDecision").getDuedate()).isEqualTo(Date.from(oslo("2026-03-31", "00:00")));

        today("2026-03-10");
        correctDate(p, "A32S", "2026-03-06");

        assertThat(p.codes()).containsExactly("A32A 2026-03-02", "A32S 2026-03-06");
        assertThat(p.variable("firstAttendanceDate")).isEqualTo("2026-03-06");
        assertThat(p.timer("deadlineDecision").getDuedate()).isEqualTo(Date.from(oslo("2026-03-28", "00:00")));
        assertThat(p.task("registerEndoscopyResult").getDueDate()).isEqualTo(Date.from(oslo("2026-03-27", "23:59:59")));
        assertThat(correctionsOf(p)).singleElement().satisfies(c -> {
            assertThat(c.code()).isEqualTo("A32S");
            assertThat(c.oldDate()).hasToString("2026-03-09");
            assertThat(c.newDate()).hasToString("2026-03-06");
            assertThat(c.withdrawn()).isFalse();
            assertThat(c.reason()).isEqualTo(REASON);
            assertThat(c.userId()).isEqualTo("koordinator");
        });
    }

    @Test
    void aCorrectedReferralDateMovesTheRunningTimersAndOneNowPastFires() {
        Pathway p = start("2026-03-10");
        today("2026-03-14");

        correctDate(p, "A32A", "2026-03-04");

        assertThat(p.codes()).containsExactly("A32A 2026-03-04");
        assertThat(p.timer("deadlineFirstAttendance").getDuedate()).isEqualTo(Date.from(oslo("2026-03-13", "00:00")));
        assertThat(p.timer("deadlineReferralToTreatment").getDuedate())
            .isEqualTo(Date.from(oslo("2026-04-17", "00:00")));
        assertThat(p.task("registerFirstAttendance").getDueDate()).isEqualTo(Date.from(oslo("2026-03-12", "23:59:59")));
        p.runDueJobs();
        assertThat(p.breaches()).containsExactly("REFERRAL_TO_FIRST_ATTENDANCE");
        assertThat(p.breachTaskIntervals()).containsExactly("REFERRAL_TO_FIRST_ATTENDANCE");
    }

    @Test
    void aCorrectionThatShowsAnEndedIntervalBreachedRecordsTheBreachAndRaisesItsFollowUp() {
        Pathway p = start("2026-03-02").firstAttendance("2026-03-09");
        assertThat(p.breaches()).isEmpty();

        today("2026-03-12");
        correctDate(p, "A32S", "2026-03-11");

        assertThat(p.breaches()).containsExactly("REFERRAL_TO_FIRST_ATTENDANCE");
        assertThat(p.breachTaskIntervals()).containsExactly("REFERRAL_TO_FIRST_ATTENDANCE");
        assertThat(p.task("followUpBreach")).hasCandidateGroup("forlopskoordinator");
    }

    @Test
    void aCorrectionThatShowsABreachedIntervalMetWithdrawsTheBreachAndEndsItsFollowUp() {
        Pathway p = start("2026-03-02");
        today("2026-03-11");
        p.runDueJobs();
        assertThat(p.breachTaskIntervals()).containsExactly("REFERRAL_TO_FIRST_ATTENDANCE");
        p.firstAttendance("2026-03-12");

        correctDate(p, "A32S", "2026-03-10");

        assertThat(p.withdrawalReason("REFERRAL_TO_FIRST_ATTENDANCE")).isEqualTo("MET");
        assertThat(p.breachTasks()).isEmpty();
    }

    @Test
    void aDateOutOfOrderOrWithoutReasonIsRefusedAndNothingChanges() {
        Pathway p = start("2026-03-02").firstAttendance("2026-03-09");
        p.endoscopy("2026-03-12", "OTHER_DISEASE");
        today("2026-03-20");

        assertThatThrownBy(() -> correctDate(p, "A32S", "2026-03-01")).isInstanceOfSatisfying(
                InputRefusedException.class,
                e -> assertThat(e.errors()).singleElement()
                    .satisfies(error -> assertThat(error.message()).contains("01.03.2026")
                        .contains("mottaksdatoen for henvisningen")));
        assertThatThrownBy(() -> correctDate(p, "A32A", "2026-03-10")).isInstanceOfSatisfying(
                InputRefusedException.class,
                e -> assertThat(e.errors().get(0).message()).contains("etter datoen for første fremmøte"));
        assertThatThrownBy(() -> correctDate(p, "A32S", "2026-03-21")).isInstanceOf(InputRefusedException.class);
        assertThatThrownBy(() -> corrections().correct(p.id(), new Request("A32S", "2026-03-08", null, " ", null), "k"))
            .isInstanceOfSatisfying(InputRefusedException.class, e -> assertThat(fields(e)).containsExactly("reason"));
        assertThatThrownBy(
                () -> corrections().correct(p.id(), new Request("A32S", "2026-03-08", true, REASON, null), "k"))
            .isInstanceOfSatisfying(InputRefusedException.class, e -> assertThat(fields(e)).containsExactly("date"));
        assertThatThrownBy(() -> correctDate(p, "A32CK", "2026-03-08"))
            .isInstanceOfSatisfying(InputRefusedException.class, e -> assertThat(fields(e)).containsExactly("code"));

        assertThat(p.codes()).containsExactly("A32A 2026-03-02", "A32S 2026-03-09");
        assertThat(correctionsOf(p)).isEmpty();
        assertThat(p.variable("firstAttendanceDate")).isEqualTo("2026-03-09");
        // the gastroscopy as the filter function may lie before the first attendance
        correctDate(p, "A32S", "2026-03-13");
        assertThat(p.codes()).containsExactly("A32A 2026-03-02", "A32S 2026-03-13");
    }

    @Test
    void theDecisionAndTheNoTreatmentCodeItRegisteredMoveTogether() {
        Pathway p = start("2026-03-02").firstAttendance("2026-03-09");
        p.endoscopy("2026-03-10", "OESOPHAGEAL_OR_GASTRIC_CANCER").mdt("2026-03-16", "T2", "N1", "M0", 1, true, true);
        p.decision("2026-03-20", "CK", "ACTIVE_SURVEILLANCE");
        today("2026-03-25");

        correctDate(p, "A32CK", "2026-03-19");

        assertThat(p.codes()).containsExactly("A32A 2026-03-02", "A32S 2026-03-09", "A32CK 2026-03-19",
                "A32FO 2026-03-19");
        assertThat(correctionsOf(p)).extracting(CodeCorrection::code).containsExactly("A32CK", "A32FO");
    }

    // ------------------------------------------------------------------ withdrawals

    @Test
    void withdrawingNoCancerPutsThePathwayBackToTheDecisionAndANewDecisionRegisters() {
        Pathway p = start("2026-03-02").firstAttendance("2026-03-09");
        p.endoscopy("2026-03-10", "NO_DISEASE").decision("2026-03-12", "CI", null);
        assertThat(p.openTaskKeys()).contains("informPatientOfResult").doesNotContain("pathwayAdministration");

        today("2026-03-13");
        withdraw(p, "A32CI");

        assertThat(p.codes()).containsExactly("A32A 2026-03-02", "A32S 2026-03-09");
        assertThat(p.openTaskKeys()).contains("clinicalDecision", "pathwayAdministration")
            .doesNotContain("informPatientOfResult", "informGpOfDecision");
        assertThat(p.variable("decisionCode")).isNull();
        assertThat(p.timer("deadlineDecision").getDuedate()).isEqualTo(Date.from(oslo("2026-03-31", "00:00")));
        assertThat(p.timer("deadlineReferralToTreatment")).isNotNull();
        assertThat(correctionsOf(p)).singleElement().satisfies(c -> {
            assertThat(c.withdrawn()).isTrue();
            assertThat(c.oldDate()).hasToString("2026-03-12");
            assertThat(c.newDate()).isNull();
        });

        p.decision("2026-03-13", "CA", null);
        assertThat(p.codes()).containsExactly("A32A 2026-03-02", "A32S 2026-03-09", "A32CA 2026-03-13");
        assertThat(p.openTaskKeys()).contains("informPatientOfResult").doesNotContain("pathwayAdministration");
    }

    @Test
    void withdrawingTheTreatmentStartPutsThePathwayBackToItAndItsFollowUpGoes() {
        Pathway p = start("2026-03-02").firstAttendance("2026-03-09");
        p.endoscopy("2026-03-10", "OESOPHAGEAL_OR_GASTRIC_CANCER").mdt("2026-03-16", "T1B", "N0", "M0", 0, true, true);
        p.decision("2026-03-20", "CK", "SURGERY").treatmentStart("2026-03-30", "SURGERY");
        assertThat(p.openTaskKeys()).contains("registerEndOfTreatment", "rehabilitationAssessment");

        today("2026-03-31");
        withdraw(p, "A32FK");

        assertThat(p.codes()).containsExactly("A32A 2026-03-02", "A32S 2026-03-09", "A32CK 2026-03-20");
        assertThat(p.openTaskKeys()).contains("registerTreatmentStart", "pathwayAdministration")
            .doesNotContain("registerEndOfTreatment", "rehabilitationAssessment");
        assertThat(p.timer("deadlineTreatment").getDuedate()).isEqualTo(Date.from(oslo("2026-04-04", "00:00")));
        // the treatment actually given is asked again (the plan's suggestion stands in
        // the
        // form)
        assertThat(p.variable("treatmentStartDate")).isNull();

        p.treatmentStart("2026-03-31", "DRUG");
        assertThat(p.codes()).endsWith("A32FM 2026-03-31");
    }

    @Test
    void withdrawingActiveSurveillanceWithdrawsItsDecisionTooAndPutsThePathwayBackToTheDecision() {
        Pathway p = start("2026-03-02").firstAttendance("2026-03-09");
        p.endoscopy("2026-03-10", "OESOPHAGEAL_OR_GASTRIC_CANCER").mdt("2026-03-16", "T2", "N1", "M0", 1, true, true);
        p.decision("2026-03-20", "CK", "ACTIVE_SURVEILLANCE");
        assertThat(p.codes()).endsWith("A32FO 2026-03-20");

        withdraw(p, "A32FO");

        assertThat(p.codes()).containsExactly("A32A 2026-03-02", "A32S 2026-03-09");
        assertThat(p.openTaskKeys()).contains("clinicalDecision").doesNotContain("makeControlPlan");
        assertThat(correctionsOf(p)).extracting(CodeCorrection::code).containsExactlyInAnyOrder("A32CK", "A32FO");
    }

    @Test
    void aCodeWithLaterCodesAfterItOrTheStartCodeCannotBeWithdrawn() {
        Pathway p = start("2026-03-02").firstAttendance("2026-03-09");
        p.endoscopy("2026-03-10", "NO_DISEASE").decision("2026-03-12", "CI", null);

        assertThatThrownBy(() -> withdraw(p, "A32S")).isInstanceOfSatisfying(PathwayConflictException.class,
                e -> assertThat(e.getMessage()).contains("A32CI"));
        assertThatThrownBy(() -> withdraw(p, "A32A")).isInstanceOf(InputRefusedException.class);
        assertThat(p.codes()).hasSize(3);
        assertThat(correctionsOf(p)).isEmpty();
    }

    @Test
    void withdrawingTheFirstAttendancePutsThePathwayBackToIt() {
        Pathway p = start("2026-03-02").firstAttendance("2026-03-05");

        withdraw(p, "A32S");

        assertThat(p.codes()).containsExactly("A32A 2026-03-02");
        assertThat(p.openTaskKeys()).contains("registerFirstAttendance", "pathwayAdministration")
            .doesNotContain("registerEndoscopyResult", "nutritionScreening");
        assertThat(p.timer("deadlineFirstAttendance").getDuedate()).isEqualTo(Date.from(oslo("2026-03-11", "00:00")));
        assertThat(p.timer("deadlineDecision")).isNull();
    }

    @Test
    void withdrawingATerminationBringsBackTheTasksItEndedAndEndsTheCareAfterIt() {
        Pathway p = start("2026-03-02").firstAttendance("2026-03-05");
        assertThat(p.openTaskKeys()).contains("registerEndoscopyResult", "informPatientAtReferral",
                "nutritionScreening");
        p.terminate("2026-03-06", "PATIENT_DECLINES");
        assertThat(p.openTaskKeys()).contains("informGpOfTermination")
            .doesNotContain("registerEndoscopyResult", "pathwayAdministration");

        today("2026-03-09");
        withdraw(p, "A32X");

        assertThat(p.codes()).containsExactly("A32A 2026-03-02", "A32S 2026-03-05");
        assertThat(p.openTaskKeys())
            .contains("registerEndoscopyResult", "informPatientAtReferral", "nutritionScreening",
                    "pathwayAdministration")
            .doesNotContain("informGpOfTermination");
        assertThat(p.variable("terminationReason")).isNull();
        assertThat(p.timer("deadlineDecision").getDuedate()).isEqualTo(Date.from(oslo("2026-03-27", "00:00")));
        assertThat(p.timer("deadlineReferralToTreatment").getDuedate())
            .isEqualTo(Date.from(oslo("2026-04-15", "00:00")));
        assertThat(p.task("registerEndoscopyResult").getDueDate()).isEqualTo(Date.from(oslo("2026-03-26", "23:59:59")));

        // the pathway runs on: it can be ended again, and the care after it follows
        p.terminate("2026-03-10", "DEATH");
        assertThat(p.codes()).endsWith("A32X 2026-03-10");
        assertThat(p.openTaskKeys()).contains("informGpOfTermination").doesNotContain("registerEndoscopyResult");
    }

    @Test
    void aPathwayWhoseFollowUpHadEndedIsStartedAgainAtTheDecisionWithItsRecords() {
        Pathway p = start("2026-03-02").firstAttendance("2026-03-09");
        p.endoscopy("2026-03-10", "NO_DISEASE").decision("2026-03-12", "CI", null);
        p.completeAllDialogueAndFollowUp();
        assertThat(p.ended()).isTrue();

        today("2026-03-20");
        withdraw(p, "A32CI");

        ProcessInstance again = runtimeService().createProcessInstanceQuery()
            .processInstanceBusinessKey(p.pi.getBusinessKey())
            .singleResult();
        assertThat(again).isNotNull();
        assertThat(again.getId()).isNotEqualTo(p.id());
        assertThat(ENGINE.codes.codesOf(again.getId())).extracting(c -> c.code() + " " + c.date())
            .containsExactly("A32A 2026-03-02", "A32S 2026-03-09");
        assertThat(ENGINE.codes.correctionsOf(again.getId())).singleElement()
            .satisfies(c -> assertThat(c.withdrawn()).isTrue());
        assertThat(ENGINE.jdbc.queryForObject("select process_instance_id from referral where referral_id = ?",
                String.class, p.pi.getBusinessKey()))
            .isEqualTo(again.getId());
        assertThat(taskService().createTaskQuery().processInstanceId(again.getId()).list())
            .extracting(Task::getTaskDefinitionKey)
            .contains("clinicalDecision", "pathwayAdministration");
        assertThat(runtimeService().getVariable(again.getId(), "decisionCode")).isNull();
        assertThat(runtimeService().getVariable(again.getId(), "endoscopyResult")).isEqualTo("NO_DISEASE");
        assertThat(managementService().createJobQuery()
            .processInstanceId(again.getId())
            .activityId("deadlineDecision")
            .singleResult()
            .getDuedate()).isEqualTo(Date.from(oslo("2026-03-31", "00:00")));
    }

    @Test
    void aCodeIsNotWithdrawnWhenThePatientHasAnotherRunningPathway() {
        Pathway first = start("2026-03-02").firstAttendance("2026-03-09");
        first.endoscopy("2026-03-10", "NO_DISEASE").decision("2026-03-12", "CI", null);
        Pathway second = startAgain(first, "2026-04-01", "NEW_PRIMARY");
        assertThat(second.codes()).containsExactly("A32A 2026-04-01");

        assertThatThrownBy(() -> withdraw(first, "A32CI")).isInstanceOfSatisfying(PathwayConflictException.class,
                e -> assertThat(e.getMessage()).contains(second.pi.getBusinessKey()));
        assertThat(first.codes()).endsWith("A32CI 2026-03-12");
        assertThat(correctionsOf(first)).isEmpty();
    }

    @Test
    void aTransfersDateIsNeverCorrectedToAfterTheTermination() {
        Pathway p = start("2026-03-02").firstAttendance("2026-03-05").transfer("2026-03-06", "Helse Bergen HF");
        p.terminate("2026-03-10", "PATIENT_DECLINES");
        today("2026-03-12");

        assertThatThrownBy(() -> correctDate(p, "A32O", "2026-03-11")).isInstanceOfSatisfying(
                InputRefusedException.class,
                e -> assertThat(e.errors().get(0).message()).contains("avslutningen A32X"));
        correctDate(p, "A32O", "2026-03-04");
        assertThat(p.codes()).contains("A32O 2026-03-04");
    }

    @Test
    void withdrawingATransferKeepsThePathwayAtItsHospital() {
        Pathway p = start("2026-03-02").firstAttendance("2026-03-05")
            .transfer("2026-03-06", "Oslo universitetssykehus HF");
        assertThat(p.variable("hospital")).isEqualTo("Oslo universitetssykehus HF");

        withdraw(p, "A32O");

        assertThat(p.codes()).containsExactly("A32A 2026-03-02", "A32S 2026-03-05");
        assertThat(p.variable("hospital")).isEqualTo("Helse Nord HF");
        assertThat(p.openTaskKeys()).contains("pathwayAdministration", "registerEndoscopyResult");
    }

    @Test
    void aWithdrawnTreatmentBreachComesBackWhenTheCodeThatMadeItNotApplyIsWithdrawn() {
        // palliative chemotherapy (group 4), where a stent given first is symptom relief
        Pathway p = start("2026-03-02").firstAttendance("2026-03-09");
        p.endoscopy("2026-03-10", "OESOPHAGEAL_OR_GASTRIC_CANCER").mdt("2026-03-16", "T2", "N1", "M1", 1, true, true);
        p.decision("2026-03-20", "CK", "DRUG");
        today("2026-04-04");
        p.runDueJobs();
        assertThat(p.breachTaskIntervals()).containsExactly("DECISION_TO_TREATMENT");
        p.treatmentStart("2026-04-05", "SYMPTOM_RELIEF");
        assertThat(p.withdrawalReason("DECISION_TO_TREATMENT")).isEqualTo("NOT_APPLICABLE");

        withdraw(p, "A32FL");
        p.runDueJobs();

        assertThat(p.withdrawalReason("DECISION_TO_TREATMENT")).isNull();
        assertThat(p.breachTaskIntervals()).containsExactly("DECISION_TO_TREATMENT");
        assertThat(p.openTaskKeys()).contains("registerTreatmentStart");
    }

}
