package no.pakkeforlop.process;

import static no.pakkeforlop.testsupport.TestData.OSLO;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.managementService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.taskService;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import no.pakkeforlop.codes.RegisteredCode;
import no.pakkeforlop.refusals.FieldError;
import no.pakkeforlop.refusals.InputRefusedException;
import no.pakkeforlop.testsupport.FormAnswers;
import no.pakkeforlop.testsupport.PathwayEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.camunda.community.process_test_coverage.junit5.platform7.ProcessEngineCoverageExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Engine tests of the whole pathway: every path, every timer and every escape hatch, each
 * with the exact codes and dates registered. The engine clock is driven with ClockUtil;
 * jobs are executed by hand.
 */
class PathwayProcessTest extends PathwayTestSupport {

    static final PathwayEngine ENGINE = PathwayEngine.withCoverage();

    @RegisterExtension
    static ProcessEngineCoverageExtension extension = ProcessEngineCoverageExtension.builder(ENGINE.configuration)
        .assertClassCoverageAtLeast(0.95)
        .build();

    @Override
    PathwayEngine engine() {
        return ENGINE;
    }

    // ------------------------------------------------------------------ entry

    @ParameterizedTest
    @EnumSource(names = { "MARKED_REFERRAL", "UNMARKED_MEETS_CRITERIA", "SUSPICION_IN_SPECIALIST_CARE" })
    void eachStartBasisRegistersA32aOnTheReceivedDateAndWaitsForFirstAttendance(StartBasis basis) {
        Pathway p = start("2026-03-02", basis.name());

        assertThat(p.codes()).containsExactly("A32A 2026-03-02");
        RegisteredCode a = p.registrations().get(0);
        assertThat(a.referralId()).isEqualTo(p.pi.getBusinessKey());
        assertThat(a.hospital()).isEqualTo("Helse Nord HF");
        assertThat(a.registeredBy()).isEqualTo("system");
        assertThat(p.pi).isWaitingAt("registerFirstAttendance", "informPatientAtReferral", "pathwayAdministration");
        assertThat(p.task("registerFirstAttendance")).hasCandidateGroup("forlopskoordinator");
        assertThat(p.task("informPatientAtReferral")).hasCandidateGroup("forlopskoordinator");
        assertThat(p.timers()).extracting(Job::getDuedate)
            .containsExactlyInAnyOrder(Date.from(oslo("2026-03-11", "00:00")), Date.from(oslo("2026-04-15", "00:00")));
    }

    enum StartBasis {

        MARKED_REFERRAL, UNMARKED_MEETS_CRITERIA, SUSPICION_IN_SPECIALIST_CARE

    }

    // ------------------------------------------------------------------ a patient who
    // had a pathway before: recurrence, new cancer, uncertain origin (pathway.md)

    /** A pathway that ended in January: no disease found, A32CI. */
    Pathway finishedPathway() {
        Pathway earlier = start("2026-01-05").firstAttendance("2026-01-08")
            .endoscopy("2026-01-12", "NO_DISEASE")
            .decision("2026-01-15", "CI", null);
        assertThat(earlier.codes()).last().isEqualTo("A32CI 2026-01-15");
        return earlier;
    }

    @Test
    void aReferralAfterAFinishedPathwayThatDoesNotSayWhatItIsWaitsForTheCoordinatorBeforeAnyCode() {
        Pathway earlier = finishedPathway();

        Pathway p = startAgain(earlier, "2026-03-02", null);

        assertThat(p.pi).isWaitingAt("clarifyPreviousCancer");
        assertThat(p.openTaskKeys()).containsExactly("clarifyPreviousCancer");
        assertThat(p.task("clarifyPreviousCancer")).hasCandidateGroup("forlopskoordinator");
        assertThat(p.codes()).isEmpty();
        assertThat(p.timers()).isEmpty();
        assertThat(p.variable("previousReferralId")).isEqualTo(earlier.pi.getBusinessKey());
        assertThat(p.variable("previousReceivedDate")).isEqualTo("2026-01-05");
        // the coordinator must choose
        assertThatThrownBy(() -> p.completeTask("clarifyPreviousCancer")).isInstanceOf(InputRefusedException.class)
            .hasMessageContaining("Hva gjelder henvisningen?");
        assertThat(p.codes()).isEmpty();
    }

    @Test
    void aNewCancerDecidedDaysLaterRegistersA32aOnTheDayTheReferralWasReceived() {
        Pathway p = startAgain(finishedPathway(), "2026-03-02", null);

        today("2026-03-05");
        p.completeTask("clarifyPreviousCancer", "previousCancerDecision", "NEW_PRIMARY");

        assertThat(p.variable("previousCancer")).isEqualTo("NEW_PRIMARY");
        assertThat(p.codes()).containsExactly("A32A 2026-03-02");
        assertThat(p.pi).isWaitingAt("registerFirstAttendance", "informPatientAtReferral", "pathwayAdministration");
        // the 8 and 43 days run from the received date, not from the clarification
        assertThat(p.timers()).extracting(Job::getDuedate)
            .containsExactlyInAnyOrder(Date.from(oslo("2026-03-11", "00:00")), Date.from(oslo("2026-04-15", "00:00")));
        p.firstAttendance("2026-03-09");
        assertThat(p.codes()).containsExactly("A32A 2026-03-02", "A32S 2026-03-09");
    }

    @Test
    void aNewCancerSaidInTheReferralStartsThePathwayAtOnce() {
        Pathway p = startAgain(finishedPathway(), "2026-03-02", "NEW_PRIMARY");

        assertThat(p.pi).hasNotPassed("clarifyPreviousCancer");
        assertThat(p.codes()).containsExactly("A32A 2026-03-02");
        assertThat(p.pi).isWaitingAt("registerFirstAttendance", "informPatientAtReferral", "pathwayAdministration");
    }

    @Test
    void aRecurrenceFollowsTheSameStepsAndDueDatesButRegistersNoCodeAndNoBreach() {
        Pathway p = startAgain(finishedPathway(), "2026-03-02", "RECURRENCE");

        assertThat(p.pi).hasNotPassed("clarifyPreviousCancer", "registerReferral");
        assertThat(p.pi).isWaitingAt("registerFirstAttendance", "informPatientAtReferral", "pathwayAdministration");
        assertThat(p.codes()).isEmpty();
        // the deadlines stay as guidance: the task's due date and the timers
        assertThat(p.task("registerFirstAttendance").getDueDate()).isEqualTo(Date.from(oslo("2026-03-10", "23:59:59")));
        assertThat(p.timers()).extracting(Job::getDuedate)
            .containsExactlyInAnyOrder(Date.from(oslo("2026-03-11", "00:00")), Date.from(oslo("2026-04-15", "00:00")));

        // 8 days pass without a first attendance: no breach recorded, no follow-up task
        clock("2026-03-11", "01:00");
        p.runDueJobs();
        assertThat(p.breaches()).isEmpty();
        assertThat(p.breachTasks()).isEmpty();
        assertThat(p.pi).isWaitingAt("registerFirstAttendance");

        p.firstAttendance("2026-03-12")
            .endoscopy("2026-03-16", "OESOPHAGEAL_OR_GASTRIC_CANCER")
            .mdt("2026-03-20", "T1A", "N0", "M0", 1, true, true)
            .decision("2026-03-24", "CK", "SURGERY")
            .treatmentStart("2026-05-04");
        clock("2026-05-05", "01:00");
        p.runDueJobs();

        assertThat(p.codes()).isEmpty();
        assertThat(p.breaches()).isEmpty();
        assertThat(p.breachTasks()).isEmpty();
        assertThat(engine().jdbc.queryForObject("select count(*) from pathway_code where process_instance_id = ?",
                Integer.class, p.id()))
            .isZero();
        // the care after the treatment start follows as for any patient
        assertThat(p.variable("pathwayEndCode")).isEqualTo("FK");
        assertThat(p.openTaskKeys()).contains("rehabilitationAssessment", "registerEndOfTreatment");
    }

    @Test
    void aRecurrenceDecidedByTheCoordinatorRegistersNothing() {
        Pathway p = startAgain(finishedPathway(), "2026-03-02", null);

        p.completeTask("clarifyPreviousCancer", "previousCancerDecision", "RECURRENCE");

        assertThat(p.pi).hasPassed("clarifyPreviousCancer").hasNotPassed("registerReferral");
        assertThat(p.pi).isWaitingAt("registerFirstAttendance", "informPatientAtReferral", "pathwayAdministration");
        assertThat(p.codes()).isEmpty();
    }

    @Test
    void aTerminatedRecurrenceRegistersNoA32xButTheCareAfterItFollows() {
        Pathway p = startAgain(finishedPathway(), "2026-03-02", "RECURRENCE");

        p.terminate("2026-03-04", "PATIENT_DECLINES");

        assertThat(p.codes()).isEmpty();
        assertThat(p.pi).hasPassed("pathwayTerminated").isWaitingAt("terminationCareCall");
        assertThat(p.openTaskKeys()).contains("informGpOfTermination");
    }

    @Test
    void anUncertainOriginIsReferredToTheMetastasisPathwayAndEndsWithoutACode() {
        Pathway p = startAgain(finishedPathway(), "2026-03-02", null);

        p.completeTask("clarifyPreviousCancer", "previousCancerDecision", "UNCERTAIN_ORIGIN");

        assertThat(p.openTaskKeys()).containsExactly("referToMetastasisPathway");
        assertThat(p.task("referToMetastasisPathway")).hasCandidateGroup("forlopskoordinator");
        assertThat(p.timers()).isEmpty();
        assertThatThrownBy(() -> p.completeTask("referToMetastasisPathway")).isInstanceOf(InputRefusedException.class);
        p.completeTask("referToMetastasisPathway", FormAnswers.complete("referToMetastasisPathway"));

        assertThat(p.pi).isEnded()
            .hasPassed("referredToMetastasisPathway")
            .hasNotPassed("registerReferral", "pathwayScope");
        assertThat(p.codes()).isEmpty();
    }

    @Test
    void anUncertainOriginSaidInTheReferralGoesStraightToTheMetastasisPathway() {
        Pathway p = startAgain(finishedPathway(), "2026-03-02", "UNCERTAIN_ORIGIN");

        assertThat(p.openTaskKeys()).containsExactly("referToMetastasisPathway");
        assertThat(p.codes()).isEmpty();
    }

    @Test
    void aFirstReferralThatSaysRecurrenceOfACancerTreatedElsewhereRegistersNoCode() {
        Pathway p = startSaying("2026-03-02", "RECURRENCE");

        assertThat(p.variable("previousReferralId")).isNull();
        assertThat(p.pi).hasNotPassed("clarifyPreviousCancer");
        assertThat(p.pi).isWaitingAt("registerFirstAttendance", "informPatientAtReferral", "pathwayAdministration");
        assertThat(p.codes()).isEmpty();
    }

    @Test
    void aRunningRecurrenceIsThePatientsActivePathwayUntilItsOutcome() {
        Pathway earlier = finishedPathway();
        Pathway recurrence = startAgain(earlier, "2026-03-02", "RECURRENCE");

        assertThatThrownBy(() -> startAgain(earlier, "2026-03-03", "NEW_PRIMARY"))
            .isInstanceOf(no.pakkeforlop.refusals.ActivePathwayExistsException.class);

        recurrence.firstAttendance("2026-03-05")
            .endoscopy("2026-03-09", "NO_DISEASE")
            .decision("2026-03-10", "CI", null);
        Pathway next = startAgain(earlier, "2026-03-11", null);
        assertThat(next.variable("previousReferralId")).isEqualTo(recurrence.pi.getBusinessKey());
        assertThat(next.pi).isWaitingAt("clarifyPreviousCancer");
    }

    // ------------------------------------------------------------------ the five
    // treatment groups

