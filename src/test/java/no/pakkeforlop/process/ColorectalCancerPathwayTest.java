package no.pakkeforlop.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.repositoryService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.taskService;

import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import no.pakkeforlop.checks.TaskCheck;
import no.pakkeforlop.deployment.DeployedChecks;
import no.pakkeforlop.refusals.FieldError;
import no.pakkeforlop.refusals.InputRefusedException;
import no.pakkeforlop.reports.PathwayTimes;
import no.pakkeforlop.reports.PathwayTimes.IntervalTime;
import no.pakkeforlop.reports.PathwayTimes.Status;
import no.pakkeforlop.rules.PathwayRules;
import no.pakkeforlop.testsupport.FormAnswers;
import no.pakkeforlop.testsupport.PathwayEngine;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.community.process_test_coverage.junit5.platform7.ProcessEngineCoverageExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The pathway for colorectal cancer (tykk- og endetarmskreft, A12) on the engine, every
 * path of its model: the codes with their dates (A12A on the received date, A12S, the
 * decision A12CK/CM/CA/CI, the treatment start A12FK/FM/FS/FL, A12FO/FI at the decision,
 * A12O, A12X), every standard-time timer with its due date (9 and 12 days; 14 days after
 * the decision for surgery and drug therapy and 18 for radiotherapy; 35 and 39 after the
 * referral), breaches and their follow-up, transfer, termination and the care after it.
 * The pathway's folder is deployed as the application deploys it (its model, rules table,
 * data and forms: the completion checks read the forms and the data of the task's own
 * deployment); the test support and the Java are the same as for A32 (A12 needs no Java
 * of its own).
 *
 * <p>
 * The intake (the start listener {@code ${referralIntake}}) still checks every referral
 * against A32's criteria of reasoned suspicion (the DMN table
 * {@code reasoned-suspicion}), so that table is deployed too, and the referral carries
 * A32's criteria.
 */
@Deployment(resources = "processes/a32-spiseror-magesekk/reasoned-suspicion.dmn")
class ColorectalCancerPathwayTest extends PathwayTestSupport {

    static final String PROCESS_KEY = "pakkeforlop-tykk-endetarm";

    static final PathwayEngine ENGINE = PathwayEngine.withCoverage();

    @RegisterExtension
    static ProcessEngineCoverageExtension extension = ProcessEngineCoverageExtension.builder(ENGINE.configuration)
        .assertClassCoverageAtLeast(0.95)
        .build();

    /** The rules table of A12, as built (the same as the one deployed). */
    static final PathwayRules A12 = ENGINE.catalog.pathway("A12").orElseThrow();

    @Override
    PathwayEngine engine() {
        return ENGINE;
    }

    @Override
    String processKey() {
        return PROCESS_KEY;
    }

    @Override
    String folder() {
        return "a12-tykk-endetarm";
    }

    // ------------------------------------------------------------------ A12's own steps

    /**
     * The physician ends the workup: to the MDT meeting ({@code MDT}) or to the decision
     * without one.
     */
    static Pathway workup(Pathway p, String date, String outcome) {
        today(date);
        return p.completeTask("registerWorkupResult", "workupOutcome", outcome, "workupFindings",
                "Koloskopi med biopsi og CT er gjort.");
    }

    /** The MDT meeting of A12: surgeon, radiologist, oncologist and coordinator. */
    static Pathway mdtMeeting(Pathway p, String date) {
        today(date);
        Map<String, Object> v = new HashMap<>();
        v.put("mdtDate", date);
        v.put("mdtSurgeonPresent", true);
        v.put("mdtRadiologistPresent", true);
        v.put("mdtOncologistPresent", true);
        v.put("mdtCoordinatorPresent", true);
        v.put("mdtRecommendation", "Anbefaler behandling etter drøfting i MDT.");
        return p.completeTask("mdtMeeting", v);
    }

    /** Referral, first attendance, workup to the MDT and the MDT meeting. */
    Pathway toTheDecision(String referral, String firstAttendance, String mdt) {
        Pathway p = start(referral).firstAttendance(firstAttendance);
        workup(p, mdt, "MDT");
        return mdtMeeting(p, mdt);
    }

