package no.pakkeforlop.process;

import static no.pakkeforlop.testsupport.TestData.OSLO;
import static no.pakkeforlop.testsupport.TestData.PROCESS_KEY;
import static no.pakkeforlop.testsupport.TestData.REFERRAL_DETAILS;
import static no.pakkeforlop.testsupport.TestData.nationalIdFor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.historyService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.managementService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.taskService;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import no.pakkeforlop.codes.RegisteredCode;
import no.pakkeforlop.rules.PathwayInstances;
import no.pakkeforlop.testsupport.FormAnswers;
import no.pakkeforlop.testsupport.PathwayEngine;
import no.pakkeforlop.testsupport.PathwayFolderDeployment;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * Drives the pathway through the engine's Java API the way staff would, one milestone at
 * a time.
 */
abstract class PathwayTestSupport {

    /**
     * The tasks beside the milestones: patient dialogue, follow-up after the decision and
     * treatment, breaches.
     */
    static final java.util.Set<String> SIDE_TASKS = java.util.Set.of("informPatientAtReferral", "informBeforeTreatment",
            "offerNeedsAssessment", "dischargeConversation", "firstNutritionControl", "rehabilitationAssessment",
            "informGeneralPractitioner", "followUpBreach", "informGpOfDecision", "makeControlPlan",
            "assessPalliativeCare", "referToOtherPathway", "informPatientOfResult", "informGpOfTermination",
            "offerNeedsAssessmentAfterTermination", "assessPalliativeCareAfterTermination", "reviewAdditionalReferral",
            "informGpOfPalliativeTreatment", "palliativeFollowUpPlan", "nutritionScreening", "referToDietitian",
            "reassessResectability", "sendTransferSummary", "orderStagingWorkup");

    /** What follows the end of primary treatment. */
    static final List<String> AFTER_END_OF_TREATMENT = List.of("dischargeConversation", "firstNutritionControl",
            "informGeneralPractitioner");

    /**
     * The decision table, evaluated outside the engine: what the MDT agrees with in
     * {@code mdt(...)}.
     */
    private static final org.camunda.bpm.dmn.engine.DmnEngine DMN = org.camunda.bpm.dmn.engine.DmnEngineConfiguration
        .createDefaultDmnEngineConfiguration()
        .buildEngine();