    static Stream<Arguments> treatmentGroups() {
        return Stream.of(
                Arguments.of("T1A", "N0", "M0", 1, true, true, "ENDOSCOPIC_OR_SURGERY_ALONE", "SURGERY", "A32FK"),
                Arguments.of("T3", "N1", "M0", 0, true, true, "SURGERY_WITH_NEOADJUVANT_OR_CURATIVE_CHEMORADIATION",
                        "DRUG", "A32FM"),
                Arguments.of("T4B", "N2", "M0", 1, true, false, "LOCALLY_ADVANCED_CHEMORADIATION", "RADIATION",
                        "A32FS"),
                Arguments.of("T3", "N2", "M1", 2, false, false, "PALLIATIVE_CHEMOTHERAPY", "DRUG", "A32FM"),
                Arguments.of("T4A", "N3", "M1", 3, false, false, "SYMPTOM_RELIEF", "SYMPTOM_RELIEF", "A32FL"));
    }

    @ParameterizedTest
    @MethodSource("treatmentGroups")
    void eachTreatmentGroupRunsThroughTreatmentStartToFollowUp(String t, String n, String m, int ecog, boolean operable,
            boolean resectable, String expectedGroup, String plannedTreatment, String expectedCode) {
        Pathway p = start("2026-03-02").firstAttendance("2026-03-09")
            .endoscopy("2026-03-12", "OESOPHAGEAL_OR_GASTRIC_CANCER");
        assertThat(p.pi).isWaitingAt("mdtAssessment");
        assertThat(p.task("mdtAssessment")).hasCandidateGroup("mdt");

        p.mdt("2026-03-17", t, n, m, ecog, operable, resectable);
        assertThat(p.variable("proposedTreatmentGroup")).isEqualTo(expectedGroup);
        assertThat(p.variable("treatmentGroup")).isEqualTo(expectedGroup);
        assertThat(p.pi).isWaitingAt("clinicalDecision");

        p.decision("2026-03-23", "CK", plannedTreatment);
        // the dialogue before treatment and the GP's information start beside the
        // milestone, without blocking it
        assertThat(p.openTaskKeys()).contains("registerTreatmentStart", "informBeforeTreatment", "offerNeedsAssessment",
                "informGpOfDecision");

        p.treatmentStart("2026-04-01");
        assertThat(p.codes()).containsExactly("A32A 2026-03-02", "A32S 2026-03-09", "A32CK 2026-03-23",
                expectedCode + " 2026-04-01");
        assertThat(p.variable("pathwayOutcome")).isEqualTo("TREATMENT_STARTED");
        assertThat(p.timers()).isEmpty();
        if ("PALLIATIVE_CHEMOTHERAPY".equals(expectedGroup)) {
            // palliative chemotherapy is palliative: the palliative team, the GP and a
            // follow-up plan at once; no end of primary treatment to wait for
            assertThat(p.openTaskKeys())
                .contains("assessPalliativeCare", "informGpOfPalliativeTreatment", "palliativeFollowUpPlan")
                .doesNotContain("registerEndOfTreatment", "rehabilitationAssessment", "pathwayAdministration");
            assertThat(p.task("palliativeFollowUpPlan")).hasCandidateGroup("lege");
            assertThat(p.task("informGpOfPalliativeTreatment")).hasCandidateGroup("forlopskoordinator");
            p.completeAllDialogueAndFollowUp();
            assertThat(p.pi).isEnded()
                .hasPassed("palliativeCareAssessed", "gpInformedOfPalliativeTreatment", "palliativeFollowUpPlanned",
                        "pathwayDone")
                .hasNotPassed("registerEndOfTreatment");
            return;
        }
        // discharge, nutrition and the GP wait for the end of primary treatment;
        // rehabilitation is assessed at once
        assertThat(p.openTaskKeys()).doesNotContain("pathwayAdministration")
            .contains("registerEndOfTreatment", "rehabilitationAssessment")
            .doesNotContainAnyElementsOf(AFTER_END_OF_TREATMENT);
        // the treating department knows when its treatment ended
        assertThat(p.task("registerEndOfTreatment")).hasCandidateGroup("lege");
        // group 3 is reassessed for resection after its response
        boolean groupThree = "LOCALLY_ADVANCED_CHEMORADIATION".equals(expectedGroup);
        assertThat(p.openTaskKeys().contains("reassessResectability")).isEqualTo(groupThree);
        if (groupThree) {
            assertThat(p.task("reassessResectability")).hasCandidateGroup("mdt");
        }

        p.endOfTreatment("2026-06-15");
        assertThat(p.openTaskKeys()).containsAll(AFTER_END_OF_TREATMENT);
        p.completeAllDialogueAndFollowUp();
        assertThat(p.pi).isEnded()
            .hasPassed("registerEndOfTreatment", "dischargeConversation", "firstNutritionControl",
                    "rehabilitationAssessment", "informGeneralPractitioner", "followUpDone",
                    "dialogueBeforeTreatmentDone", "patientInformed", "gpInformedOfDecision", "needsTalkOffered",
                    "pathwayDone", groupThree ? "resectabilityReassessed" : "noReassessment")
            .hasNotPassed("terminationCareCall");
        assertThat(p.codes()).hasSize(4);
        assertThat(p.breaches()).isEmpty();
    }

    @Test
    void supplementaryWorkupSendsThePatientBackToTheMdt() {
        Pathway p = start("2026-03-02").firstAttendance("2026-03-04")
            .endoscopy("2026-03-05", "OESOPHAGEAL_OR_GASTRIC_CANCER")
            .mdt("2026-03-10", "TX", "NX", "M0", 1, true, true, true);
        assertThat(p.pi).isWaitingAt("supplementaryWorkup");
        assertThat(p.task("supplementaryWorkup")).hasCandidateGroup("lege");

        p.completeTask("supplementaryWorkup", "workupPetCt", true, "workupSummary", "PET-CT: ingen fjernspredning.");
        assertThat(p.pi).isWaitingAt("mdtAssessment");
        p.mdt("2026-03-16", "T2", "N0", "M0", 1, true, true);
        assertThat(p.variable("treatmentGroup")).isEqualTo("SURGERY_WITH_NEOADJUVANT_OR_CURATIVE_CHEMORADIATION");

        p.decision("2026-03-18", "CK", "SURGERY").treatmentStart("2026-03-30", "SURGERY");
        assertThat(p.codes()).containsExactly("A32A 2026-03-02", "A32S 2026-03-04", "A32CK 2026-03-18",
                "A32FK 2026-03-30");
    }

    @Test
    void aDeviationReasonGivenWhileWorkupIsAskedIsNotLeftStandingForTheNextMdtRound() {
        Pathway p = start("2026-03-02").firstAttendance("2026-03-04")
            .endoscopy("2026-03-05", "OESOPHAGEAL_OR_GASTRIC_CANCER");
        Map<String, Object> record = mdtRecord("2026-03-10", "TX", "NX", "M0", 1, true, true);
        record.put("supplementaryWorkupNeeded", true);
        record.put("groupDeviationReason", "Foreløpig: trolig lokalavansert.");
        today("2026-03-10");
        complete(p.task("mdtAssessment"), record);

        assertThat(p.pi).isWaitingAt("supplementaryWorkup");
        assertThat(p.variable("groupDeviationReason")).isNull();
    }

    // ------------------------------------------------------------------ decisions that
    // end the pathway

    @ParameterizedTest
    @CsvSource({ "OTHER_CANCER, CM, A32CM", "OTHER_DISEASE, CA, A32CA", "NO_DISEASE, CI, A32CI" })
    void aDecisionOtherThanCkEndsThePathwayOnTheDecisionDate(String endoscopyResult, String decisionCode, String code) {
        Pathway p = start("2026-05-04").firstAttendance("2026-05-06").endoscopy("2026-05-08", endoscopyResult);
        assertThat(p.pi).isWaitingAt("clinicalDecision");

        p.decision("2026-05-15", decisionCode, null);
        assertThat(p.codes()).containsExactly("A32A 2026-05-04", "A32S 2026-05-06", code + " 2026-05-15");
        assertThat(p.variable("pathwayOutcome")).isEqualTo("CLOSED_WITHOUT_TREATMENT");
        assertThat(p.timers()).isEmpty();
        String followUp = "CM".equals(decisionCode) ? "referToOtherPathway" : "informPatientOfResult";
        assertThat(p.openTaskKeys()).containsExactlyInAnyOrder("informPatientAtReferral", "informGpOfDecision",
                "nutritionScreening", followUp);

        p.completeAllDialogueAndFollowUp();
        assertThat(p.pi).isEnded()
            .hasPassed("endedAfterDecision", followUp)
            .hasNotPassed("splitAfterTreatmentStart", "informBeforeTreatment");
    }

    @Test
    void otherCancerFoundByTheMdtEndsWithA32cm() {
        Pathway p = start("2026-05-04").firstAttendance("2026-05-06")
            .endoscopy("2026-05-08", "OESOPHAGEAL_OR_GASTRIC_CANCER")
            .mdt("2026-05-12", "T2", "N1", "M0", 0, true, true)
            .decision("2026-05-14", "CM", null);
        assertThat(p.codes()).containsExactly("A32A 2026-05-04", "A32S 2026-05-06", "A32CM 2026-05-14");
        // the staging order went with the MDT's group
        assertThat(p.openTaskKeys()).containsExactlyInAnyOrder("informPatientAtReferral", "informGpOfDecision",
                "nutritionScreening", "referToOtherPathway");
    }

    @ParameterizedTest
    @CsvSource({ "ACTIVE_SURVEILLANCE, A32FO, makeControlPlan, controlPlanMade",
            "NO_TREATMENT, A32FI, assessPalliativeCare, palliativeCareAssessed" })
    void activeSurveillanceAndNoTreatmentAreRegisteredOnTheDayOfTheConversation(String planned, String code,
            String followUp, String followedUp) {
        Pathway p = start("2026-06-01").firstAttendance("2026-06-03")
            .endoscopy("2026-06-05", "OESOPHAGEAL_OR_GASTRIC_CANCER")
            .mdt("2026-06-10", "T4A", "N2", "M1", 3, false, false)
            .decision("2026-06-12", "CK", planned);

        assertThat(p.codes()).containsExactly("A32A 2026-06-01", "A32S 2026-06-03", "A32CK 2026-06-12",
                code + " 2026-06-12");
        assertThat(p.variable("pathwayOutcome")).isEqualTo("CLOSED_WITHOUT_TREATMENT");
        assertThat(p.timers()).isEmpty();
        // no consent or side-effect talk for a patient who gets no treatment; the
        // follow-up of the decision instead, and the needs talk of Pakkeforløp hjem as
        // for every confirmed cancer
        assertThat(p.openTaskKeys()).containsExactlyInAnyOrder("informPatientAtReferral", "informGpOfDecision",
                "offerNeedsAssessment", "nutritionScreening", followUp);
        p.completeAllDialogueAndFollowUp();
        assertThat(p.pi).isEnded()
            .hasPassed("endedWithoutTreatment", followedUp, "offerNeedsAssessment")
            .hasNotPassed("informBeforeTreatment");
    }

    // ------------------------------------------------------------------ transfers

    @Test
    void aTransferRegistersA32oOnTheReferralDateAndMovesTheHospital() {
        Pathway p = start("2026-03-02").firstAttendance("2026-03-09")
            .transfer("2026-03-12", "Oslo universitetssykehus HF");

        assertThat(p.codes()).containsExactly("A32A 2026-03-02", "A32S 2026-03-09", "A32O 2026-03-12");
        assertThat(p.registrations().get(2).hospital()).isEqualTo("Helse Nord HF");
        assertThat(p.variable("hospital")).isEqualTo("Oslo universitetssykehus HF");
        // the workup goes on, and another transfer stays possible
        assertThat(p.pi).isWaitingAt("registerEndoscopyResult", "pathwayAdministration");
        // the hospital that takes over gets a hand-over note to act on
        assertThat(p.task("sendTransferSummary")).hasCandidateGroup("forlopskoordinator");
        assertThatThrownBy(() -> p.completeTask("sendTransferSummary")).isInstanceOf(InputRefusedException.class);
        p.completeTask("sendTransferSummary", FormAnswers.complete("sendTransferSummary"));
        assertThat(p.pi).hasPassed("transferRegistered", "transferSummarySent");

        p.endoscopy("2026-03-16", "NO_DISEASE").decision("2026-03-20", "CI", null);
        assertThat(p.registrations().get(3).hospital()).isEqualTo("Oslo universitetssykehus HF");
    }