    static Instant lastMomentOf(String date) {
        return oslo(date, "23:59:59");
    }

    static Instant midnightStarting(String date) {
        return oslo(date, "00:00");
    }

    static Instant taskDue(Pathway p, String key) {
        return p.task(key).getDueDate().toInstant();
    }

    static Instant timerDue(Pathway p, String boundaryEvent) {
        return p.timer(boundaryEvent).getDuedate().toInstant();
    }

    static IntervalTime interval(Pathway p, String name, String today) {
        return new PathwayTimes(A12).of(p.registrations(), LocalDate.parse(today))
            .stream()
            .filter(t -> t.interval().equals(name))
            .findFirst()
            .orElseThrow();
    }

    /** Completes every open task of the pathway's dialogue and follow-up. */
    static void completeTheCare(Pathway p) {
        for (Task t : taskService().createTaskQuery().processInstanceIdIn(p.instances()).list()) {
            taskService().complete(t.getId(), FormAnswers.complete(t.getTaskDefinitionKey()));
        }
    }

    // ------------------------------------------------------------------ the tests

    @Test
    void theRulesTableIsTheCodingGuidesTableForColorectalCancer() {
        assertThat(A12.name()).isEqualTo("Tykk- og endetarmskreft");
        assertThat(A12.processKey()).isEqualTo(PROCESS_KEY);
        assertThat(A12.codePrefix()).isEqualTo("A12");
        assertThat(A12.interval("REFERRAL_TO_FIRST_ATTENDANCE").days()).isEqualTo(9);
        assertThat(A12.interval("FIRST_ATTENDANCE_TO_DECISION").days()).isEqualTo(12);
        PathwayRules.IntervalRule decisionToTreatment = A12.interval("DECISION_TO_TREATMENT");
        assertThat(List.of(decisionToTreatment.daysFor("FK"), decisionToTreatment.daysFor("FM"),
                decisionToTreatment.daysFor("FS")))
            .containsExactly(14, 14, 18);
        PathwayRules.IntervalRule referralToTreatment = A12.interval("REFERRAL_TO_TREATMENT");
        assertThat(List.of(referralToTreatment.daysFor("FK"), referralToTreatment.daysFor("FM"),
                referralToTreatment.daysFor("FS")))
            .containsExactly(35, 35, 39);
        assertThat(A12.finalCodes()).containsExactly("A12CA", "A12CI", "A12CM", "A12FI", "A12FK", "A12FL", "A12FM",
                "A12FO", "A12FS", "A12X");
    }

    @Test
    void aReferralRegistersA12aOnTheReceivedDateAndTheFirstAttendanceIsDueInNineDays() {
        Pathway p = start("2026-03-02");

        assertThat(p.codes()).containsExactly("A12A 2026-03-02");
        assertThat(p.registrations().get(0).hospital()).isEqualTo("Helse Nord HF");
        assertThat(p.pi).isWaitingAt("registerFirstAttendance", "informPatientAtReferral", "pathwayAdministration");
        assertThat(p.task("registerFirstAttendance")).hasCandidateGroup("forlopskoordinator");
        assertThat(p.task("informPatientAtReferral")).hasCandidateGroup("forlopskoordinator");
        // 9 days: the last day within the standard time is 11 March
        assertThat(taskDue(p, "registerFirstAttendance")).isEqualTo(lastMomentOf("2026-03-11"));
        assertThat(timerDue(p, "deadlineFirstAttendance")).isEqualTo(midnightStarting("2026-03-12"));
        // the referral-to-treatment timer is made at once, at the earliest standard time
        // (35 days)
        assertThat(timerDue(p, "deadlineReferralToTreatment")).isEqualTo(midnightStarting("2026-04-07"));
        assertThat(interval(p, "REFERRAL_TO_FIRST_ATTENDANCE", "2026-03-02").status()).isEqualTo(Status.PENDING);
    }

