package no.pakkeforlop.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.managementService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.taskService;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Date;
import java.util.List;
import java.util.stream.Stream;
import no.pakkeforlop.codes.RegisteredCode;
import no.pakkeforlop.testsupport.PathwayEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.community.process_test_coverage.junit5.platform7.ProcessEngineCoverageExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Engine tests of the whole pathway: every path, every timer and every escape hatch, each with the exact
 * codes and dates registered. The engine clock is driven with ClockUtil; jobs are executed by hand.
 */
@Deployment(resources = {"processes/pakkeforlop-spiseror-magesekk.bpmn", "processes/treatment-group.dmn",
    "processes/reasoned-suspicion.dmn"})
class PathwayProcessTest extends PathwayTestSupport {

  static final PathwayEngine ENGINE = PathwayEngine.withCoverage();

  @RegisterExtension
  static ProcessEngineCoverageExtension extension = ProcessEngineCoverageExtension.builder(ENGINE.configuration)
      .assertClassCoverageAtLeast(0.95).build();

  @Override
  PathwayEngine engine() {
    return ENGINE;
  }

  // ------------------------------------------------------------------ entry

  @ParameterizedTest
  @EnumSource(names = {"MARKED_REFERRAL", "UNMARKED_MEETS_CRITERIA", "SUSPICION_IN_SPECIALIST_CARE"})
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
    assertThat(p.timers()).extracting(Job::getDuedate).containsExactlyInAnyOrder(
        Date.from(oslo("2026-03-11", "00:00")), Date.from(oslo("2026-04-15", "00:00")));
  }

  enum StartBasis { MARKED_REFERRAL, UNMARKED_MEETS_CRITERIA, SUSPICION_IN_SPECIALIST_CARE }

  // ------------------------------------------------------------------ the five treatment groups

  static Stream<Arguments> treatmentGroups() {
    return Stream.of(
        Arguments.of("T1A", "N0", "M0", 1, true, true, "ENDOSCOPIC_OR_SURGERY_ALONE", "SURGERY", "A32FK"),
        Arguments.of("T3", "N1", "M0", 0, true, true, "SURGERY_WITH_NEOADJUVANT_OR_CURATIVE_CHEMORADIATION", "DRUG", "A32FM"),
        Arguments.of("T4B", "N2", "M0", 1, true, false, "LOCALLY_ADVANCED_CHEMORADIATION", "RADIATION", "A32FS"),
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
    assertThat(p.variable("treatmentGroup")).isEqualTo(expectedGroup);
    assertThat(p.pi).isWaitingAt("clinicalDecision");

    p.decision("2026-03-23", "CK", plannedTreatment);
    // the dialogue before treatment starts beside the milestone, without blocking it
    assertThat(p.openTaskKeys()).contains("registerTreatmentStart", "informBeforeTreatment", "offerNeedsAssessment");

    p.treatmentStart("2026-04-01");
    assertThat(p.codes()).containsExactly("A32A 2026-03-02", "A32S 2026-03-09", "A32CK 2026-03-23",
        expectedCode + " 2026-04-01");
    assertThat(p.variable("pathwayOutcome")).isEqualTo("TREATMENT_STARTED");
    assertThat(p.timers()).isEmpty();
    assertThat(p.openTaskKeys()).doesNotContain("pathwayAdministration").containsAll(FOLLOW_UP_TASKS);

    p.completeAllDialogueAndFollowUp();
    assertThat(p.pi).isEnded().hasPassed("dischargeConversation", "firstNutritionControl",
        "rehabilitationAssessment", "informGeneralPractitioner", "followUpDone", "dialogueBeforeTreatmentDone",
        "patientInformed");
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

    p.decision("2026-03-18", "CK", "SURGERY").treatmentStart("2026-03-30");
    assertThat(p.codes()).containsExactly("A32A 2026-03-02", "A32S 2026-03-04", "A32CK 2026-03-18", "A32FK 2026-03-30");
  }

  // ------------------------------------------------------------------ decisions that end the pathway

  @ParameterizedTest
  @CsvSource({"OTHER_CANCER, CM, A32CM", "OTHER_DISEASE, CA, A32CA", "NO_DISEASE, CI, A32CI"})
  void aDecisionOtherThanCkEndsThePathwayOnTheDecisionDate(String endoscopyResult, String decisionCode, String code) {
    Pathway p = start("2026-05-04").firstAttendance("2026-05-06").endoscopy("2026-05-08", endoscopyResult);
    assertThat(p.pi).isWaitingAt("clinicalDecision");

    p.decision("2026-05-15", decisionCode, null);
    assertThat(p.codes()).containsExactly("A32A 2026-05-04", "A32S 2026-05-06", code + " 2026-05-15");
    assertThat(p.variable("pathwayOutcome")).isEqualTo("CLOSED_WITHOUT_TREATMENT");
    assertThat(p.timers()).isEmpty();
    assertThat(p.openTaskKeys()).containsExactly("informPatientAtReferral");

    p.completeAllDialogueAndFollowUp();
    assertThat(p.pi).isEnded().hasPassed("endedAfterDecision", "pathwayClosedWithoutTreatment")
        .hasNotPassed("splitFollowUp", "informBeforeTreatment");
  }

  @Test
  void otherCancerFoundByTheMdtEndsWithA32cm() {
    Pathway p = start("2026-05-04").firstAttendance("2026-05-06")
        .endoscopy("2026-05-08", "OESOPHAGEAL_OR_GASTRIC_CANCER").mdt("2026-05-12", "T2", "N1", "M0", 0, true, true)
        .decision("2026-05-14", "CM", null);
    assertThat(p.codes()).containsExactly("A32A 2026-05-04", "A32S 2026-05-06", "A32CM 2026-05-14");
    assertThat(p.openTaskKeys()).containsExactly("informPatientAtReferral");
  }

  @ParameterizedTest
  @CsvSource({"ACTIVE_SURVEILLANCE, A32FO", "NO_TREATMENT, A32FI"})
  void activeSurveillanceAndNoTreatmentAreRegisteredOnTheDayOfTheConversation(String planned, String code) {
    Pathway p = start("2026-06-01").firstAttendance("2026-06-03")
        .endoscopy("2026-06-05", "OESOPHAGEAL_OR_GASTRIC_CANCER").mdt("2026-06-10", "T4A", "N2", "M1", 3, false, false)
        .decision("2026-06-12", "CK", planned);

    assertThat(p.codes()).containsExactly("A32A 2026-06-01", "A32S 2026-06-03", "A32CK 2026-06-12", code + " 2026-06-12");
    assertThat(p.variable("pathwayOutcome")).isEqualTo("CLOSED_WITHOUT_TREATMENT");
    assertThat(p.timers()).isEmpty();
    assertThat(p.openTaskKeys()).containsExactlyInAnyOrder("informPatientAtReferral", "informBeforeTreatment",
        "offerNeedsAssessment");
    p.completeAllDialogueAndFollowUp();
    assertThat(p.pi).isEnded().hasPassed("endedWithoutTreatment", "pathwayClosedWithoutTreatment");
  }

  // ------------------------------------------------------------------ transfers

  @Test
  void aTransferRegistersA32oOnTheReferralDateAndMovesTheHospital() {
    Pathway p = start("2026-03-02").firstAttendance("2026-03-09").transfer("2026-03-12", "Oslo universitetssykehus HF");

    assertThat(p.codes()).containsExactly("A32A 2026-03-02", "A32S 2026-03-09", "A32O 2026-03-12");
    assertThat(p.registrations().get(2).hospital()).isEqualTo("Helse Nord HF");
    assertThat(p.variable("hospital")).isEqualTo("Oslo universitetssykehus HF");
    // the workup goes on, and another transfer stays possible
    assertThat(p.pi).isWaitingAt("registerEndoscopyResult", "pathwayAdministration");

    p.endoscopy("2026-03-16", "NO_DISEASE").decision("2026-03-20", "CI", null);
    assertThat(p.registrations().get(3).hospital()).isEqualTo("Oslo universitetssykehus HF");
  }

  @Test
  void twoTransfersRegisterTwoA32oCodes() {
    Pathway p = start("2026-03-02").transfer("2026-03-03", "St. Olavs hospital HF")
        .firstAttendance("2026-03-06").transfer("2026-03-12", "Oslo universitetssykehus HF");

    assertThat(p.codes()).containsExactly("A32A 2026-03-02", "A32O 2026-03-03", "A32S 2026-03-06", "A32O 2026-03-12");
    assertThat(p.registrations()).extracting(RegisteredCode::hospital).containsExactly(
        "Helse Nord HF", "Helse Nord HF", "St. Olavs hospital HF", "St. Olavs hospital HF");
    assertThat(p.registrations()).extracting(RegisteredCode::registrationKey)
        .containsExactly("REFERRAL", "TRANSFER#1", "FIRST_ATTENDANCE", "TRANSFER#2");
    assertThat(p.variable("hospital")).isEqualTo("Oslo universitetssykehus HF");
  }

  // ------------------------------------------------------------------ termination in each phase

  enum Phase { BEFORE_FIRST_ATTENDANCE, AWAITING_ENDOSCOPY, AWAITING_MDT, IN_SUPPLEMENTARY_WORKUP, AWAITING_DECISION,
    AWAITING_TREATMENT_START, WITH_OPEN_BREACH_FOLLOW_UP }

  @ParameterizedTest
  @EnumSource(Phase.class)
  void terminationRegistersA32xAndLeavesNothingRunning(Phase phase) {
    Pathway p = start("2026-03-02");
    String terminationDate = "2026-03-25";
    switch (phase) {
      case BEFORE_FIRST_ATTENDANCE -> { }
      case AWAITING_ENDOSCOPY -> p.firstAttendance("2026-03-09");
      case AWAITING_MDT -> p.firstAttendance("2026-03-09").endoscopy("2026-03-10", "OESOPHAGEAL_OR_GASTRIC_CANCER");
      case IN_SUPPLEMENTARY_WORKUP -> p.firstAttendance("2026-03-09")
          .endoscopy("2026-03-10", "OESOPHAGEAL_OR_GASTRIC_CANCER").mdt("2026-03-12", "TX", "NX", "M0", 1, true, true, true);
      case AWAITING_DECISION -> p.firstAttendance("2026-03-09")
          .endoscopy("2026-03-10", "OESOPHAGEAL_OR_GASTRIC_CANCER").mdt("2026-03-12", "T2", "N0", "M0", 1, true, true);
      case AWAITING_TREATMENT_START -> p.firstAttendance("2026-03-09")
          .endoscopy("2026-03-10", "OESOPHAGEAL_OR_GASTRIC_CANCER").mdt("2026-03-12", "T2", "N0", "M0", 1, true, true)
          .decision("2026-03-16", "CK", "SURGERY");
      case WITH_OPEN_BREACH_FOLLOW_UP -> {
        clock("2026-03-11", "00:00");
        p.runDueJobs();
        assertThat(p.breachTaskIntervals()).containsExactly("REFERRAL_TO_FIRST_ATTENDANCE");
      }
    }
    List<String> before = p.codes();

    p.terminate(terminationDate, "PATIENT_DECLINES");

    assertThat(p.codes()).hasSize(before.size() + 1).startsWith(before.toArray(String[]::new))
        .endsWith("A32X " + terminationDate);
    assertThat(p.pi).isEnded().hasPassed("phaseTerminated", "pathwayTerminated");
    assertThat(taskService().createTaskQuery().processInstanceId(p.id()).count()).isZero();
    assertThat(managementService().createJobQuery().processInstanceId(p.id()).count()).isZero();
  }

  @Test
  void afterTreatmentStartNeitherTransferNorTerminationIsOffered() {
    Pathway p = start("2026-03-02").firstAttendance("2026-03-04")
        .endoscopy("2026-03-05", "OESOPHAGEAL_OR_GASTRIC_CANCER").mdt("2026-03-10", "T1B", "N0", "M0", 0, true, true)
        .decision("2026-03-12", "CK", "SURGERY").treatmentStart("2026-03-20");
    assertThat(p.variable("treatmentGroup")).isEqualTo("ENDOSCOPIC_OR_SURGERY_ALONE");
    assertThat(p.openTaskKeys()).doesNotContain("pathwayAdministration");
  }

  // ------------------------------------------------------------------ the four standard-time timers

  /** Builds a pathway whose interval starts on the given date and returns it with the id of the timer. */
  private Pathway reachStartOf(String interval, LocalDate start) {
    return switch (interval) {
      case "REFERRAL_TO_FIRST_ATTENDANCE", "REFERRAL_TO_TREATMENT" -> start(start.toString());
      case "FIRST_ATTENDANCE_TO_DECISION" -> start(start.minusDays(2).toString()).firstAttendance(start.toString());
      case "DECISION_TO_TREATMENT" -> start(start.minusDays(6).toString()).firstAttendance(start.minusDays(5).toString())
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
      "REFERRAL_TO_TREATMENT,        2026-10-01, 2026-11-14"})
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
        .extracting(l -> l.getGroupId()).containsExactly("forlopskoordinator");
    assertThat(p.breaches()).containsExactly(interval);
    assertThat(ENGINE.jdbc.queryForObject("select breached_at from pathway_breach where process_instance_id = ?",
        java.sql.Timestamp.class, p.id()).toInstant()).isEqualTo(breachMoment);
    // a breach never stops the pathway and registers no code
    assertThat(p.codes()).isEqualTo(codesBefore);
    assertThat(p.openTaskKeys()).contains("pathwayAdministration");
  }

  private static boolean executable(Pathway p, Job timer) {
    return managementService().createJobQuery().processInstanceId(p.id()).executable().list().stream()
        .anyMatch(j -> j.getId().equals(timer.getId()));
  }

  @Test
  void aDateRegisteredLateGivesTheRightDeadlineAndAPastDeadlineFiresAtOnce() {
    Pathway p = start("2026-03-02");
    // the coordinator registers on 10 April an attendance that took place on 9 March
    clock("2026-04-10", "09:00");
    p.completeTask("registerFirstAttendance", "firstAttendanceDate", "2026-03-09", "firstAttendanceType", "IMAGING");
    p.runJob("registerFirstAttendanceCode");

    assertThat(p.codes()).containsExactly("A32A 2026-03-02", "A32S 2026-03-09");
    Job decisionTimer = p.timer("deadlineDecision");
    assertThat(decisionTimer.getDuedate().toInstant()).isEqualTo(oslo("2026-03-31", "00:00"));
    assertThat(executable(p, decisionTimer)).isTrue();

    p.runDueJobs();
    assertThat(p.breachTaskIntervals()).containsExactly("FIRST_ATTENDANCE_TO_DECISION");
    // the 43-day deadline (2026-04-14) is not yet past
    assertThat(p.timer("deadlineReferralToTreatment").getDuedate().toInstant()).isEqualTo(oslo("2026-04-15", "00:00"));
    assertThat(p.pi).isWaitingAt("registerEndoscopyResult");
  }

  @Test
  void allFourBreachesGiveOneFollowUpTaskEachAndTheyOutliveTheTreatmentStart() {
    Pathway p = start("2026-01-05");
    clock("2026-01-14", "00:00");
    p.runDueJobs();
    clock("2026-01-20", "10:00");
    p.completeTask("registerFirstAttendance", "firstAttendanceDate", "2026-01-20", "firstAttendanceType", "ADMISSION");
    p.runJob("registerFirstAttendanceCode");
    p.endoscopy("2026-01-22", "OESOPHAGEAL_OR_GASTRIC_CANCER").mdt("2026-02-03", "T2", "N1", "M0", 1, true, true);
    clock("2026-02-11", "00:00");
    p.runDueJobs();
    p.decision("2026-02-12", "CK", "RADIATION");
    clock("2026-02-18", "00:00");
    p.runDueJobs();
    clock("2026-02-27", "00:00");
    p.runDueJobs();
    p.runDueJobs();   // nothing is raised twice

    assertThat(p.breachTaskIntervals()).containsExactlyInAnyOrder("REFERRAL_TO_FIRST_ATTENDANCE",
        "FIRST_ATTENDANCE_TO_DECISION", "REFERRAL_TO_TREATMENT", "DECISION_TO_TREATMENT");
    assertThat(p.breaches()).containsExactly("REFERRAL_TO_FIRST_ATTENDANCE", "FIRST_ATTENDANCE_TO_DECISION",
        "REFERRAL_TO_TREATMENT", "DECISION_TO_TREATMENT");

    p.treatmentStart("2026-03-02");
    assertThat(p.codes()).containsExactly("A32A 2026-01-05", "A32S 2026-01-20", "A32CK 2026-02-12", "A32FS 2026-03-02");
    assertThat(p.breachTasks()).hasSize(4);
    assertThat(p.timers()).isEmpty();
  }

  @Test
  void treatmentTimesDoNotApplyToSymptomRelief() {
    Pathway p = start("2026-01-05").firstAttendance("2026-01-07")
        .endoscopy("2026-01-08", "OESOPHAGEAL_OR_GASTRIC_CANCER").mdt("2026-01-12", "T4A", "N2", "M1", 4, false, false)
        .decision("2026-01-14", "CK", "SYMPTOM_RELIEF");
    clock("2026-03-01", "00:00");
    p.runDueJobs();

    assertThat(p.breachTasks()).isEmpty();
    assertThat(p.breaches()).isEmpty();
    assertThat(p.pi).hasPassed("breachNotApplicableTreatment", "breachNotApplicableReferralToTreatment");
    p.treatmentStart("2026-02-27");
    assertThat(p.codes()).containsExactly("A32A 2026-01-05", "A32S 2026-01-07", "A32CK 2026-01-14", "A32FL 2026-02-27");
  }

  // ------------------------------------------------------------------ retries

  @Test
  void aFailedAndRetriedRegistrationJobRegistersTheCodeOnce() {
    Pathway p = start("2026-03-02");
    today("2026-03-09");
    p.completeTask("registerFirstAttendance", "firstAttendanceDate", "2026-03-09", "firstAttendanceType", "OUTPATIENT");
    Job job = job("registerFirstAttendanceCode", p.pi);

    ENGINE.deadlines.failNextCall();   // the step fails after the code was inserted, in the same transaction
    assertThatThrownBy(() -> managementService().executeJob(job.getId()))
        .hasMessageContaining("Simulated failure");
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
    assertThat(ENGINE.breaches.record(again.referralId(), p.id(), "REFERRAL_TO_FIRST_ATTENDANCE", Instant.now())).isTrue();
    assertThat(ENGINE.breaches.record(again.referralId(), p.id(), "REFERRAL_TO_FIRST_ATTENDANCE", Instant.now())).isFalse();
    assertThat(p.breaches()).containsExactly("REFERRAL_TO_FIRST_ATTENDANCE");
  }

  @Test
  void dialogueTasksNeverBlockTheMilestones() {
    Pathway p = start("2026-03-02");
    assertThat(p.openTaskKeys()).contains("informPatientAtReferral", "registerFirstAttendance");
    p.firstAttendance("2026-03-03").endoscopy("2026-03-04", "OESOPHAGEAL_OR_GASTRIC_CANCER")
        .mdt("2026-03-05", "T1A", "N0", "M0", 0, true, true).decision("2026-03-06", "CK", "SURGERY")
        .treatmentStart("2026-03-10");
    assertThat(p.openTaskKeys()).containsExactlyInAnyOrder("informPatientAtReferral", "informBeforeTreatment",
        "offerNeedsAssessment", "dischargeConversation", "firstNutritionControl", "rehabilitationAssessment",
        "informGeneralPractitioner");
    assertThat(runtimeService().createProcessInstanceQuery().processInstanceId(p.id()).count()).isOne();
  }
}