    @Test
    void twoTransfersRegisterTwoA32oCodes() {
        Pathway p = start("2026-03-02").transfer("2026-03-03", "St. Olavs hospital HF")
            .firstAttendance("2026-03-06")
            .transfer("2026-03-12", "Oslo universitetssykehus HF");

        assertThat(p.codes()).containsExactly("A32A 2026-03-02", "A32O 2026-03-03", "A32S 2026-03-06",
                "A32O 2026-03-12");
        assertThat(p.registrations()).extracting(RegisteredCode::hospital)
            .containsExactly("Helse Nord HF", "Helse Nord HF", "St. Olavs hospital HF", "St. Olavs hospital HF");
        assertThat(p.registrations()).extracting(RegisteredCode::registrationKey)
            .containsExactly("REFERRAL", "TRANSFER#1", "FIRST_ATTENDANCE", "TRANSFER#2");
        assertThat(p.variable("hospital")).isEqualTo("Oslo universitetssykehus HF");
    }

    // ------------------------------------------------------------------ termination in
    // each phase

    enum Phase {

        BEFORE_FIRST_ATTENDANCE, AWAITING_ENDOSCOPY, AWAITING_MDT, IN_SUPPLEMENTARY_WORKUP, AWAITING_DECISION,
        AWAITING_TREATMENT_START, WITH_OPEN_BREACH_FOLLOW_UP

    }

    /**
     * A32X ends the pathway's clock: its open tasks and timers are gone. Not the care:
     * the GP is told, and once cancer is confirmed a patient who declines is offered the
     * needs talk and assessed for the palliative team (dialogue.TerminationCare).
     */
    @ParameterizedTest
    @EnumSource(Phase.class)
    void terminationRegistersA32xEndsEveryPathwayTaskAndTimerAndStartsTheCareAfterIt(Phase phase) {
        Pathway p = start("2026-03-02");
        String terminationDate = "2026-03-25";
        boolean cancerConfirmed = true;
        switch (phase) {
            case BEFORE_FIRST_ATTENDANCE -> cancerConfirmed = false;
            case AWAITING_ENDOSCOPY -> {
                p.firstAttendance("2026-03-09");
                cancerConfirmed = false;
            }
            case AWAITING_MDT ->
                p.firstAttendance("2026-03-09").endoscopy("2026-03-10", "OESOPHAGEAL_OR_GASTRIC_CANCER");
            case IN_SUPPLEMENTARY_WORKUP -> p.firstAttendance("2026-03-09")
                .endoscopy("2026-03-10", "OESOPHAGEAL_OR_GASTRIC_CANCER")
                .mdt("2026-03-12", "TX", "NX", "M0", 1, true, true, true);
            case AWAITING_DECISION -> p.firstAttendance("2026-03-09")
                .endoscopy("2026-03-10", "OESOPHAGEAL_OR_GASTRIC_CANCER")
                .mdt("2026-03-12", "T2", "N0", "M0", 1, true, true);
            case AWAITING_TREATMENT_START -> p.firstAttendance("2026-03-09")
                .endoscopy("2026-03-10", "OESOPHAGEAL_OR_GASTRIC_CANCER")
                .mdt("2026-03-12", "T2", "N0", "M0", 1, true, true)
                .decision("2026-03-16", "CK", "SURGERY");
            case WITH_OPEN_BREACH_FOLLOW_UP -> {
                clock("2026-03-11", "00:00");
                p.runDueJobs();
                assertThat(p.breachTaskIntervals()).containsExactly("REFERRAL_TO_FIRST_ATTENDANCE");
                cancerConfirmed = false;
            }
        }
        List<String> before = p.codes();

        p.terminate(terminationDate, "PATIENT_DECLINES");

        assertThat(p.codes()).hasSize(before.size() + 1)
            .startsWith(before.toArray(String[]::new))
            .endsWith("A32X " + terminationDate);
        assertThat(p.pi).hasPassed("phaseTerminated", "pathwayTerminated").isNotEnded();
        assertThat(managementService().createJobQuery().processInstanceId(p.id()).count()).isZero();
        // the offer of the talk at the decision (AWAITING_TREATMENT_START) was still
        // open: it
        // is made again
        List<String> care = new java.util.ArrayList<>(cancerConfirmed ? List.of("assessPalliativeCareAfterTermination",
                "informGpOfTermination", "offerNeedsAssessmentAfterTermination") : List.of("informGpOfTermination"));
        if (phase == Phase.WITH_OPEN_BREACH_FOLLOW_UP) {
            // a breach whose cause is not yet recorded is still followed up (issue 30,
            // item 6)
            care.add(0, "followUpBreach");
        }
        assertThat(p.openTaskKeys()).containsExactlyElementsOf(care);
        assertThat(p.task("informGpOfTermination")).hasCandidateGroup("forlopskoordinator");
        p.completeAllDialogueAndFollowUp();
        assertThat(p.pi).isEnded();
        assertThat(p.codes()).hasSize(before.size() + 1);
    }

    /**
     * A32X ends every task and timer of the pathway, not the follow-up of a breach whose
     * cause is not recorded yet: the breach still stands (BREACHED), so the coordinator
     * still answers why. The process instance runs until that is done, and nothing is
     * raised a second time for a breach already followed up.
     */
    @Test
    void aBreachFollowUpStillOpenWhenThePathwayIsTerminatedStaysOpenUntilItsCauseIsRecorded() {
        Pathway p = start("2026-03-02");
        clock("2026-03-11", "00:00");
        p.runDueJobs();
        p.firstAttendance("2026-03-12").endoscopy("2026-03-13", "OESOPHAGEAL_OR_GASTRIC_CANCER");
        clock("2026-04-03", "00:00");
        p.runDueJobs();
        assertThat(p.breachTaskIntervals()).containsExactlyInAnyOrder("REFERRAL_TO_FIRST_ATTENDANCE",
                "FIRST_ATTENDANCE_TO_DECISION");
        // the 8-day breach is followed up before the termination
        Task eightDays = p.breachTasks()
            .stream()
            .filter(t -> "REFERRAL_TO_FIRST_ATTENDANCE"
                .equals(taskService().getVariable(t.getId(), "breachedInterval")))
            .findFirst()
            .orElseThrow();
        taskService().complete(eightDays.getId(), FormAnswers.complete("followUpBreach"));

        p.terminate("2026-04-03", "PATIENT_DECLINES");

        assertThat(p.codes()).endsWith("A32X 2026-04-03");
        assertThat(p.pi).hasPassed("pathwayTerminated");
        assertThat(p.timers()).isEmpty();
        assertThat(p.openTaskKeys()).containsExactly("assessPalliativeCareAfterTermination", "followUpBreach",
                "informGpOfTermination", "offerNeedsAssessmentAfterTermination");
        // the open one only, with its interval, its group and its form: nothing raised
        // again for the one followed up
        assertThat(p.breachTaskIntervals()).containsExactly("FIRST_ATTENDANCE_TO_DECISION");
        assertThat(p.breachTasks().get(0)).hasCandidateGroup("forlopskoordinator");
        assertThat(p.withdrawalReason("FIRST_ATTENDANCE_TO_DECISION")).isNull();
        assertThat(p.breaches()).containsExactly("REFERRAL_TO_FIRST_ATTENDANCE", "FIRST_ATTENDANCE_TO_DECISION");

        // the care after termination done: the instance waits for the follow-up
        for (Task t : taskService().createTaskQuery().processInstanceIdIn(p.instances()).list()) {
            if (!"followUpBreach".equals(t.getTaskDefinitionKey())) {
                taskService().complete(t.getId(), FormAnswers.complete(t.getTaskDefinitionKey()));
            }
        }
        assertThat(p.pi).isNotEnded();
        assertThat(p.openTaskKeys()).containsExactly("followUpBreach");

        p.completeAllDialogueAndFollowUp();
        assertThat(p.pi).isEnded();
        assertThat(p.passed()).contains("breachFollowedUp");
        assertThat(engine().jdbc.queryForList(
                "select interval_name from pathway_breach where process_instance_id = ? and followed_up_at is not null"
                        + " order by id",
                String.class, p.id()))
            .containsExactly("REFERRAL_TO_FIRST_ATTENDANCE", "FIRST_ATTENDANCE_TO_DECISION");
        assertThat(p.codes()).endsWith("A32X 2026-04-03");
    }

    /**
     * A final code ends the pathway's scope, never an open breach follow-up: after A32CI
     * the patient is informed and the 21-day breach is still followed up.
     */
    @Test
    void aBreachFollowUpOutlivesAnyFinalCode() {
        Pathway p = start("2026-03-02").firstAttendance("2026-03-03").endoscopy("2026-03-04", "NO_DISEASE");
        clock("2026-03-25", "00:00");
        p.runDueJobs();
        assertThat(p.breachTaskIntervals()).containsExactly("FIRST_ATTENDANCE_TO_DECISION");
        p.decision("2026-03-26", "CI", null);
        assertThat(p.codes()).endsWith("A32CI 2026-03-26");
        assertThat(p.openTaskKeys()).containsExactly("followUpBreach", "informGpOfDecision", "informPatientAtReferral",
                "informPatientOfResult", "nutritionScreening");
        for (Task t : taskService().createTaskQuery().processInstanceIdIn(p.instances()).list()) {
            if (!"followUpBreach".equals(t.getTaskDefinitionKey())) {
                taskService().complete(t.getId(), FormAnswers.complete(t.getTaskDefinitionKey()));
            }
        }
        assertThat(p.openTaskKeys()).containsExactly("followUpBreach");
        assertThat(p.pi).isNotEnded().hasPassed("pathwayScope");
        p.completeAllDialogueAndFollowUp();
        assertThat(p.pi).isEnded();
    }

    /**
     * A32FL withdraws the 14- and 43-day breaches (they do not apply to symptom relief),
     * and their follow-ups end; the 8- and 21-day follow-ups stay open.
     */
    @Test
    void aSymptomReliefStartWithdrawsTheTreatmentBreachesAndLeavesTheOtherFollowUpsOpen() {
        Pathway p = start("2026-01-05");
        clock("2026-01-14", "00:00");
        p.runDueJobs();
        p.firstAttendance("2026-01-20").endoscopy("2026-01-22", "OESOPHAGEAL_OR_GASTRIC_CANCER");
        clock("2026-02-11", "00:00");
        p.runDueJobs();
        p.mdt("2026-02-11", "T3", "N1", "M1", 2, false, false).decision("2026-02-12", "CK", "DRUG");
        clock("2026-03-01", "00:00");
        p.runDueJobs();
        assertThat(p.breachTaskIntervals()).containsExactlyInAnyOrder("REFERRAL_TO_FIRST_ATTENDANCE",
                "FIRST_ATTENDANCE_TO_DECISION", "REFERRAL_TO_TREATMENT", "DECISION_TO_TREATMENT");

        p.treatmentStart("2026-03-02", "SYMPTOM_RELIEF");

        assertThat(p.codes()).endsWith("A32FL 2026-03-02");
        assertThat(p.withdrawalReason("REFERRAL_TO_TREATMENT")).isEqualTo("NOT_APPLICABLE");
        assertThat(p.withdrawalReason("DECISION_TO_TREATMENT")).isEqualTo("NOT_APPLICABLE");
        assertThat(p.withdrawalReason("REFERRAL_TO_FIRST_ATTENDANCE")).isNull();
        assertThat(p.withdrawalReason("FIRST_ATTENDANCE_TO_DECISION")).isNull();
        assertThat(p.breachTaskIntervals()).containsExactlyInAnyOrder("REFERRAL_TO_FIRST_ATTENDANCE",
                "FIRST_ATTENDANCE_TO_DECISION");
        assertThat(p.passed()).contains("breachWithdrawnNotApplicable", "breachNotApplicable");
    }