    @Test
    void surgeryWithinFourteenDaysOfTheDecision() {
        Pathway p = start("2026-03-02").firstAttendance("2026-03-05");
        assertThat(p.codes()).containsExactly("A12A 2026-03-02", "A12S 2026-03-05");
        // 12 days from the first attendance: the workup, the MDT and the decision are due
        // on 17 March
        assertThat(timerDue(p, "deadlineDecision")).isEqualTo(midnightStarting("2026-03-18"));
        assertThat(taskDue(p, "registerWorkupResult")).isEqualTo(lastMomentOf("2026-03-17"));
        assertThat(p.task("registerWorkupResult")).hasCandidateGroup("lege");

        workup(p, "2026-03-09", "MDT");
        assertThat(p.task("mdtMeeting")).hasCandidateGroup("mdt");
        assertThat(taskDue(p, "mdtMeeting")).isEqualTo(lastMomentOf("2026-03-17"));
        mdtMeeting(p, "2026-03-11");
        assertThat(taskDue(p, "clinicalDecision")).isEqualTo(lastMomentOf("2026-03-17"));

        p.decision("2026-03-13", "CK", "SURGERY");
        assertThat(p.codes()).endsWith("A12CK 2026-03-13");
        // surgery: 14 days from the decision (27 March), before 35 from the referral (6
        // April)
        assertThat(taskDue(p, "registerTreatmentStart")).isEqualTo(lastMomentOf("2026-03-27"));
        assertThat(timerDue(p, "deadlineTreatment")).isEqualTo(midnightStarting("2026-03-28"));
        assertThat(timerDue(p, "deadlineReferralToTreatment")).isEqualTo(midnightStarting("2026-04-07"));
        assertThat(p.variable("treatmentStarted")).as("pre-filled from the plan").isEqualTo("SURGERY");
        assertThat(p.openTaskKeys()).contains("informBeforeTreatment");

        p.treatmentStart("2026-03-27", "SURGERY");

        assertThat(p.codes()).containsExactly("A12A 2026-03-02", "A12S 2026-03-05", "A12CK 2026-03-13",
                "A12FK 2026-03-27");
        assertThat(p.timers()).isEmpty();
        assertThat(new PathwayTimes(A12).of(p.registrations(), LocalDate.parse("2026-03-27")))
            .extracting(IntervalTime::interval, IntervalTime::standardDays, IntervalTime::days, IntervalTime::status)
            .containsExactly(org.assertj.core.groups.Tuple.tuple("REFERRAL_TO_FIRST_ATTENDANCE", 9, 3, Status.MET),
                    org.assertj.core.groups.Tuple.tuple("FIRST_ATTENDANCE_TO_DECISION", 12, 8, Status.MET),
                    org.assertj.core.groups.Tuple.tuple("DECISION_TO_TREATMENT", 14, 14, Status.MET),
                    org.assertj.core.groups.Tuple.tuple("REFERRAL_TO_TREATMENT", 35, 25, Status.MET));
        assertThat(p.pi).hasPassed("registerTreatmentStartCode", "treatmentStarted", "pathwayEnded");
        completeTheCare(p);
        assertThat(p.pi).isEnded().hasPassed("pathwayDone");
    }

    @Test
    void radiotherapyHasEighteenDaysAfterTheDecisionAndThirtyNineAfterTheReferral() {
        Pathway p = toTheDecision("2026-03-02", "2026-03-05", "2026-03-11").decision("2026-03-13", "CK", "RADIATION");

        // radiotherapy: 18 days from the decision (31 March), before 39 from the referral
        // (10 April)
        assertThat(timerDue(p, "deadlineTreatment")).isEqualTo(midnightStarting("2026-04-01"));
        assertThat(taskDue(p, "registerTreatmentStart")).isEqualTo(lastMomentOf("2026-03-31"));

        p.treatmentStart("2026-03-31", "RADIATION");

        assertThat(p.codes()).endsWith("A12FS 2026-03-31");
        IntervalTime decisionToTreatment = interval(p, "DECISION_TO_TREATMENT", "2026-03-31");
        assertThat(decisionToTreatment.standardDays()).isEqualTo(18);
        assertThat(decisionToTreatment.days()).isEqualTo(18);
        assertThat(decisionToTreatment.status()).isEqualTo(Status.MET);
        assertThat(interval(p, "REFERRAL_TO_TREATMENT", "2026-03-31").standardDays()).isEqualTo(39);
        assertThat(p.breaches()).isEmpty();
    }