    static String tableProposal(String t, String n, String m, int ecog, boolean operable, boolean resectable) {
        try (java.io.InputStream in = PathwayTestSupport.class.getClassLoader()
            .getResourceAsStream("processes/a32-spiseror-magesekk/treatment-group.dmn")) {
            var result = DMN.evaluateDecision(DMN.parseDecision("treatment-group", in), Map.of("tStage", t, "nStage", n,
                    "mStage", m, "ecog", ecog, "medicallyOperable", operable, "technicallyResectable", resectable));
            return result.isEmpty() ? null : result.getSingleResult().getSingleEntry();
        }
        catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** What the MDT records besides the staging: site, histology, who took part. */
    static Map<String, Object> mdtRecord(String date, String t, String n, String m, int ecog, boolean operable,
            boolean resectable) {
        Map<String, Object> v = new HashMap<>();
        v.put("mdtDate", date);
        v.put("tumourSite", "GASTRO_OESOPHAGEAL_JUNCTION");
        v.put("histology", "ADENOCARCINOMA");
        v.put("tStage", t);
        v.put("nStage", n);
        v.put("mStage", m);
        v.put("ecog", ecog);
        v.put("medicallyOperable", operable);
        v.put("technicallyResectable", resectable);
        v.put("mdtOncologistPresent", true);
        v.put("mdtSurgeonPresent", true);
        v.put("mdtRadiologistPresent", true);
        v.put("mdtCoordinatorPresent", true);
        return v;
    }

    /** The physician's reason for symptom relief only in a curative group (1-3). */
    static final Map<String, Object> PLAN_CHANGE = Map.of("planChangeReason",
            "Pasienten ønsker ikke kurativ behandling etter samtalen; stent for svelgevansker.");

    /** The physician's reason for no cancer after a biopsy that showed cancer. */
    static final Map<String, Object> CANCER_RULED_OUT = Map.of("cancerRuledOutReason",
            "Revurdert histologi ved referansepatolog: høygradig dysplasi, ikke kreft.");

    /**
     * The reasons a decision needs after a biopsy that showed cancer and an MDT that
     * placed the patient in a curative group (1-3): none, or one of the above.
     */
    static Map<String, Object> reasonsAfterCancerInACurativeGroup(String decision, String planned) {
        if ("CA".equals(decision) || "CI".equals(decision)) {
            return CANCER_RULED_OUT;
        }
        return "SYMPTOM_RELIEF".equals(planned) ? PLAN_CHANGE : Map.of();
    }

    private static int referralCounter;

    /** The pathway's deployment for the test. */
    private String pathwayDeployment;

    /**
     * The assertions' static helpers (task(), job(), ...) work on this class's engine,
     * built by its extension.
     */
    @BeforeEach
    void initAssertions() {
        BpmnAwareTests.init(engine().configuration.getProcessEngine());
    }

    /**
     * The whole pathway folder, deployed as the application deploys it (its forms and
     * data too: the completion checks read them), for each test, and deleted after it.
     */
    @BeforeEach
    void deployThePathway() {
        pathwayDeployment = PathwayFolderDeployment.deploy(engine().configuration.getProcessEngine(), folder());
    }

    @AfterEach
    void deleteThePathway() {
        PathwayFolderDeployment.delete(engine().configuration.getProcessEngine(), pathwayDeployment);
        pathwayDeployment = null;
    }

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    abstract PathwayEngine engine();

    /** The process the tests start: the oesophageal and gastric cancer pathway's. */
    String processKey() {
        return PROCESS_KEY;
    }

    /**
     * The pathway folder the tests deploy (the one whose process {@link #processKey()}
     * names): the oesophageal and gastric cancer pathway's.
     */
    String folder() {
        return PathwayFolderDeployment.A32;
    }

    /** Sets the engine clock to the given moment in Oslo. */
    static void clock(String date, String time) {
        ClockUtil.setCurrentTime(
                Date.from(ZonedDateTime.of(LocalDate.parse(date), LocalTime.parse(time), OSLO).toInstant()));
    }

    /**
     * Sets the engine clock to midday in Oslo on the given date: staff registering on the
     * day.
     */
    static void today(String date) {
        clock(date, "12:00");
    }

    static Instant oslo(String date, String time) {
        return ZonedDateTime.of(LocalDate.parse(date), LocalTime.parse(time), OSLO).toInstant();
    }

    Pathway start(String receivedDate) {
        return start(receivedDate, "MARKED_REFERRAL");
    }

    Pathway start(String receivedDate, String startBasis) {
        return start(receivedDate, startBasis, Map.of());
    }

    /**
     * A new referral for the patient of an earlier pathway, saying what it is
     * (RECURRENCE, NEW_PRIMARY, UNCERTAIN_ORIGIN) or, with null, nothing.
     */
    Pathway startAgain(Pathway earlier, String receivedDate, String previousCancer) {
        return start(receivedDate, "MARKED_REFERRAL", earlier.nationalId(), previousCancer, Map.of());
    }

    /**
     * A first referral for a new patient that says what it is (cancer treated elsewhere).
     */
    Pathway startSaying(String receivedDate, String previousCancer) {
        return start(receivedDate, "MARKED_REFERRAL", null, previousCancer, Map.of());
    }

    /** With more of the referral (the language the patient needs an interpreter for). */
    Pathway start(String receivedDate, String startBasis, Map<String, Object> more) {
        return start(receivedDate, startBasis, null, null, more);
    }

    private Pathway start(String receivedDate, String startBasis, String nationalId, String previousCancer,
            Map<String, Object> more) {
        today(receivedDate);
        String referralId = "HEN-TEST-" + (++referralCounter) + "-" + System.nanoTime();
        Map<String, Object> variables = new HashMap<>();
        variables.put("referralId", referralId);
        variables.put("receivedDate", receivedDate);
        variables.put("startBasis", startBasis);
        variables.put("hospital", "Helse Nord HF");
        variables.putAll(REFERRAL_DETAILS);
        variables.put("nationalId", nationalId != null ? nationalId : nationalIdFor(referralId));
        if (previousCancer != null) {
            variables.put("previousCancer", previousCancer);
        }
        if ("SUSPICION_IN_SPECIALIST_CARE".equals(startBasis)) {
            // no referral: no referrer, the responsible department instead
            variables.remove("referrerType");
            variables.remove("referrerName");
            variables.put("responsibleDepartment", "Gastromedisinsk avdeling");
        }
        variables.putAll(more);
        ProcessInstance pi = runtimeService().startProcessInstanceByKey(processKey(), referralId, variables);
        return new Pathway(pi);
    }

    /** One pathway under test, with a verb per milestone. */
    final class Pathway {

        final ProcessInstance pi;

        Pathway(ProcessInstance pi) {
            this.pi = pi;
        }

        String id() {
            return pi.getId();
        }

        String nationalId() {
            return (String) historyService().createHistoricVariableInstanceQuery()
                .processInstanceId(pi.getId())
                .variableName("nationalId")
                .singleResult()
                .getValue();
        }

        /** The pathway's variable, from the history (also after it has ended). */
        Object historicVariable(String name) {
            var variable = historyService().createHistoricVariableInstanceQuery()
                .processInstanceId(pi.getId())
                .variableName(name)
                .singleResult();
            return variable == null ? null : variable.getValue();
        }

        /**
         * The pathway's process instances: its own and those it calls (the parts every
         * pathway shares, processes/shared/).
         */
        String[] instances() {
            return PathwayInstances.of(runtimeService(), pi.getId()).toArray(String[]::new);
        }

        /**
         * The activities the pathway has passed, in its own process instance and in those
         * it called (the parts every pathway shares), from the history.
         */
        java.util.Set<String> passed() {
            java.util.Set<String> passed = new java.util.TreeSet<>();
            for (var instance : historyService().createHistoricProcessInstanceQuery()
                .rootProcessInstanceId(pi.getId())
                .list()) {
                historyService().createHistoricActivityInstanceQuery()
                    .processInstanceId(instance.getId())
                    .finished()
                    .list()
                    .forEach(activity -> passed.add(activity.getActivityId()));
            }
            return passed;
        }

        /** The pathway's open task with this key, in its own or a called instance. */
        Task task(String key) {
            return taskService().createTaskQuery()
                .processInstanceIdIn(instances())
                .taskDefinitionKey(key)
                .singleResult();
        }

        Pathway completeTask(String key, Object... keyValuePairs) {
            Map<String, Object> variables = new HashMap<>();
            for (int i = 0; i < keyValuePairs.length; i += 2) {
                variables.put((String) keyValuePairs[i], keyValuePairs[i + 1]);
            }
            complete(task(key), variables);
            return this;
        }

        Pathway completeTask(String key, Map<String, Object> variables) {
            complete(task(key), variables);
            return this;
        }

        /**
         * Runs the asynchronous continuation waiting before the given activity (the code
         * registrations).
         */
        Pathway runJob(String activityId) {
            Job job = job(activityId, pi);
            assertThat(job).as("job waiting at " + activityId).isNotNull();
            execute(job);
            return this;
        }

        Pathway firstAttendance(String date) {
            today(date);
            completeTask("registerFirstAttendance", "firstAttendanceDate", date, "firstAttendanceType", "OUTPATIENT");
            return runJob("registerFirstAttendanceCode");
        }

        Pathway endoscopy(String date, String result) {
            today(date);
            return completeTask("registerEndoscopyResult", "endoscopyDate", date, "endoscopyResult", result);
        }

        Pathway mdt(String date, String t, String n, String m, int ecog, boolean operable, boolean resectable) {
            return mdt(date, t, n, m, ecog, operable, resectable, false);
        }

        /**
         * The MDT assesses and places the patient in the group the table proposes (none
         * while workup is asked).
         */
        Pathway mdt(String date, String t, String n, String m, int ecog, boolean operable, boolean resectable,
                boolean supplementaryWorkup) {
            today(date);
            Map<String, Object> v = mdtRecord(date, t, n, m, ecog, operable, resectable);
            v.put("supplementaryWorkupNeeded", supplementaryWorkup);
            if (!supplementaryWorkup) {
                v.put("treatmentGroup", tableProposal(t, n, m, ecog, operable, resectable));
                v.put("mdtRecommendation", "Anbefaler behandling etter gruppen.");
            }
            complete(task("mdtAssessment"), v);
            return this;
        }

        /**
         * The MDT places the patient in a group of its choice, with its reason (null:
         * none given).
         */
        Pathway mdtChooses(String date, String t, String n, String m, int ecog, boolean operable, boolean resectable,
                String group, String reason) {
            today(date);
            Map<String, Object> v = mdtRecord(date, t, n, m, ecog, operable, resectable);
            v.put("treatmentGroup", group);
            v.put("mdtRecommendation", "MDT anbefaler behandling i valgt gruppe.");
            if (reason != null) {
                v.put("groupDeviationReason", reason);
            }
            complete(task("mdtAssessment"), v);
            return this;
        }

        Pathway decision(String date, String code, String plannedTreatment) {
            return decision(date, code, plannedTreatment, Map.of());
        }

        /**
         * The decision with more of the form's values (a reason the decision needs).
         */
        Pathway decision(String date, String code, String plannedTreatment, Map<String, Object> more) {
            today(date);
            Map<String, Object> variables = new HashMap<>(more);
            variables.put("decisionDate", date);
            variables.put("decisionCode", code);
            if (plannedTreatment != null) {
                variables.put("plannedTreatment", plannedTreatment);
            }
            complete(task("clinicalDecision"), variables);
            return runJob("registerDecisionCode");
        }

        /** The treatment starts as planned. */
        Pathway treatmentStart(String date) {
            return treatmentStart(date, (String) variable("plannedTreatment"));
        }

        /**
         * The first treatment actually given (neoadjuvant therapy included) starts on the
         * date.
         */
        Pathway treatmentStart(String date, String treatmentStarted) {
            return treatmentStart(date, treatmentStarted, Map.of());
        }

        /**
         * The first treatment given, with more of the form's values (a reason the
         * treatment start needs).
         */
        Pathway treatmentStart(String date, String treatmentStarted, Map<String, Object> more) {
            today(date);
            consentGiven();
            Map<String, Object> variables = new HashMap<>(more);
            variables.put("treatmentStartDate", date);
            variables.put("treatmentStarted", treatmentStarted);
            completeTask("registerTreatmentStart", variables);
            return runJob("registerTreatmentStartCode");
        }

        /**
         * The talk before treatment (information for consent), which the treatment start
         * needs, when it is still open.
         */
        Pathway consentGiven() {
            if (openTaskKeys().contains("informBeforeTreatment")) {
                completeTask("informBeforeTreatment", FormAnswers.complete("informBeforeTreatment"));
            }
            return this;
        }

        Pathway endOfTreatment(String date) {
            today(date);
            return completeTask("registerEndOfTreatment", "endOfTreatmentDate", date);
        }

        Pathway transfer(String date, String toHospital) {
            today(date);
            completeTask("pathwayAdministration", "administrativeAction", "TRANSFER", "transferDate", date,
                    "toHospital", toHospital);
            return runJob("registerTransfer");
        }

        Pathway terminate(String date, String reason) {
            today(date);
            completeTask("pathwayAdministration", "administrativeAction", "TERMINATE", "terminationDate", date,
                    "terminationReason", reason);
            return runJob("registerTermination");
        }

        /** The registered codes in order, as "CODE yyyy-MM-dd". */
        List<String> codes() {
            return engine().codes.codesOf(pi.getId()).stream().map(c -> c.code() + " " + c.date()).toList();
        }

        List<RegisteredCode> registrations() {
            return engine().codes.codesOf(pi.getId());
        }

        List<String> breaches() {
            return engine().breaches.breachedIntervals(pi.getId());
        }

        String withdrawalReason(String interval) {
            return engine().breaches.withdrawalReason(pi.getId(), interval);
        }

        List<String> openTaskKeys() {
            return taskService().createTaskQuery()
                .processInstanceIdIn(instances())
                .list()
                .stream()
                .map(Task::getTaskDefinitionKey)
                .sorted()
                .toList();
        }

        List<Task> breachTasks() {
            return taskService().createTaskQuery()
                .processInstanceIdIn(instances())
                .taskDefinitionKey("followUpBreach")
                .list();
        }

        List<String> breachTaskIntervals() {
            return breachTasks().stream()
                .map(t -> (String) taskService().getVariable(t.getId(), "breachedInterval"))
                .toList();
        }

        List<Job> timers() {
            return managementService().createJobQuery().processInstanceId(pi.getId()).timers().list();
        }

        Job timer(String boundaryEventId) {
            return managementService().createJobQuery()
                .processInstanceId(pi.getId())
                .activityId(boundaryEventId)
                .singleResult();
        }

        /**
         * Executes every job that is due by the engine clock, as the job executor would.
         */
        Pathway runDueJobs() {
            for (Job job : managementService().createJobQuery().processInstanceId(pi.getId()).executable().list()) {
                execute(job);
            }
            return this;
        }

        boolean ended() {
            return runtimeService().createProcessInstanceQuery().processInstanceId(pi.getId()).count() == 0;
        }

        /**
         * Completes the patient-dialogue and follow-up tasks that run beside the
         * milestones.
         */
        Pathway completeAllDialogueAndFollowUp() {
            for (Task t : taskService().createTaskQuery().processInstanceIdIn(instances()).list()) {
                if (SIDE_TASKS.contains(t.getTaskDefinitionKey())) {
                    taskService().complete(t.getId(), FormAnswers.complete(t.getTaskDefinitionKey()));
                }
            }
            return this;
        }

        Object variable(String name) {
            return runtimeService().getVariable(pi.getId(), name);
        }

    }

}