    @ParameterizedTest(name = "{0}, talk offered before: {1}")
    @CsvSource({ "DEATH, false, informGpOfTermination",
            "TREATMENT_ABROAD_OR_PRIVATE, false, informGpOfTermination offerNeedsAssessmentAfterTermination",
            "PATIENT_DECLINES, true, assessPalliativeCareAfterTermination informGpOfTermination",
            "PATIENT_DECLINES, false, assessPalliativeCareAfterTermination informGpOfTermination "
                    + "offerNeedsAssessmentAfterTermination" })
    void theCareAfterTerminationFollowsWhyThePathwayEnded(String reason, boolean talkOffered, String care) {
        Pathway p = start("2026-03-02").firstAttendance("2026-03-04")
            .endoscopy("2026-03-05", "OESOPHAGEAL_OR_GASTRIC_CANCER")
            .mdt("2026-03-10", "T2", "N0", "M0", 1, true, true)
            .decision("2026-03-12", "CK", "SURGERY");
        if (talkOffered) {
            p.completeTask("offerNeedsAssessment", FormAnswers.complete("offerNeedsAssessment"));
        }
        p.terminate("2026-03-14", reason);
        assertThat(p.codes()).endsWith("A32X 2026-03-14");
        assertThat(p.openTaskKeys()).containsExactly(care.split(" "));
        p.completeAllDialogueAndFollowUp();
        assertThat(p.pi).isEnded().hasPassed("terminationCareDone");
        assertThat(p.passed()).contains("gpInformedOfTermination");
    }

    @Test
    void afterTreatmentStartNeitherTransferNorTerminationIsOffered() {
        Pathway p = start("2026-03-02").firstAttendance("2026-03-04")
            .endoscopy("2026-03-05", "OESOPHAGEAL_OR_GASTRIC_CANCER")
            .mdt("2026-03-10", "T1B", "N0", "M0", 0, true, true)
            .decision("2026-03-12", "CK", "SURGERY")
            .treatmentStart("2026-03-20");
        assertThat(p.variable("treatmentGroup")).isEqualTo("ENDOSCOPIC_OR_SURGERY_ALONE");
        assertThat(p.openTaskKeys()).doesNotContain("pathwayAdministration");
    }

    // ------------------------------------------------------------------ the four
    // standard-time timers

    /**
     * Builds a pathway whose interval starts on the given date and returns it with the id
     * of the timer.
     */
    private Pathway reachStartOf(String interval, LocalDate start) {
        return switch (interval) {
            case "REFERRAL_TO_FIRST_ATTENDANCE", "REFERRAL_TO_TREATMENT" -> start(start.toString());
            case "FIRST_ATTENDANCE_TO_DECISION" ->
                start(start.minusDays(2).toString()).firstAttendance(start.toString());
            case "DECISION_TO_TREATMENT" ->
                start(start.minusDays(6).toString()).firstAttendance(start.minusDays(5).toString())
                    .endoscopy(start.minusDays(4).toString(), "OESOPHAGEAL_OR_GASTRIC_CANCER")
                    .mdt(start.minusDays(2).toString(), "T3", "N1", "M0", 1, true, true)
                    .decision(start.toString(), "CK", "SURGERY");
            default -> throw new IllegalArgumentException(interval);
        };
    }

    private static String timerOf(String interval) {
        return switch (interval) {
            case "REFERRAL_TO_FIRST_ATTENDANCE" -> "deadlineFirstAttendance";
            case "FIRST_ATTENDANCE_TO_DECISION" -> "deadlineDecision";
            case "DECISION_TO_TREATMENT" -> "deadlineTreatment";
            case "REFERRAL_TO_TREATMENT" -> "deadlineReferralToTreatment";
            default -> throw new IllegalArgumentException(interval);
        };
    }

    @ParameterizedTest(name = "{0} from {1}: breached at {2} 00:00 Oslo")
    @CsvSource({
            // ordinary weeks
            "REFERRAL_TO_FIRST_ATTENDANCE, 2026-02-02, 2026-02-11",
            "FIRST_ATTENDANCE_TO_DECISION, 2026-02-02, 2026-02-24",
            "DECISION_TO_TREATMENT,        2026-02-02, 2026-02-17",
            "REFERRAL_TO_TREATMENT,        2026-02-02, 2026-03-18",
            // across the March change to summer time (2026-03-29)
            "REFERRAL_TO_FIRST_ATTENDANCE, 2026-03-25, 2026-04-03",
            "FIRST_ATTENDANCE_TO_DECISION, 2026-03-10, 2026-04-01",
            "DECISION_TO_TREATMENT,        2026-03-20, 2026-04-04",
            "REFERRAL_TO_TREATMENT,        2026-03-01, 2026-04-14",
            // across the October change to winter time (2026-10-25)
            "REFERRAL_TO_FIRST_ATTENDANCE, 2026-10-20, 2026-10-29",
            "FIRST_ATTENDANCE_TO_DECISION, 2026-10-10, 2026-11-01",
            "DECISION_TO_TREATMENT,        2026-10-15, 2026-10-30",
            "REFERRAL_TO_TREATMENT,        2026-10-01, 2026-11-14" })
    void eachTimerFiresAtTheFirstMomentPastItsStandardTime(String interval, String startDate, String breachDay) {
        Pathway p = reachStartOf(interval, LocalDate.parse(startDate));
        Job timer = p.timer(timerOf(interval));
        Instant breachMoment = oslo(breachDay, "00:00");
        assertThat(timer.getDuedate().toInstant()).isEqualTo(breachMoment);
        List<String> codesBefore = p.codes();

        // the whole last day of the standard time is within it
        ClockUtil.setCurrentTime(Date.from(breachMoment.minusSeconds(24 * 3600)));
        assertThat(executable(p, timer)).isFalse();
        ClockUtil.setCurrentTime(Date.from(breachMoment.minusMillis(1)));
        assertThat(executable(p, timer)).isFalse();
        ClockUtil.setCurrentTime(Date.from(breachMoment));
        assertThat(executable(p, timer)).isTrue();

        execute(timer);
        assertThat(p.breachTaskIntervals()).containsExactly(interval);
        assertThat(p.breachTasks().get(0).getName()).isEqualTo("Følg opp overskredet forløpsfrist");
        assertThat(taskService().getIdentityLinksForTask(p.breachTasks().get(0).getId()))
            .extracting(l -> l.getGroupId())
            .containsExactly("forlopskoordinator");
        assertThat(p.breaches()).containsExactly(interval);
        assertThat(ENGINE.jdbc
            .queryForObject("select breached_at from pathway_breach where process_instance_id = ?",
                    java.sql.Timestamp.class, p.id())
            .toInstant()).isEqualTo(breachMoment);
        // a breach never stops the pathway and registers no code
        assertThat(p.codes()).isEqualTo(codesBefore);
        assertThat(p.openTaskKeys()).contains("pathwayAdministration");
    }

    private static boolean executable(Pathway p, Job timer) {
        return managementService().createJobQuery()
            .processInstanceId(p.id())
            .executable()
            .list()
            .stream()
            .anyMatch(j -> j.getId().equals(timer.getId()));
    }

    @Test
    void aDateRegisteredLateGivesTheRightDeadlineAndAPastDeadlineFiresAtOnce() {
        Pathway p = start("2026-03-02");
        // the coordinator registers on 10 April an attendance that took place on 9 March
        clock("2026-04-10", "09:00");
        p.completeTask("registerFirstAttendance", "firstAttendanceDate", "2026-03-09", "firstAttendanceType",
                "IMAGING");
        p.runJob("registerFirstAttendanceCode");

        assertThat(p.codes()).containsExactly("A32A 2026-03-02", "A32S 2026-03-09");
        Job decisionTimer = p.timer("deadlineDecision");
        assertThat(decisionTimer.getDuedate().toInstant()).isEqualTo(oslo("2026-03-31", "00:00"));
        assertThat(executable(p, decisionTimer)).isTrue();

        p.runDueJobs();
        assertThat(p.breachTaskIntervals()).containsExactly("FIRST_ATTENDANCE_TO_DECISION");
        // the 43-day deadline (2026-04-14) is not yet past
        assertThat(p.timer("deadlineReferralToTreatment").getDuedate().toInstant())
            .isEqualTo(oslo("2026-04-15", "00:00"));
        assertThat(p.pi).isWaitingAt("registerEndoscopyResult");
    }

    @Test
    void allFourBreachesGiveOneFollowUpTaskEachAndTheyOutliveTheTreatmentStart() {
        Pathway p = start("2026-01-05");
        clock("2026-01-14", "00:00");
        p.runDueJobs();
        clock("2026-01-20", "10:00");
        p.completeTask("registerFirstAttendance", "firstAttendanceDate", "2026-01-20", "firstAttendanceType",
                "ADMISSION");
        p.runJob("registerFirstAttendanceCode");
        p.endoscopy("2026-01-22", "OESOPHAGEAL_OR_GASTRIC_CANCER").mdt("2026-02-03", "T2", "N1", "M0", 1, true, true);
        clock("2026-02-11", "00:00");
        p.runDueJobs();
        p.decision("2026-02-12", "CK", "RADIATION");
        clock("2026-02-18", "00:00");
        p.runDueJobs();
        clock("2026-02-27", "00:00");
        p.runDueJobs();
        p.runDueJobs(); // nothing is raised twice

        assertThat(p.breachTaskIntervals()).containsExactlyInAnyOrder("REFERRAL_TO_FIRST_ATTENDANCE",
                "FIRST_ATTENDANCE_TO_DECISION", "REFERRAL_TO_TREATMENT", "DECISION_TO_TREATMENT");
        assertThat(p.breaches()).containsExactly("REFERRAL_TO_FIRST_ATTENDANCE", "FIRST_ATTENDANCE_TO_DECISION",
                "REFERRAL_TO_TREATMENT", "DECISION_TO_TREATMENT");

        p.treatmentStart("2026-03-02");
        assertThat(p.codes()).containsExactly("A32A 2026-01-05", "A32S 2026-01-20", "A32CK 2026-02-12",
                "A32FS 2026-03-02");
        assertThat(p.breachTasks()).hasSize(4);
        assertThat(p.timers()).isEmpty();
    }

    @Test
    void aPlannedSymptomReliefRaisesNoTreatmentBreachAndAnUnplannedOneWithdrawsThem() {
        Pathway p = start("2026-01-05").firstAttendance("2026-01-07")
            .endoscopy("2026-01-08", "OESOPHAGEAL_OR_GASTRIC_CANCER")
            .mdt("2026-01-12", "T4A", "N2", "M1", 4, false, false)
            .decision("2026-01-14", "CK", "SYMPTOM_RELIEF");
        clock("2026-03-01", "00:00");
        p.runDueJobs();

        // symptom relief is the plan: the 14 and 43 days are not expected to apply, so no
        // alarm to be withdrawn later
        assertThat(p.breaches()).isEmpty();
        assertThat(p.breachTasks()).isEmpty();
        assertThat(p.pi).hasPassed("breachNotApplicableTreatment", "breachNotApplicableReferralToTreatment");
        p.treatmentStart("2026-02-27");
        assertThat(p.codes()).containsExactly("A32A 2026-01-05", "A32S 2026-01-07", "A32CK 2026-01-14",
                "A32FL 2026-02-27");
        assertThat(p.breaches()).isEmpty();

        // the plan was drugs, symptom relief was given: the code decides, the breaches
        // raised are withdrawn
        Pathway q = start("2026-01-05").firstAttendance("2026-01-07")
            .endoscopy("2026-01-08", "OESOPHAGEAL_OR_GASTRIC_CANCER")
            .mdt("2026-01-12", "T3", "N1", "M1", 2, false, false)
            .decision("2026-01-14", "CK", "DRUG");
        clock("2026-03-01", "00:00");
        q.runDueJobs();
        assertThat(q.breachTaskIntervals()).containsExactlyInAnyOrder("DECISION_TO_TREATMENT", "REFERRAL_TO_TREATMENT");
        q.treatmentStart("2026-02-27", "SYMPTOM_RELIEF");
        assertThat(q.codes()).endsWith("A32FL 2026-02-27");
        assertThat(q.breaches()).containsExactlyInAnyOrder("DECISION_TO_TREATMENT", "REFERRAL_TO_TREATMENT");
        assertThat(q.withdrawalReason("DECISION_TO_TREATMENT")).isEqualTo("NOT_APPLICABLE");
        assertThat(q.withdrawalReason("REFERRAL_TO_TREATMENT")).isEqualTo("NOT_APPLICABLE");
        assertThat(q.breachTasks()).isEmpty();
        assertThat(q.passed()).contains("breachWithdrawnNotApplicable", "breachNotApplicable")
            .doesNotContain("breachFollowedUp");
    }