    @Test
    void surgeryFifteenDaysAfterTheDecisionIsABreachThatRaisesItsFollowUp() {
        Pathway p = toTheDecision("2026-03-02", "2026-03-05", "2026-03-11").decision("2026-03-13", "CK", "SURGERY");

        // the 14 days end on 27 March: the timer fires at 00:00 on 28 March
        clock("2026-03-28", "00:00");
        p.runDueJobs();
        assertThat(p.breaches()).containsExactly("DECISION_TO_TREATMENT");
        assertThat(p.breachTaskIntervals()).containsExactly("DECISION_TO_TREATMENT");
        assertThat(p.breachTasks().get(0)).hasCandidateGroup("forlopskoordinator");

        p.treatmentStart("2026-03-28", "SURGERY");
        IntervalTime decisionToTreatment = interval(p, "DECISION_TO_TREATMENT", "2026-03-28");
        assertThat(decisionToTreatment.standardDays()).isEqualTo(14);
        assertThat(decisionToTreatment.days()).isEqualTo(15);
        assertThat(decisionToTreatment.status()).isEqualTo(Status.BREACHED);
        // the same 15 days for radiotherapy would have been within its 18
        assertThat(new PathwayTimes(A12)
            .measure(A12.interval("DECISION_TO_TREATMENT"), LocalDate.parse("2026-03-13"),
                    LocalDate.parse("2026-03-28"), "A12FS")
            .withinStandard()).isTrue();

        // the follow-up stays until the coordinator has answered it
        completeTheCare(p);
        assertThat(p.pi).hasPassed("followUpBreachCall", "breachFollowUpDone").isEnded();
        assertThat(p.passed()).as("the shared follow-up the pathway called")
            .contains("followUpBreach", "breachFollowedUp");
    }

    @Test
    void drugTherapyHasFourteenDays() {
        Pathway p = toTheDecision("2026-03-02", "2026-03-05", "2026-03-11").decision("2026-03-13", "CK", "DRUG");
        assertThat(timerDue(p, "deadlineTreatment")).isEqualTo(midnightStarting("2026-03-28"));
        p.treatmentStart("2026-03-20", "DRUG");
        assertThat(p.codes()).endsWith("A12FM 2026-03-20");
        assertThat(interval(p, "DECISION_TO_TREATMENT", "2026-03-20").status()).isEqualTo(Status.MET);
    }

    /**
     * The referral-to-treatment timer is made when the pathway starts, before anything is
     * planned, at 35 days; when it fires for a pathway whose plan is radiotherapy, the
     * breach waits for the 39 days of radiotherapy.
     */
    @Test
    void theReferralToTreatmentTimeWaitsForRadiotherapysThirtyNineDays() {
        Pathway p = toTheDecision("2026-03-02", "2026-03-16", "2026-03-24").decision("2026-03-27", "CK", "RADIATION");

        clock("2026-04-07", "00:00");
        p.runDueJobs();
        assertThat(p.pi).hasPassed("deadlineReferralToTreatment");
        assertThat(p.breaches()).as("35 days passed, 39 not yet").isEmpty();
        assertThat(timerDue(p, "deadlineReferralToTreatmentByPlan")).isEqualTo(midnightStarting("2026-04-11"));

        clock("2026-04-11", "00:00");
        p.runDueJobs();
        assertThat(p.breaches()).containsExactly("REFERRAL_TO_TREATMENT");
        assertThat(p.breachTaskIntervals()).containsExactly("REFERRAL_TO_TREATMENT");
        assertThat(p.pi).hasPassed("breachReportedReferralToTreatment");
    }