    // ------------------------------------------------------------------ retries

    @Test
    void aFailedAndRetriedRegistrationJobRegistersTheCodeOnce() {
        Pathway p = start("2026-03-02");
        today("2026-03-09");
        p.completeTask("registerFirstAttendance", "firstAttendanceDate", "2026-03-09", "firstAttendanceType",
                "OUTPATIENT");
        Job job = job("registerFirstAttendanceCode", p.pi);

        ENGINE.deadlines.failNextCall(); // the step fails after the code was inserted, in
                                         // the same transaction
        assertThatThrownBy(() -> managementService().executeJob(job.getId())).hasMessageContaining("Simulated failure");
        Job failed = managementService().createJobQuery().jobId(job.getId()).singleResult();
        assertThat(failed.getRetries()).isEqualTo(4);
        assertThat(failed.getExceptionMessage()).contains("Simulated failure");
        assertThat(p.codes()).containsExactly("A32A 2026-03-02");

        ClockUtil.setCurrentTime(failed.getDuedate());
        managementService().executeJob(job.getId());
        assertThat(p.codes()).containsExactly("A32A 2026-03-02", "A32S 2026-03-09");
        assertThat(p.pi).isWaitingAt("registerEndoscopyResult");
    }

    @Test
    void registeringTheSameEventTwiceWritesOneRow() {
        Pathway p = start("2026-03-02");
        RegisteredCode again = p.registrations().get(0);
        assertThat(ENGINE.codes.register(again)).isFalse();
        assertThat(p.codes()).containsExactly("A32A 2026-03-02");
        assertThat(ENGINE.breaches.record("A32", again.referralId(), p.id(), "REFERRAL_TO_FIRST_ATTENDANCE",
                Instant.now()))
            .isTrue();
        assertThat(ENGINE.breaches.record("A32", again.referralId(), p.id(), "REFERRAL_TO_FIRST_ATTENDANCE",
                Instant.now()))
            .isFalse();
        assertThat(p.breaches()).containsExactly("REFERRAL_TO_FIRST_ATTENDANCE");
    }

    @Test
    void dialogueTasksNeverBlockTheMilestones() {
        Pathway p = start("2026-03-02");
        assertThat(p.openTaskKeys()).contains("informPatientAtReferral", "registerFirstAttendance");
        p.firstAttendance("2026-03-03")
            .endoscopy("2026-03-04", "OESOPHAGEAL_OR_GASTRIC_CANCER")
            .mdt("2026-03-05", "T1A", "N0", "M0", 0, true, true)
            .decision("2026-03-06", "CK", "SURGERY")
            .treatmentStart("2026-03-10")
            .endOfTreatment("2026-03-20");
        // every dialogue task still open but the talk before treatment, which the
        // treatment start needs (information for consent)
        assertThat(p.openTaskKeys()).containsExactlyInAnyOrder("informPatientAtReferral", "offerNeedsAssessment",
                "informGpOfDecision", "dischargeConversation", "firstNutritionControl", "rehabilitationAssessment",
                "informGeneralPractitioner", "nutritionScreening");
        assertThat(p.pi).hasPassed("informBeforeTreatment");
        assertThat(runtimeService().createProcessInstanceQuery().processInstanceId(p.id()).count()).isOne();
    }

    // ------------------------------------------------------------------ the MDT decides,
    // the table proposes

    private Pathway atMdt() {
        return start("2026-03-02").firstAttendance("2026-03-04")
            .endoscopy("2026-03-05", "OESOPHAGEAL_OR_GASTRIC_CANCER");
    }

    @ParameterizedTest(name = "{0} {1} {2} ECOG {3} operable={4} resectable={5}: {6}")
    @CsvSource({
            // group 1: HGD/T1a N0 M0 endoscopic (also when not fit for surgery); T1b N0
            // M0 surgery alone when operable
            "TIS, N0, M0, 0, true,  true,  ENDOSCOPIC_OR_SURGERY_ALONE",
            "T1A, N0, M0, 2, false, true,  ENDOSCOPIC_OR_SURGERY_ALONE",
            "T1B, N0, M0, 1, true,  true,  ENDOSCOPIC_OR_SURGERY_ALONE",
            // group 2: resectable T2-T4, N0-N3, M0
            "T2,  N0, M0, 0, true,  true,  SURGERY_WITH_NEOADJUVANT_OR_CURATIVE_CHEMORADIATION",
            "T4A, N3, M0, 2, false, true,  SURGERY_WITH_NEOADJUVANT_OR_CURATIVE_CHEMORADIATION",
            // group 3: locally advanced, not resectable, ECOG 0-2
            "T4B, N2, M0, 1, true,  false, LOCALLY_ADVANCED_CHEMORADIATION",
            // group 4: M1, ECOG 0-2
            "TX,  NX, M1, 1, true,  false, PALLIATIVE_CHEMOTHERAPY",
            // group 5: ECOG 3-4
            "T2,  N1, M0, 3, true,  true,  SYMPTOM_RELIEF" })
    void theTableProposesEachRowOfTheFiveGroupsAndTheMdtConfirmsIt(String t, String n, String m, int ecog,
            boolean operable, boolean resectable, String group) {
        Pathway p = atMdt().mdtChooses("2026-03-10", t, n, m, ecog, operable, resectable, group, null);

        assertThat(p.variable("proposedTreatmentGroup")).isEqualTo(group);
        assertThat(p.variable("treatmentGroup")).isEqualTo(group);
        assertThat(p.variable("groupDeviationReason")).isNull();
        assertThat(p.pi).isWaitingAt("clinicalDecision");
    }

    @ParameterizedTest(name = "{0} {1} {2} ECOG {3} operable={4} resectable={5}: no proposal")
    @CsvSource({ "TX,  N0, M0, 1, true,  true", // TX
            "T3,  NX, M0, 0, true,  true", // NX
            "T1A, N2, M0, 0, true,  true", // T1 with N1-N3
            "T1B, N1, M0, 1, true,  true", "T1B, N0, M0, 1, false, true" }) // T1b N0 M0
                                                                            // not fit for
                                                                            // surgery
    void stagingOutsideTheFiveGroupsGetsNoProposalAndTheMdtMustSayWhy(String t, String n, String m, int ecog,
            boolean operable, boolean resectable) {
        Pathway p = atMdt();
        assertThatThrownBy(() -> p.mdtChooses("2026-03-10", t, n, m, ecog, operable, resectable,
                "SURGERY_WITH_NEOADJUVANT_OR_CURATIVE_CHEMORADIATION", null))
            .hasMessageContaining("Beslutningstabellen foreslår ingen behandlingsgruppe")
            .hasMessageContaining("Begrunnelse for valg av annen gruppe");
        // refused: nothing is stored, the MDT's task is still open
        assertThat(p.variable("proposedTreatmentGroup")).isNull();
        assertThat(p.variable("treatmentGroup")).isNull();
        assertThat(p.pi).isWaitingAt("mdtAssessment");

        p.mdtChooses("2026-03-10", t, n, m, ecog, operable, resectable,
                "SURGERY_WITH_NEOADJUVANT_OR_CURATIVE_CHEMORADIATION",
                "Vurdert samlet i MDT; PET-CT avklarer ikke mer.");
        assertThat(p.variable("proposedTreatmentGroup")).isNull();
        assertThat(p.variable("treatmentGroup")).isEqualTo("SURGERY_WITH_NEOADJUVANT_OR_CURATIVE_CHEMORADIATION");
        assertThat(p.pi).isWaitingAt("clinicalDecision");
    }

    @Test
    void anotherGroupThanTheProposalIsRefusedNamingTheProposalUntilTheMdtGivesItsReason() {
        Pathway p = atMdt();
        assertThatThrownBy(() -> p.mdtChooses("2026-03-10", "T3", "N1", "M0", 1, true, true,
                "LOCALLY_ADVANCED_CHEMORADIATION", null))
            .hasMessageContaining("Beslutningstabellen foreslår gruppe 2")
            .hasMessageContaining("MDT har valgt gruppe 3");
        assertThat(p.pi).isWaitingAt("mdtAssessment");
        assertThat(p.variable("mdtDate")).isNull();

        p.mdtChooses("2026-03-10", "T3", "N1", "M0", 1, true, true, "LOCALLY_ADVANCED_CHEMORADIATION",
                "Kirurg vurderer tumor som ikke resektabel etter ny gjennomgang av CT.");
        assertThat(p.variable("proposedTreatmentGroup"))
            .isEqualTo("SURGERY_WITH_NEOADJUVANT_OR_CURATIVE_CHEMORADIATION");
        assertThat(p.variable("treatmentGroup")).isEqualTo("LOCALLY_ADVANCED_CHEMORADIATION");
        assertThat(p.pi).isWaitingAt("clinicalDecision");
    }

    // ------------------------------------------------------------------ the code follows
    // what actually started

    @ParameterizedTest(name = "planned {0} (staging {1}), first given {2}: {3}, 14/43 days apply: {4}")
    @CsvSource({ "SURGERY,        T1B, SURGERY,        A32FK, true", // surgery alone
            "SURGERY,        T3,  SURGERY,        A32FK, true", // group 2 operated
                                                                // without neoadjuvant
                                                                // therapy
            "SURGERY,        T3,  DRUG,           A32FM, true", // perioperative/neoadjuvant
                                                                // chemotherapy first
            "SURGERY,        T3,  RADIATION,      A32FS, true", // neoadjuvant
                                                                // chemoradiotherapy first
            "DRUG,           T3,  DRUG,           A32FM, true", "RADIATION,      T3,  RADIATION,      A32FS, true",
            "SYMPTOM_RELIEF, T3,  SYMPTOM_RELIEF, A32FL, false", "DRUG,           T3,  SYMPTOM_RELIEF, A32FL, false" }) // planned
                                                                                                                        // drugs,
                                                                                                                        // but
                                                                                                                        // only
                                                                                                                        // symptom
                                                                                                                        // relief
                                                                                                                        // was
                                                                                                                        // given
    void theTreatmentStartCodeAndTheTreatmentTimesFollowTheFirstTreatmentActuallyGiven(String planned, String t,
            String started, String code, boolean timesApply) {
        Pathway p = start("2026-01-05").firstAttendance("2026-01-07")
            .endoscopy("2026-01-08", "OESOPHAGEAL_OR_GASTRIC_CANCER")
            .mdt("2026-01-12", t, "N0", "M0", 1, true, true)
            // groups 1 and 2: symptom relief only is a change of the MDT's plan, with its
            // reason
            .decision("2026-01-20", "CK", planned, reasonsAfterCancerInACurativeGroup("CK", planned));
        clock("2026-02-20", "00:00");
        p.runDueJobs(); // 14 days from 20 January and 43 days from 5 January have both
                        // passed
        // a planned symptom relief raises no treatment breach; any other plan does
        boolean raised = !"SYMPTOM_RELIEF".equals(planned);
        if (raised) {
            assertThat(p.breachTaskIntervals()).containsExactlyInAnyOrder("DECISION_TO_TREATMENT",
                    "REFERRAL_TO_TREATMENT");
        }
        else {
            assertThat(p.breachTasks()).isEmpty();
        }

        p.treatmentStart("2026-02-19", started, reasonsAfterCancerInACurativeGroup("CK", started));
        assertThat(p.codes()).endsWith(code + " 2026-02-19");
        List<String> statuses = ENGINE.rules.intervals()
            .stream()
            .map(i -> i.name())
            .filter(i -> i.contains("TREATMENT"))
            .map(i -> p.withdrawalReason(i) == null ? "STANDS" : p.withdrawalReason(i))
            .toList();
        var times = new no.pakkeforlop.reports.PathwayTimes(ENGINE.rules).of(p.registrations(),
                LocalDate.parse("2026-02-20"));
        if (timesApply) {
            assertThat(statuses).containsOnly("STANDS");
            assertThat(p.breachTaskIntervals()).containsExactlyInAnyOrder("DECISION_TO_TREATMENT",
                    "REFERRAL_TO_TREATMENT");
            assertThat(times.subList(2, 4)).extracting(i -> i.status().name()).containsOnly("BREACHED");
        }
        else {
            if (raised) {
                assertThat(statuses).containsOnly("NOT_APPLICABLE");
            }
            else {
                assertThat(p.breaches()).isEmpty();
            }
            assertThat(p.breachTasks()).isEmpty();
            assertThat(times.subList(2, 4)).extracting(i -> i.status().name()).containsOnly("NOT_APPLICABLE");
        }
    }