    @Test
    void withoutAPlanTheReferralToTreatmentTimeIsBreachedAtThirtyFiveDays() {
        Pathway p = start("2026-03-02");
        clock("2026-03-12", "00:00");
        p.runDueJobs();
        assertThat(p.breachTaskIntervals()).containsExactly("REFERRAL_TO_FIRST_ATTENDANCE");
        p.firstAttendance("2026-03-20");
        // 12 days from the first attendance end on 1 April
        clock("2026-04-02", "00:00");
        p.runDueJobs();
        assertThat(p.breachTaskIntervals()).containsExactlyInAnyOrder("REFERRAL_TO_FIRST_ATTENDANCE",
                "FIRST_ATTENDANCE_TO_DECISION");
        assertThat(p.pi).hasPassed("deadlineDecision", "recordBreachDecision", "breachReportedDecision");

        clock("2026-04-07", "00:00");
        p.runDueJobs();
        // the first timer fired and, nothing being planned, the second at once
        p.runDueJobs();
        assertThat(p.breaches()).containsExactlyInAnyOrder("REFERRAL_TO_FIRST_ATTENDANCE",
                "FIRST_ATTENDANCE_TO_DECISION", "REFERRAL_TO_TREATMENT");
        assertThat(p.pi).hasPassed("deadlineReferralToTreatmentByPlan", "breachReportedReferralToTreatment");
    }

    /**
     * The decision without an MDT meeting (the workup found no cancer): CM, CA and CI end
     * the pathway, and the treatment times do not apply.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource({ "CM", "CA", "CI" })
    void aDecisionWithoutCancerOfThisPathwayEndsIt(String decision) {
        Pathway p = start("2026-03-02").firstAttendance("2026-03-05");
        workup(p, "2026-03-09", "DECISION_WITHOUT_MDT");
        assertThat(p.openTaskKeys()).contains("clinicalDecision").doesNotContain("mdtMeeting");

        p.decision("2026-03-10", decision, null);

        assertThat(p.codes()).containsExactly("A12A 2026-03-02", "A12S 2026-03-05", "A12" + decision + " 2026-03-10");
        assertThat(p.pi).hasNotPassed("mdtMeeting").hasPassed("endedAfterDecision");
        assertThat(interval(p, "FIRST_ATTENDANCE_TO_DECISION", "2026-03-10").status()).isEqualTo(Status.MET);
        assertThat(interval(p, "DECISION_TO_TREATMENT", "2026-04-30").status()).isEqualTo(Status.NOT_APPLICABLE);
        assertThat(interval(p, "REFERRAL_TO_TREATMENT", "2026-04-30").status()).isEqualTo(Status.NOT_APPLICABLE);
        assertThat(p.timers()).isEmpty();
        completeTheCare(p);
        assertThat(p.pi).isEnded();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({ "ACTIVE_SURVEILLANCE, FO", "NO_TREATMENT, FI" })
    void activeSurveillanceOrNoTreatmentIsRegisteredOnTheDecisionDate(String planned, String code) {
        Pathway p = toTheDecision("2026-03-02", "2026-03-05", "2026-03-11").decision("2026-03-13", "CK", planned);

        assertThat(p.codes()).endsWith("A12CK 2026-03-13", "A12" + code + " 2026-03-13");
        assertThat(p.pi).hasPassed("registerNoTreatmentCode", "endedWithoutTreatment");
        assertThat(p.openTaskKeys()).doesNotContain("registerTreatmentStart", "informBeforeTreatment");
        assertThat(interval(p, "DECISION_TO_TREATMENT", "2026-04-30").status()).isEqualTo(Status.NOT_APPLICABLE);
        assertThat(p.timers()).isEmpty();
    }

    /**
     * Symptom relief: its plan raises no treatment breach (the time does not apply to
     * A12FL), and A12FL ends the pathway with the treatment times not applicable.
     */
    @Test
    void symptomReliefRaisesNoTreatmentBreachAndEndsThePathwayWithA12fl() {
        Pathway p = toTheDecision("2026-03-02", "2026-03-05", "2026-03-11").decision("2026-03-13", "CK",
                "SYMPTOM_RELIEF");
        clock("2026-03-28", "00:00");
        p.runDueJobs();
        assertThat(p.pi).hasPassed("recordBreachTreatment", "breachNotApplicableTreatment");
        clock("2026-04-07", "00:00");
        p.runDueJobs();
        p.runDueJobs();
        assertThat(p.pi).hasPassed("recordBreachReferralToTreatment", "breachNotApplicableReferralToTreatment");
        assertThat(p.breaches()).isEmpty();
        assertThat(p.breachTasks()).isEmpty();

        p.treatmentStart("2026-04-08", "SYMPTOM_RELIEF");

        assertThat(p.codes()).endsWith("A12FL 2026-04-08");
        assertThat(interval(p, "DECISION_TO_TREATMENT", "2026-04-08").status()).isEqualTo(Status.NOT_APPLICABLE);
        assertThat(interval(p, "REFERRAL_TO_TREATMENT", "2026-04-08").status()).isEqualTo(Status.NOT_APPLICABLE);
    }

    /**
     * A breach is withdrawn when a date entered later shows the time was met, or a code
     * shows it does not apply; its follow-up task ends with it.
     */
    @Test
    void breachesThatLaterRegistrationsDisproveAreWithdrawnWithTheirFollowUp() {
        Pathway p = start("2026-03-02");
        clock("2026-03-12", "00:00");
        p.runDueJobs();
        assertThat(p.breachTaskIntervals()).containsExactly("REFERRAL_TO_FIRST_ATTENDANCE");
        // the first attendance was on the ninth day, entered late
        p.firstAttendance("2026-03-11");
        assertThat(p.withdrawalReason("REFERRAL_TO_FIRST_ATTENDANCE")).isEqualTo("MET");
        assertThat(p.breachTasks()).isEmpty();
        assertThat(p.passed()).contains("breachWithdrawnMet", "breachMetAfterAll");

        workup(p, "2026-03-16", "MDT");
        mdtMeeting(p, "2026-03-18");
        p.decision("2026-03-20", "CK", "DRUG");
        clock("2026-04-07", "00:00");
        p.runDueJobs();
        p.runDueJobs();
        assertThat(p.breachTaskIntervals()).containsExactlyInAnyOrder("REFERRAL_TO_TREATMENT", "DECISION_TO_TREATMENT");

        p.treatmentStart("2026-04-07", "SYMPTOM_RELIEF");

        assertThat(p.withdrawalReason("REFERRAL_TO_TREATMENT")).isEqualTo("NOT_APPLICABLE");
        assertThat(p.withdrawalReason("DECISION_TO_TREATMENT")).isEqualTo("NOT_APPLICABLE");
        assertThat(p.breachTasks()).isEmpty();
        assertThat(p.passed()).contains("breachWithdrawnNotApplicable", "breachNotApplicable");
    }

    @Test
    void transfersRegisterA12oEachTimeAndTheHospitalThatTakesOverGetsTheSummary() {
        Pathway p = start("2026-03-02");
        p.transfer("2026-03-04", "Oslo universitetssykehus HF");
        assertThat(p.openTaskKeys()).contains("sendTransferSummary", "pathwayAdministration");
        p.firstAttendance("2026-03-06");
        p.transfer("2026-03-09", "Helse Bergen HF");

        assertThat(p.codes()).containsExactly("A12A 2026-03-02", "A12O 2026-03-04", "A12S 2026-03-06",
                "A12O 2026-03-09");
        assertThat(p.registrations()).extracting(r -> r.hospital())
            .containsExactly("Helse Nord HF", "Helse Nord HF", "Oslo universitetssykehus HF",
                    "Oslo universitetssykehus HF");
        assertThat(p.variable("hospital")).isEqualTo("Helse Bergen HF");
        List<Task> summaries = taskService().createTaskQuery()
            .processInstanceId(p.id())
            .taskDefinitionKey("sendTransferSummary")
            .list();
        assertThat(summaries).hasSize(2);
        summaries.forEach(t -> taskService().complete(t.getId(), FormAnswers.complete("sendTransferSummary")));
        assertThat(p.pi).hasPassed("transferSummarySent");
    }