    @ParameterizedTest(name = "group {0}, {1} given")
    @CsvSource({ "M1 ECOG 2 (group 4), SURGERY", "M1 ECOG 2 (group 4), RADIATION", "ECOG 3 (group 5), SURGERY",
            "ECOG 3 (group 5), RADIATION" })
    void aPalliativeStentOrRadiotherapyInGroupsFourAndFiveIsSymptomReliefNotFkOrFs(String group, String given) {
        boolean four = group.startsWith("M1");
        Pathway p = start("2026-03-02").firstAttendance("2026-03-04")
            .endoscopy("2026-03-05", "OESOPHAGEAL_OR_GASTRIC_CANCER")
            .mdt("2026-03-10", "T3", "N1", four ? "M1" : "M0", four ? 2 : 3, false, false)
            .decision("2026-03-12", "CK", four ? "DRUG" : "SYMPTOM_RELIEF");
        today("2026-03-16");
        assertThatThrownBy(() -> p.completeTask("registerTreatmentStart", "treatmentStartDate", "2026-03-16",
                "treatmentStarted", given))
            .isInstanceOf(InputRefusedException.class)
            .hasMessageContaining("Velg «Symptomlindrende behandling» (A32FL)");
        p.treatmentStart("2026-03-16", "SYMPTOM_RELIEF");
        assertThat(p.codes()).endsWith("A32FL 2026-03-16");
    }

    @ParameterizedTest
    @CsvSource({ "SURGERY, T1B, SURGERY", "DRUG, T3, DRUG", "RADIATION, T3, RADIATION",
            "SYMPTOM_RELIEF, T3, SYMPTOM_RELIEF", "SURGERY, T3, " })
    void theTreatmentStartIsPrefilledFromThePlanOnlyWhereThePlanMakesItClear(String planned, String t,
            String prefilled) {
        Pathway p = start("2026-01-05").firstAttendance("2026-01-07")
            .endoscopy("2026-01-08", "OESOPHAGEAL_OR_GASTRIC_CANCER")
            .mdt("2026-01-12", t, "N0", "M0", 1, true, true)
            .decision("2026-01-20", "CK", planned, reasonsAfterCancerInACurativeGroup("CK", planned));
        assertThat(p.variable("treatmentStarted")).isEqualTo(prefilled);
        if (prefilled == null) {
            // surgery in group 2: neoadjuvant therapy usually comes first, so the
            // physician must say what was given
            today("2026-01-27");
            assertThatThrownBy(() -> p.completeTask("registerTreatmentStart", "treatmentStartDate", "2026-01-27"))
                .hasMessageContaining("Første behandling som ble gitt må fylles ut");
        }
    }

    // ------------------------------------------------------------------ a registration
    // that contradicts what came before needs the clinician's reason

    @ParameterizedTest(name = "{0} after a biopsy that showed cancer: {1} only with the reason")
    @CsvSource({ "CA, A32CA", "CI, A32CI" })
    void noCancerAfterABiopsyThatShowedCancerIsRegisteredOnlyWithTheReasonWhichIsKept(String decision, String code) {
        Pathway p = start("2026-03-02").firstAttendance("2026-03-04")
            .endoscopy("2026-03-05", "OESOPHAGEAL_OR_GASTRIC_CANCER")
            .mdt("2026-03-10", "T3", "N1", "M0", 0, true, true);
        today("2026-03-12");
        assertThatThrownBy(
                () -> p.completeTask("clinicalDecision", "decisionDate", "2026-03-12", "decisionCode", decision))
            .isInstanceOf(InputRefusedException.class)
            .satisfies(e -> assertThat(((InputRefusedException) e).errors()).extracting(FieldError::field)
                .containsExactly("cancerRuledOutReason"));
        assertThat(p.codes()).containsExactly("A32A 2026-03-02", "A32S 2026-03-04");
        assertThat(p.variable("decisionCode")).isNull();
        assertThat(p.pi).isWaitingAt("clinicalDecision");

        p.decision("2026-03-12", decision, null, CANCER_RULED_OUT);
        assertThat(p.codes()).containsExactly("A32A 2026-03-02", "A32S 2026-03-04", code + " 2026-03-12");
        assertThat(p.variable("cancerRuledOutReason")).isEqualTo(CANCER_RULED_OUT.get("cancerRuledOutReason"));
        assertThat(p.openTaskKeys()).contains("informPatientOfResult").doesNotContain("clinicalDecision");
        assertThat(p.timers()).isEmpty();
    }

    @Test
    void otherCancerAfterABiopsyThatShowedCancerContradictsNothingAndNeedsNoReason() {
        Pathway p = start("2026-03-02").firstAttendance("2026-03-04")
            .endoscopy("2026-03-05", "OESOPHAGEAL_OR_GASTRIC_CANCER")
            .mdt("2026-03-10", "T3", "N1", "M0", 0, true, true)
            .decision("2026-03-12", "CM", null);
        assertThat(p.codes()).containsExactly("A32A 2026-03-02", "A32S 2026-03-04", "A32CM 2026-03-12");
        assertThat(p.variable("cancerRuledOutReason")).isNull();
        assertThat(p.openTaskKeys()).contains("referToOtherPathway");
    }

    @ParameterizedTest(name = "group of {0} {1} {2}, planned {6}: A32FL only with the reason")
    @CsvSource({ "T1A, N0, M0, 1, true, true,  SURGERY", // group 1
            "T3,  N1, M0, 0, true, true,  DRUG", // group 2
            "T4B, N2, M0, 1, true, false, RADIATION" }) // group 3
    void symptomReliefFirstInACurativeGroupIsRegisteredOnlyWithThePlanChangeReason(String t, String n, String m,
            int ecog, boolean operable, boolean resectable, String planned) {
        Pathway p = start("2026-01-05").firstAttendance("2026-01-07")
            .endoscopy("2026-01-08", "OESOPHAGEAL_OR_GASTRIC_CANCER")
            .mdt("2026-01-12", t, n, m, ecog, operable, resectable)
            .decision("2026-01-20", "CK", planned);
        today("2026-01-27");
        p.consentGiven();
        assertThatThrownBy(() -> p.completeTask("registerTreatmentStart", "treatmentStartDate", "2026-01-27",
                "treatmentStarted", "SYMPTOM_RELIEF"))
            .isInstanceOf(InputRefusedException.class)
            .satisfies(e -> assertThat(((InputRefusedException) e).errors()).extracting(FieldError::field)
                .containsExactly("planChangeReason"));
        assertThat(p.codes()).containsExactly("A32A 2026-01-05", "A32S 2026-01-07", "A32CK 2026-01-20");
        assertThat(p.variable("treatmentStartDate")).isNull();
        assertThat(p.openTaskKeys()).contains("registerTreatmentStart");
        // the 14 and 43 days still run while the registration is refused
        assertThat(p.timers()).hasSize(2);

        p.treatmentStart("2026-01-27", "SYMPTOM_RELIEF", PLAN_CHANGE);
        assertThat(p.codes()).containsExactly("A32A 2026-01-05", "A32S 2026-01-07", "A32CK 2026-01-20",
                "A32FL 2026-01-27");
        assertThat(p.variable("planChangeReason")).isEqualTo(PLAN_CHANGE.get("planChangeReason"));
        assertThat(p.timers()).isEmpty();
        var times = new no.pakkeforlop.reports.PathwayTimes(ENGINE.rules).of(p.registrations(),
                LocalDate.parse("2026-01-27"));
        assertThat(times.subList(2, 4)).extracting(i -> i.status().name()).containsOnly("NOT_APPLICABLE");
    }

    @Test
    void aSymptomReliefPlanInACurativeGroupNeedsTheReasonAtTheDecisionWhichAlsoCoversTheA32fl() {
        Pathway p = start("2026-01-05").firstAttendance("2026-01-07")
            .endoscopy("2026-01-08", "OESOPHAGEAL_OR_GASTRIC_CANCER")
            .mdt("2026-01-12", "T3", "N1", "M0", 0, true, true); // group 2
        today("2026-01-20");
        assertThatThrownBy(() -> p.completeTask("clinicalDecision", "decisionDate", "2026-01-20", "decisionCode", "CK",
                "plannedTreatment", "SYMPTOM_RELIEF"))
            .isInstanceOf(InputRefusedException.class)
            .satisfies(e -> assertThat(((InputRefusedException) e).errors()).extracting(FieldError::field)
                .containsExactly("planChangeReason"));
        assertThat(p.codes()).containsExactly("A32A 2026-01-05", "A32S 2026-01-07");
        assertThat(p.pi).isWaitingAt("clinicalDecision");

        p.decision("2026-01-20", "CK", "SYMPTOM_RELIEF", PLAN_CHANGE);
        assertThat(p.codes()).containsExactly("A32A 2026-01-05", "A32S 2026-01-07", "A32CK 2026-01-20");
        // the plan's reason stands for the symptom relief given: no second reason
        p.treatmentStart("2026-01-27");
        assertThat(p.codes()).containsExactly("A32A 2026-01-05", "A32S 2026-01-07", "A32CK 2026-01-20",
                "A32FL 2026-01-27");
        assertThat(p.variable("planChangeReason")).isEqualTo(PLAN_CHANGE.get("planChangeReason"));
    }

    // ------------------------------------------------------------------ end of primary
    // treatment

    @Test
    void theEndOfPrimaryTreatmentStartsDischargeNutritionAndTheGpAndIsCheckedAgainstTheTreatmentStart() {
        Pathway p = start("2026-03-02").firstAttendance("2026-03-04")
            .endoscopy("2026-03-05", "OESOPHAGEAL_OR_GASTRIC_CANCER")
            .mdt("2026-03-10", "T3", "N1", "M0", 0, true, true)
            .decision("2026-03-12", "CK", "SURGERY")
            .treatmentStart("2026-03-20", "DRUG");
        assertThat(p.codes()).endsWith("A32FM 2026-03-20");
        assertThat(p.pi).isWaitingAt("registerEndOfTreatment", "rehabilitationAssessment");

        today("2026-06-01");
        assertThatThrownBy(() -> p.completeTask("registerEndOfTreatment", "endOfTreatmentDate", "2026-03-19"))
            .hasMessageContaining("kan ikke være før datoen for behandlingsstart (20.03.2026)");
        assertThatThrownBy(() -> p.completeTask("registerEndOfTreatment", "endOfTreatmentDate", "2026-06-02"))
            .hasMessageContaining("kan ikke være fram i tid");
        assertThatThrownBy(() -> p.completeTask("registerEndOfTreatment"))
            .hasMessageContaining("Dato for avsluttet primærbehandling må fylles ut");
        assertThat(p.openTaskKeys()).doesNotContainAnyElementsOf(AFTER_END_OF_TREATMENT);

        p.endOfTreatment("2026-05-28");
        assertThat(p.variable("endOfTreatmentDate")).isEqualTo("2026-05-28");
        assertThat(p.openTaskKeys()).containsAll(AFTER_END_OF_TREATMENT);
        assertThat(p.codes()).hasSize(4); // the end of treatment registers no code
    }

    // ------------------------------------------------------------------ follow-up after
    // every decision

    @ParameterizedTest(name = "{0} {1}: {2}")
    @CsvSource({ "CK, SURGERY,             registerEndOfTreatment rehabilitationAssessment",
            "CK, DRUG,                registerEndOfTreatment rehabilitationAssessment",
            "CK, RADIATION,           registerEndOfTreatment rehabilitationAssessment",
            "CK, SYMPTOM_RELIEF,      registerEndOfTreatment rehabilitationAssessment assessPalliativeCare",
            "CK, ACTIVE_SURVEILLANCE, makeControlPlan", "CK, NO_TREATMENT,        assessPalliativeCare",
            "CM, ,                    referToOtherPathway", "CA, ,                    informPatientOfResult",
            "CI, ,                    informPatientOfResult" })
    void everyDecisionIsFollowedUpAndTheGpIsInformedOfIt(String decision, String planned, String followUp) {
        Pathway p = start("2026-03-02").firstAttendance("2026-03-04")
            .endoscopy("2026-03-05", "OESOPHAGEAL_OR_GASTRIC_CANCER")
            .mdt("2026-03-10", "T3", "N1", "M0", 0, true, true)
            .decision("2026-03-12", decision, planned, reasonsAfterCancerInACurativeGroup(decision, planned));
        if (p.openTaskKeys().contains("registerTreatmentStart")) {
            p.treatmentStart("2026-03-20");
        }
        p.completeTask("informPatientAtReferral", FormAnswers.complete("informPatientAtReferral"));
        p.completeTask("informGpOfDecision", FormAnswers.complete("informGpOfDecision"));
        for (String key : List.of("informBeforeTreatment", "offerNeedsAssessment", "nutritionScreening",
                "orderStagingWorkup")) {
            if (p.openTaskKeys().contains(key)) {
                p.completeTask(key, FormAnswers.complete(key));
            }
        }
        assertThat(p.openTaskKeys()).containsExactlyInAnyOrder(followUp.split(" "));
        assertThat(p.task(followUp.split(" ")[0])).hasCandidateGroup("lege");
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({ "CK, SURGERY", "CK, DRUG", "CK, RADIATION", "CK, SYMPTOM_RELIEF", "CK, ACTIVE_SURVEILLANCE",
            "CK, NO_TREATMENT", "CM, ", "CA, ", "CI, " })
    void everyPatientWithAConfirmedCancerIsOfferedTheNeedsTalkWhateverTheDecision(String decision, String planned) {
        Pathway p = start("2026-03-02").firstAttendance("2026-03-04")
            .endoscopy("2026-03-05", "OESOPHAGEAL_OR_GASTRIC_CANCER")
            .mdt("2026-03-10", "T3", "N1", "M0", 0, true, true)
            .decision("2026-03-12", decision, planned, reasonsAfterCancerInACurativeGroup(decision, planned));
        if ("CK".equals(decision)) {
            // Pakkeforløp hjem: treated, under surveillance (FO), without treatment (FI)
            // and with symptom relief alike
            assertThat(p.openTaskKeys()).contains("offerNeedsAssessment", "informGpOfDecision");
            assertThat(p.task("offerNeedsAssessment")).hasCandidateGroup("forlopskoordinator");
            p.completeTask("offerNeedsAssessment", FormAnswers.complete("offerNeedsAssessment"));
            assertThat(p.pi).hasPassed("needsTalkOffered");
        }
        else {
            assertThat(p.openTaskKeys()).contains("informGpOfDecision").doesNotContain("offerNeedsAssessment");
            assertThat(p.pi).hasPassed("noNeedsTalk");
        }
        // only the treatment talk waits for a treatment to be given
        assertThat(p.openTaskKeys().contains("informBeforeTreatment"))
            .isEqualTo(planned != null && List.of("SURGERY", "DRUG", "RADIATION", "SYMPTOM_RELIEF").contains(planned));
    }

    @Test
    void cancerFoundAtTheGastroscopyHasTheStagingOrderedBeforeTheMdtBesideTheMilestones() {
        Pathway p = start("2026-03-02").firstAttendance("2026-03-04").endoscopy("2026-03-05", "OTHER_DISEASE");
        assertThat(p.openTaskKeys()).doesNotContain("orderStagingWorkup");

        Pathway q = start("2026-03-02").firstAttendance("2026-03-04")
            .endoscopy("2026-03-05", "OESOPHAGEAL_OR_GASTRIC_CANCER");
        assertThat(q.pi).isWaitingAt("mdtAssessment", "orderStagingWorkup").hasPassed("cancerFound");
        assertThat(q.task("orderStagingWorkup")).hasCandidateGroup("lege");
        assertThatThrownBy(() -> q.completeTask("orderStagingWorkup", "stagingPetCtOrdered", true))
            .isInstanceOf(InputRefusedException.class);
        q.completeTask("orderStagingWorkup", FormAnswers.complete("orderStagingWorkup"));
        assertThat(q.pi).hasPassed("stagingWorkupOrdered").isWaitingAt("mdtAssessment");
    }

    /**
     * The staging order is withdrawn once nobody needs it (issue 30, item 9): the MDT has
     * placed the patient in a group, or the pathway has ended; the history says which. A
     * request for supplementary workup is not a placement: the order stays.
     */
    @Test
    void theStagingOrderIsWithdrawnOnceTheMdtHasPlacedThePatient() {
        Pathway p = start("2026-03-02").firstAttendance("2026-03-04")
            .endoscopy("2026-03-05", "OESOPHAGEAL_OR_GASTRIC_CANCER")
            .mdt("2026-03-09", "TX", "NX", "M0", 1, true, true, true);
        assertThat(p.openTaskKeys()).contains("orderStagingWorkup", "supplementaryWorkup");

        p.completeTask("supplementaryWorkup", FormAnswers.complete("supplementaryWorkup"));
        assertThat(p.openTaskKeys()).contains("orderStagingWorkup", "mdtAssessment");
        p.mdt("2026-03-12", "T2", "N0", "M0", 1, true, true);

        assertThat(p.openTaskKeys()).doesNotContain("orderStagingWorkup").contains("clinicalDecision");
        assertThat(p.pi).hasPassed("mdtPlacedPatient", "stagingOrderWithdrawnByMdt")
            .hasNotPassed("stagingWorkupOrdered", "pathwayEndedBeforeStaging");
    }

    @Test
    void theStagingOrderIsWithdrawnWhenThePathwayEndsBeforeTheMdt() {
        Pathway p = start("2026-03-02").firstAttendance("2026-03-04")
            .endoscopy("2026-03-05", "OESOPHAGEAL_OR_GASTRIC_CANCER");
        assertThat(p.openTaskKeys()).contains("orderStagingWorkup");

        p.terminate("2026-03-06", "TREATMENT_ABROAD_OR_PRIVATE");

        assertThat(p.openTaskKeys()).doesNotContain("orderStagingWorkup");
        assertThat(p.pi).hasPassed("pathwayEndedBeforeStaging", "stagingOrderWithdrawnPathwayEnded")
            .hasNotPassed("stagingWorkupOrdered", "mdtPlacedPatient");
    }

    // ------------------------------------------------------------------ the talk before
    // treatment: prehabilitation always, fertility where relevant (issue 30, item 9)

    /**
     * Fertility is taken up when the patient is of fertile age (a woman under 50, a man
     * under 60, by the national id) and the treatment can affect reproduction (drugs or
     * radiotherapy planned, or group 2 or 3).
     */
    @ParameterizedTest(name = "born {0}, woman {1}, {2} in {3}: required {4}")
    @CsvSource({ "1990-05-17, true, DRUG, T3 N1 M0 ECOG 1, true", "1976-03-18, true, DRUG, T3 N1 M0 ECOG 1, true",
            "1976-03-17, true, DRUG, T3 N1 M0 ECOG 1, false", "1966-03-18, false, RADIATION, T3 N1 M0 ECOG 1, true",
            "1966-03-17, false, RADIATION, T3 N1 M0 ECOG 1, false", "1990-05-17, true, SURGERY, T3 N1 M0 ECOG 1, true",
            "1990-05-17, false, SURGERY, T1B N0 M0 ECOG 0, false",
            "2001-02-03, false, SYMPTOM_RELIEF, T4A N2 M1 ECOG 3, false" })
    void theTalkBeforeTreatmentTakesUpFertilityForAPatientOfFertileAgeWhoseTreatmentCanAffectIt(String born,
            boolean female, String planned, String staging, boolean required) {
        String[] s = staging.split(" ");
        Pathway p = start("2026-03-02").firstAttendance("2026-03-04")
            .endoscopy("2026-03-05", "OESOPHAGEAL_OR_GASTRIC_CANCER")
            .mdt("2026-03-10", s[0], s[1], s[2], Integer.parseInt(s[4]), true, true);
        runtimeService().setVariable(p.id(), "nationalId",
                no.pakkeforlop.testsupport.TestData.nationalIdBornOn(LocalDate.parse(born), female));
        p.decision("2026-03-17", "CK", planned);

        Task talk = p.task("informBeforeTreatment");
        assertThat(taskService().getVariable(talk.getId(), "fertilityInformationRequired")).isEqualTo(required);
        Map<String, Object> withoutFertility = new java.util.HashMap<>(FormAnswers.complete("informBeforeTreatment"));
        withoutFertility.remove("fertilityAssessed");
        if (required) {
            assertThatThrownBy(() -> p.completeTask("informBeforeTreatment", withoutFertility))
                .isInstanceOf(InputRefusedException.class)
                .hasMessage("«Fertilitet og fertilitetsbevarende tiltak er tatt opp (påkrevd i fertil alder når "
                        + "behandlingen kan påvirke fruktbarheten)» må være krysset av: pasienten er i fertil alder, og "
                        + "planlagt behandling (cellegift eller strålebehandling) kan påvirke fruktbarheten.");
            p.completeTask("informBeforeTreatment", FormAnswers.complete("informBeforeTreatment"));
        }
        else {
            p.completeTask("informBeforeTreatment", withoutFertility);
        }
        assertThat(p.pi).hasPassed("dialogueBeforeTreatmentDone");
    }

    @Test
    void theTalkBeforeTreatmentAlwaysTakesUpPrehabilitation() {
        Pathway p = start("2026-03-02").firstAttendance("2026-03-04")
            .endoscopy("2026-03-05", "OESOPHAGEAL_OR_GASTRIC_CANCER")
            .mdt("2026-03-10", "T1B", "N0", "M0", 0, true, true)
            .decision("2026-03-12", "CK", "SURGERY");
        Map<String, Object> answers = new java.util.HashMap<>(FormAnswers.complete("informBeforeTreatment"));
        answers.remove("prehabilitationAssessed");
        answers.remove("prehabSmokingCessationOffered");
        answers.remove("prehabPhysicalActivityAgreed");
        answers.remove("prehabNutritionAgreed");
        assertThatThrownBy(() -> p.completeTask("informBeforeTreatment", answers))
            .hasMessage("«Prehabilitering er tatt opp: røykeslutt, fysisk aktivitet og ernæring (tiltak avtalt, eller "
                    + "vurdert som ikke aktuelt)» må være krysset av før oppgaven kan fullføres.");
        // judged not relevant: the tick alone, no measure agreed
        answers.put("prehabilitationAssessed", true);
        p.completeTask("informBeforeTreatment", answers);
        assertThat(p.pi).hasPassed("dialogueBeforeTreatmentDone");
    }

    /**
     * The discharge conversation covers the document's items: what to expect, where to
     * turn, the control plan, the GP's coordinating role and the municipal cancer
     * coordinator.
     */
    @Test
    void theDischargeConversationNeedsEveryItemOfThePathwayDocument() {
        Pathway p = start("2026-03-02").firstAttendance("2026-03-04")
            .endoscopy("2026-03-05", "OESOPHAGEAL_OR_GASTRIC_CANCER")
            .mdt("2026-03-10", "T1B", "N0", "M0", 0, true, true)
            .decision("2026-03-12", "CK", "SURGERY")
            .treatmentStart("2026-03-16")
            .endOfTreatment("2026-03-20");
        assertThatThrownBy(() -> p.completeTask("dischargeConversation", "contactPointsGiven", true, "controlPlanGiven",
                true, "controlPurposeExplained", true, "pakkeforlopHjemContactGiven", true))
            .isInstanceOf(InputRefusedException.class)
            .hasMessage(
                    "«Hva pasienten kan forvente etter behandlingen» må være krysset av før oppgaven kan fullføres. "
                            + "«Fastlegens koordinerende rolle er forklart» må være krysset av før oppgaven kan fullføres. "
                            + "«Kommunal kreftkoordinator er formidlet» må være krysset av før oppgaven kan fullføres.");
        assertThat(p.openTaskKeys()).contains("dischargeConversation");
        p.completeTask("dischargeConversation", FormAnswers.complete("dischargeConversation"));
        assertThat(p.openTaskKeys()).doesNotContain("dischargeConversation");
    }

    // ------------------------------------------------------------------ nutrition from
    // the workup on

    @ParameterizedTest(name = "NRS 2002 {0} + {1}, 70 or older: {2} = {3}")
    @CsvSource({ "1, 1, false, 2, false, noNutritionRisk", "1, 1, true, 3, true, dietitianReferred",
            "3, 3, true, 7, true, dietitianReferred", "0, 0, false, 0, false, noNutritionRisk" })
    void theFirstAttendanceStartsANutritionScreeningAndARiskSendsTheDietitianReferral(int nutrition, int severity,
            boolean age70, int total, boolean atRisk, String end) {
        Pathway p = start("2026-03-02");
        assertThat(p.openTaskKeys()).doesNotContain("nutritionScreening");
        p.firstAttendance("2026-03-04");
        assertThat(p.task("nutritionScreening")).hasCandidateGroup("lege");
        // beside the milestones, never before them
        assertThat(p.pi).isWaitingAt("registerEndoscopyResult", "nutritionScreening");
        assertThatThrownBy(() -> p.completeTask("nutritionScreening", "nrsNutritionScore", 4, "nrsSeverityScore", 1))
            .hasMessageContaining("Svekket ernæringsstatus (NRS 2002, 0–3)» må være et heltall fra 0 til 3, ikke «4».");

        p.completeTask("nutritionScreening", "nrsNutritionScore", (long) nutrition, "nrsSeverityScore",
                (double) severity, "nrsAge70OrOlder", age70);

        assertThat(p.variable("nrsTotalScore")).isEqualTo(total);
        assertThat(p.variable("nutritionAtRisk")).isEqualTo(atRisk);
        assertThat(p.variable("nrsNutritionScore")).isEqualTo(nutrition);
        if (atRisk) {
            assertThat(p.task("referToDietitian")).hasCandidateGroup("lege");
            p.completeTask("referToDietitian", FormAnswers.complete("referToDietitian"));
        }
        assertThat(p.pi).hasPassed(end);
        assertThat(p.codes()).containsExactly("A32A 2026-03-02", "A32S 2026-03-04");
    }

    // ------------------------------------------------------------------ a biopsy that
    // did not answer

    @Test
    void aNonDiagnosticGastroscopyRegistersNoCodeAndAsksForANewOneWhileThe21DaysRun() {
        Pathway p = start("2026-03-02").firstAttendance("2026-03-04");
        Job decisionTimer = p.timer("deadlineDecision");
        Date taskDue = p.task("registerEndoscopyResult").getDueDate();
        p.endoscopy("2026-03-05", "NON_DIAGNOSTIC");

        assertThat(p.codes()).containsExactly("A32A 2026-03-02", "A32S 2026-03-04");
        assertThat(p.pi).isWaitingAt("registerEndoscopyResult");
        assertThat(p.variable("nonDiagnosticEndoscopyDate")).isEqualTo("2026-03-05");
        // the same 21 days: the timer and the new task's deadline are unchanged
        assertThat(p.timer("deadlineDecision").getId()).isEqualTo(decisionTimer.getId());
        assertThat(p.timer("deadlineDecision").getDuedate()).isEqualTo(decisionTimer.getDuedate());
        assertThat(p.task("registerEndoscopyResult").getDueDate()).isEqualTo(taskDue);
        assertThat(taskDue.toInstant().atZone(OSLO).toLocalDate()).isEqualTo("2026-03-25");

        // the form comes back with the earlier gastroscopy's date: a new one is asked for
        today("2026-03-11");
        assertThatThrownBy(() -> p.completeTask("registerEndoscopyResult", "endoscopyDate", "2026-03-05",
                "endoscopyResult", "OESOPHAGEAL_OR_GASTRIC_CANCER"))
            .hasMessage("Dato for gastroskopi (05.03.2026) må være etter gastroskopien som ikke ga svar (05.03.2026): "
                    + "registrer resultatet av den nye gastroskopien.");
        p.endoscopy("2026-03-11", "OESOPHAGEAL_OR_GASTRIC_CANCER");
        assertThat(p.pi).isWaitingAt("mdtAssessment").hasPassed("endoscopyLoop");
        assertThat(p.codes()).hasSize(2);
    }

    // ------------------------------------------------------------------ another referral
    // for the same patient

    @Test
    void aReferralAttachedToARunningPathwayGivesItsCoordinatorATask() {
        Pathway p = start("2026-03-02").firstAttendance("2026-03-04");
        runtimeService().createMessageCorrelation("additionalReferralReceived")
            .processInstanceId(p.id())
            .setVariablesLocal(Map.of("additionalReferralId", "HEN-2", "additionalReferralReceivedDate", "2026-03-05",
                    "additionalReferralHospital", "Helse Nord HF"))
            .correlate();

        Task review = p.task("reviewAdditionalReferral");
        assertThat(review).hasCandidateGroup("forlopskoordinator");
        assertThat(taskService().getVariable(review.getId(), "additionalReferralId")).isEqualTo("HEN-2");
        assertThat(p.codes()).containsExactly("A32A 2026-03-02", "A32S 2026-03-04");
        assertThatThrownBy(() -> p.completeTask("reviewAdditionalReferral")).isInstanceOf(InputRefusedException.class);
        p.completeTask("reviewAdditionalReferral", FormAnswers.complete("reviewAdditionalReferral"));
        assertThat(p.pi).hasPassed("additionalReferralReviewed").isWaitingAt("registerEndoscopyResult");
    }

    // ------------------------------------------------------------------ dates as the
    // clinic has them

    @Test
    void aGastroscopyDoneBeforeTheReferralIsRegisteredWithItsRealDate() {
        Pathway p = start("2026-03-02").firstAttendance("2026-03-04");
        today("2026-03-05");
        assertThatThrownBy(() -> p.completeTask("registerEndoscopyResult", "endoscopyDate", "2026-03-06",
                "endoscopyResult", "OESOPHAGEAL_OR_GASTRIC_CANCER"))
            .hasMessageContaining("kan ikke være fram i tid");
        assertThatThrownBy(() -> p.completeTask("registerEndoscopyResult", "endoscopyDate", "2025-03-01",
                "endoscopyResult", "OESOPHAGEAL_OR_GASTRIC_CANCER"))
            .hasMessageContaining("kan ikke være mer enn 365 dager før mottaksdatoen for henvisningen (02.03.2026)");

        p.endoscopy("2026-02-20", "OESOPHAGEAL_OR_GASTRIC_CANCER");
        assertThat(p.variable("endoscopyDate")).isEqualTo("2026-02-20");
        assertThat(p.pi).isWaitingAt("mdtAssessment");
        // later dates are still checked against it
        today("2026-03-10");
        assertThatThrownBy(() -> p.mdtChooses("2026-02-19", "T3", "N1", "M0", 0, true, true,
                "SURGERY_WITH_NEOADJUVANT_OR_CURATIVE_CHEMORADIATION", null))
            .hasMessageContaining("Dato for MDT-møtet");
    }

    // ------------------------------------------------------------------ breach alerts
    // that stay true

    @Test
    void aBreachThatALaterRegisteredDateShowsWasMetIsWithdrawnAndItsFollowUpEnds() {
        Pathway p = start("2026-03-02");
        clock("2026-03-11", "00:00");
        p.runDueJobs();
        assertThat(p.breachTaskIntervals()).containsExactly("REFERRAL_TO_FIRST_ATTENDANCE");

        // the attendance on 9 March (within 8 days) is registered on 12 March
        today("2026-03-12");
        p.completeTask("registerFirstAttendance", "firstAttendanceDate", "2026-03-09", "firstAttendanceType",
                "OUTPATIENT");
        p.runJob("registerFirstAttendanceCode");

        assertThat(p.breaches()).containsExactly("REFERRAL_TO_FIRST_ATTENDANCE");
        assertThat(p.withdrawalReason("REFERRAL_TO_FIRST_ATTENDANCE")).isEqualTo("MET");
        assertThat(p.breachTasks()).isEmpty();
        assertThat(p.passed()).contains("breachWithdrawnMet", "breachMetAfterAll").doesNotContain("breachFollowedUp");
        assertThat(p.pi).isWaitingAt("registerEndoscopyResult");
        // once per interval and pathway: nothing is raised again
        clock("2026-03-20", "00:00");
        p.runDueJobs();
        assertThat(p.breachTasks()).isEmpty();
    }

    @Test
    void aTreatmentStartRegisteredLateWithAnEarlierDateWithdrawsBothTreatmentBreaches() {
        Pathway p = start("2026-01-05").firstAttendance("2026-01-07")
            .endoscopy("2026-01-08", "OESOPHAGEAL_OR_GASTRIC_CANCER")
            .mdt("2026-01-12", "T3", "N1", "M0", 1, true, true)
            .decision("2026-01-20", "CK", "DRUG");
        clock("2026-02-20", "00:00");
        p.runDueJobs();
        assertThat(p.breachTaskIntervals()).hasSize(2);

        clock("2026-02-20", "10:00");
        p.consentGiven();
        p.completeTask("registerTreatmentStart", "treatmentStartDate", "2026-02-02", "treatmentStarted", "DRUG");
        p.runJob("registerTreatmentStartCode");
        assertThat(p.withdrawalReason("DECISION_TO_TREATMENT")).isEqualTo("MET");
        assertThat(p.withdrawalReason("REFERRAL_TO_TREATMENT")).isEqualTo("MET");
        assertThat(p.breachTasks()).isEmpty();
    }

    @Test
    void aFollowedUpBreachIsStillMarkedWithdrawnWhenItTurnsOutNotToApply() {
        Pathway p = start("2026-01-05").firstAttendance("2026-01-30")
            .endoscopy("2026-01-31", "OESOPHAGEAL_OR_GASTRIC_CANCER")
            .mdt("2026-02-02", "T3", "N1", "M0", 1, true, true);
        clock("2026-02-18", "00:00");
        p.runDueJobs();
        assertThat(p.breachTaskIntervals()).containsExactly("REFERRAL_TO_TREATMENT");
        p.completeAllDialogueAndFollowUp();
        assertThat(p.breachTasks()).isEmpty();

        p.decision("2026-02-18", "CK", "NO_TREATMENT");
        assertThat(p.codes()).endsWith("A32FI 2026-02-18");
        assertThat(p.withdrawalReason("REFERRAL_TO_TREATMENT")).isEqualTo("NOT_APPLICABLE");
        assertThat(p.passed()).contains("breachFollowedUp").doesNotContain("breachNotApplicable");
    }

    @Test
    void the43DaysFiringWhileSymptomReliefIsBeingRegisteredRaiseNoBreach() {
        Pathway p = start("2026-01-05").firstAttendance("2026-01-07")
            .endoscopy("2026-01-08", "OESOPHAGEAL_OR_GASTRIC_CANCER")
            .mdt("2026-01-12", "T3", "N0", "M0", 1, true, true)
            .decision("2026-01-20", "CK", "SYMPTOM_RELIEF", PLAN_CHANGE);
        today("2026-02-10");
        p.consentGiven();
        p.completeTask("registerTreatmentStart", "treatmentStartDate", "2026-02-10", "treatmentStarted",
                "SYMPTOM_RELIEF");

        clock("2026-02-18", "00:00");
        execute(p.timer("deadlineReferralToTreatment")); // before the registration job
                                                         // has run
        assertThat(p.breaches()).isEmpty();
        assertThat(p.pi).hasPassed("breachNotApplicableReferralToTreatment");
        p.runJob("registerTreatmentStartCode");
        assertThat(p.codes()).endsWith("A32FL 2026-02-10");
        assertThat(p.breachTasks()).isEmpty();
    }

}