    /**
     * A12X ends every open task and timer of the pathway; the care after it follows why
     * the pathway ended and whether cancer was confirmed.
     */
    @ParameterizedTest(name = "{0} after the decision: {1}")
    @CsvSource({ "DEATH, false, informGpOfTermination", "PATIENT_DECLINES, false, informGpOfTermination",
            "TREATMENT_ABROAD_OR_PRIVATE, true, informGpOfTermination offerNeedsAssessmentAfterTermination",
            "PATIENT_DECLINES, true, assessPalliativeCareAfterTermination informGpOfTermination "
                    + "offerNeedsAssessmentAfterTermination" })
    void terminationEndsThePathwayAndTheCareAfterItFollows(String reason, boolean afterTheDecision, String care) {
        Pathway p;
        if (afterTheDecision) {
            p = toTheDecision("2026-03-02", "2026-03-05", "2026-03-11").decision("2026-03-13", "CK", "SURGERY");
        }
        else {
            p = start("2026-03-02").firstAttendance("2026-03-05");
        }
        p.terminate("2026-03-16", reason);

        assertThat(p.codes()).endsWith("A12X 2026-03-16");
        assertThat(p.timers()).isEmpty();
        assertThat(p.pi).hasPassed("registerTermination", "phaseTerminated", "pathwayTerminated");
        assertThat(p.openTaskKeys()).containsExactly(care.split(" "));
        completeTheCare(p);
        assertThat(p.pi).isEnded();
    }

    @Test
    void anAdditionalReferralIsReviewedByTheCoordinator() {
        Pathway p = start("2026-03-02");
        runtimeService().createMessageCorrelation("additionalReferralReceived")
            .processInstanceId(p.id())
            .setVariableLocal("additionalReferralId", "HEN-TILLEGG-1")
            .correlate();
        assertThat(p.task("reviewAdditionalReferral")).hasCandidateGroup("forlopskoordinator");
        p.completeTask("reviewAdditionalReferral", FormAnswers.complete("reviewAdditionalReferral"));
        assertThat(p.pi).hasPassed("additionalReferralReviewed");
        assertThat(p.codes()).containsExactly("A12A 2026-03-02");
    }

    /**
     * The MDT's recommendation needs the specialties the pathway document names
     * (gastrointestinal surgeon, radiologist, oncologist, coordinator); pathologist and
     * gastroenterologist take part when needed.
     */
    @Test
    void theMdtMeetingNeedsSurgeonRadiologistOncologistAndCoordinator() {
        Pathway p = start("2026-03-02").firstAttendance("2026-03-05");
        workup(p, "2026-03-09", "MDT");
        today("2026-03-11");
        Map<String, Object> v = new HashMap<>(
                Map.of("mdtDate", "2026-03-11", "mdtSurgeonPresent", true, "mdtOncologistPresent", true,
                        "mdtCoordinatorPresent", true, "mdtPathologistPresent", true, "mdtRecommendation", "Kirurgi."));

        Throwable refused = catchThrowable(() -> taskService().complete(p.task("mdtMeeting").getId(), v));

        assertThat(refused).isInstanceOf(InputRefusedException.class);
        assertThat(((InputRefusedException) refused).errors()).extracting(FieldError::field)
            .containsExactly("mdtRadiologistPresent");
        assertThat(((InputRefusedException) refused).errors().get(0).message()).contains("Mangler: Radiolog");
        // the MDT meeting is not before the first attendance
        v.put("mdtRadiologistPresent", true);
        v.put("mdtDate", "2026-03-04");
        Throwable early = catchThrowable(() -> taskService().complete(p.task("mdtMeeting").getId(), v));
        assertThat(((InputRefusedException) early).errors()).extracting(FieldError::field).containsExactly("mdtDate");

        v.put("mdtDate", "2026-03-11");
        taskService().complete(p.task("mdtMeeting").getId(), v);
        assertThat(p.openTaskKeys()).contains("clinicalDecision");
    }

    /** The refusal of a completion, which leaves the task open. */
    static List<FieldError> refusal(Pathway p, String taskKey, Map<String, Object> variables) {
        Throwable refused = catchThrowable(() -> taskService().complete(p.task(taskKey).getId(), variables));
        assertThat(refused).isInstanceOf(InputRefusedException.class);
        return ((InputRefusedException) refused).errors();
    }

    /**
     * A12's tasks are checked by the rules registered by task key for every pathway, on
     * A12's own forms and data ({@code pathway.json}): its dates ordered and named by its
     * data, the MDT's required specialties named as its form names them, its own transfer
     * code; and every task of its deployed version can be checked before any runs.
     */
    @Test
    void itsTasksAreCheckedOnItsOwnFormsAndData() {
        Map<String, TaskCheck> checks = Map.of("milestoneValidation",
                (TaskCheck) ENGINE.configuration.getBeans().get("milestoneValidation"), "dialogueCompletion",
                (TaskCheck) ENGINE.configuration.getBeans().get("dialogueCompletion"));
        assertThat(DeployedChecks.problems(repositoryService(), ENGINE.versions, checks, List.of(PROCESS_KEY)))
            .isEmpty();

        Pathway p = start("2026-03-02").firstAttendance("2026-03-05");
        workup(p, "2026-03-09", "MDT");
        today("2026-03-11");
        Map<String, Object> v = new HashMap<>(Map.of("mdtDate", "2026-03-11", "mdtSurgeonPresent", true,
                "mdtOncologistPresent", true, "mdtCoordinatorPresent", true, "mdtRecommendation", "Kirurgi."));
        assertThat(refusal(p, "mdtMeeting", v)).containsExactly(new FieldError("mdtRadiologistPresent",
                "MDT-møtet må ha gastrokirurg, radiolog (bekken- og tumordiagnostikk), onkolog og forløpskoordinator "
                        + "til stede for å gi en anbefaling. Mangler: Radiolog (bekken- og tumordiagnostikk). "
                        + "Kryss av for dem som deltok."));
        v.put("mdtRadiologistPresent", true);
        v.put("mdtDate", "2026-03-04");
        assertThat(refusal(p, "mdtMeeting", v)).containsExactly(new FieldError("mdtDate",
                "Dato for MDT-møtet (04.03.2026) kan ikke være før datoen for første fremmøte (05.03.2026)."));
        v.put("mdtDate", "2026-03-11");
        taskService().complete(p.task("mdtMeeting").getId(), v);

        today("2026-03-12");
        assertThat(refusal(p, "pathwayAdministration",
                Map.of("administrativeAction", "TRANSFER", "transferDate", "2026-03-12", "toHospital",
                        "helse nord hf")))
            .containsExactly(new FieldError("toHospital", "Forløpet er allerede ved Helse Nord HF. A12O (overføring) "
                    + "registreres bare når ansvaret for forløpet går til et annet helseforetak."));
        assertThat(refusal(p, "clinicalDecision",
                Map.of("decisionDate", "2026-03-12", "decisionCode", "CA", "plannedTreatment", "SURGERY")))
            .containsExactly(new FieldError("plannedTreatment",
                    "Planlagt behandling skal bare fylles ut når behandling av kreften er besluttet (CK)."));
    }

    /**
     * The decision is the clinicians': CK needs neither a gastroscopy nor a treatment
     * group.
     */
    @Test
    void theDecisionIsTheCliniciansWithoutADecisionTable() {
        Pathway p = toTheDecision("2026-03-02", "2026-03-05", "2026-03-11");
        Throwable early = catchThrowable(() -> {
            today("2026-03-13");
            taskService().complete(p.task("clinicalDecision").getId(),
                    Map.of("decisionDate", "2026-03-10", "decisionCode", "CK", "plannedTreatment", "SURGERY"));
        });
        assertThat(((InputRefusedException) early).errors()).extracting(FieldError::field)
            .containsExactly("decisionDate");

        p.decision("2026-03-13", "CK", "SURGERY");
        assertThat(p.codes()).endsWith("A12CK 2026-03-13");
        assertThat(p.variable("treatmentGroup")).isNull();
        assertThat(p.variable("proposedTreatmentGroup")).isNull();
    }

}
