package no.pakkeforlop.dialogue;

import static no.pakkeforlop.testsupport.TestData.OSLO;
import static no.pakkeforlop.testsupport.TestData.PROCESS_KEY;
import static no.pakkeforlop.testsupport.TestData.referralVariables;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import no.pakkeforlop.rules.PathwayInstances;
import no.pakkeforlop.checks.Field;
import no.pakkeforlop.refusals.FieldError;
import no.pakkeforlop.refusals.InputRefusedException;
import no.pakkeforlop.testsupport.FormAnswers;
import no.pakkeforlop.testsupport.FormFiles;
import no.pakkeforlop.testsupport.PathwayFolderDeployment;
import no.pakkeforlop.testsupport.PathwayEngine;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The dialogue and follow-up tasks in the engine: a completion that leaves out a
 * mandatory checklist item, the breach follow-up or the workup summary is refused with a
 * Norwegian message and changes nothing; a completion with what the form asks for goes
 * through. Each rule is tried on a one-task process wired like the pathway, and the
 * wiring itself in the pathway.
 */
class DialogueCompletionTest {

    static final PathwayEngine ENGINE = PathwayEngine.create();

    @RegisterExtension
    static ProcessEngineExtension extension = ProcessEngineExtension.builder()
        .useProcessEngine(ENGINE.configuration.buildProcessEngine())
        .build();

    static int started;

    /**
     * One process per dialogue task, deployed with the pathway's forms, rules table and
     * data (what the check reads), each task referring to its form as in the pathway.
     */
    @BeforeAll
    static void deployOneTaskProcesses() {
        ProcessEngine engine = extension.getProcessEngine();
        var deployment = engine.getRepositoryService().createDeployment().name("one dialogue task each");
        for (String taskKey : FormFiles.dialogueTasks()) {
            deployment.addModelInstance("dialogue-" + taskKey + ".bpmn",
                    Bpmn.createExecutableProcess("dialogue-" + taskKey)
                        .camundaHistoryTimeToLive(1)
                        .startEvent()
                        .userTask(taskKey)
                        .camundaFormRef(FormFiles.formId(FormFiles.A32_FOLDER, taskKey))
                        .camundaFormRefBinding("deployment")
                        .camundaTaskListenerDelegateExpression("complete", "${dialogueCompletion}")
                        .endEvent()
                        .done());
        }
        PathwayFolderDeployment.folder(PathwayFolderDeployment.A32).resources().forEach((name, resource) -> {
            if (!name.endsWith(".bpmn") && !name.endsWith(".dmn")) {
                try (var in = resource.getInputStream()) {
                    deployment.addInputStream(name, new java.io.ByteArrayInputStream(in.readAllBytes()));
                }
                catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
        });
        deployment.deploy();
    }

    /** The pathway's deployment for the test. */
    String pathwayDeployment;

    @BeforeEach
    void deployThePathway() {
        pathwayDeployment = PathwayFolderDeployment.deploy(extension.getProcessEngine(), PathwayFolderDeployment.A32);
    }

    @AfterEach
    void deleteThePathway() {
        PathwayFolderDeployment.delete(extension.getProcessEngine(), pathwayDeployment);
    }

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    RuntimeService runtime() {
        return extension.getProcessEngine().getRuntimeService();
    }

    TaskService tasks() {
        return extension.getProcessEngine().getTaskService();
    }

    Task startOneTask(String taskKey) {
        return startOneTask(taskKey, Map.of());
    }

    /** With what the pathway holds when the task comes (the referral's values). */
    Task startOneTask(String taskKey, Map<String, Object> pathway) {
        ProcessInstance pi = runtime().startProcessInstanceByKey("dialogue-" + taskKey, pathway);
        return tasks().createTaskQuery().processInstanceId(pi.getId()).singleResult();
    }

    /**
     * Completes and expects a refusal that leaves the task open and writes no variable.
     */
    List<FieldError> refused(Task task, Map<String, Object> variables) {
        Map<String, Object> before = runtime().getVariables(task.getProcessInstanceId());
        InputRefusedException refusal = catchThrowableOfType(InputRefusedException.class,
                () -> tasks().complete(task.getId(), variables));
        assertThat(refusal).as("refused").isNotNull();
        assertThat(tasks().createTaskQuery().taskId(task.getId()).count()).as("task still open").isOne();
        assertThat(runtime().getVariables(task.getProcessInstanceId())).as("variables unchanged").isEqualTo(before);
        return refusal.errors();
    }

    static Stream<String> taskKeys() {
        return FormFiles.dialogueTasks().stream();
    }

    // ------------------------------------------------------------------ each rule on its
    // own

    @ParameterizedTest(name = "{0}")
    @MethodSource("taskKeys")
    void whatTheFormAsksForIsAccepted(String taskKey) {
        Task task = startOneTask(taskKey);
        Map<String, Object> answers = FormAnswers.complete(taskKey);

        tasks().complete(task.getId(), answers);

        assertThat(runtime().createProcessInstanceQuery().processInstanceId(task.getProcessInstanceId()).count())
            .isZero();
        Map<String, Object> stored = new HashMap<>();
        extension.getProcessEngine()
            .getHistoryService()
            .createHistoricVariableInstanceQuery()
            .processInstanceId(task.getProcessInstanceId())
            .list()
            .forEach(v -> stored.put(v.getName(), v.getValue()));
        assertThat(stored).containsAllEntriesOf(answers);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("taskKeys")
    void leavingOutAnyMandatoryItemIsRefused(String taskKey) {
        Task task = startOneTask(taskKey);
        // what a form shows only on a condition (the interpreter, the start basis) is
        // tried below
        List<String> mandatory = FormFiles.fields(taskKey)
            .fields()
            .stream()
            .filter(f -> !DialogueCompletion.SHOWN.containsKey(f.key()))
            .filter(f -> f instanceof Field.YesNo c ? c.need() == Field.YesNo.Need.TICKED
                    : f instanceof Field.OneOf c ? c.required()
                            : f instanceof Field.WholeNumber n ? n.required() : ((Field.Text) f).required())
            .map(Field::key)
            .toList();
        assertThat(mandatory).as("every dialogue and follow-up form has something that must be done").isNotEmpty();

        for (String key : mandatory) {
            Map<String, Object> answers = new HashMap<>(FormAnswers.complete(taskKey));
            answers.remove(key);
            assertThat(refused(task, answers)).as("without " + key).extracting(FieldError::field).containsExactly(key);
        }
    }

    @Test
    void theReferralConversationNeedsTheSuspicionAndThePathwayExplained() {
        Task task = startOneTask("informPatientAtReferral");

        List<FieldError> errors = refused(task, Map.of("interpreterUsed", true, "suspicionExplained", false));

        assertThat(errors).containsExactly(
                new FieldError("suspicionExplained",
                        "«Pasienten er informert om den begrunnede mistanken om kreft» må være "
                                + "krysset av før oppgaven kan fullføres."),
                new FieldError("pathwayExplained",
                        "«Pasienten er informert om hva pakkeforløpet innebærer (utredning og "
                                + "forløpstider)» må være krysset av før oppgaven kan fullføres."),
                new FieldError("workupContactGiven",
                        "«Pasienten vet hvor han eller hun kan stille spørsmål under utredningen» "
                                + "må være krysset av før oppgaven kan fullføres."),
                new FieldError("referralCopyToGp",
                        "«Fastlegen har fått kopi av henvisningen (eller er selv henviser)» må være "
                                + "krysset av før oppgaven kan fullføres."));
    }

    static Stream<String> conversations() {
        return Interpreter.CONVERSATIONS.keySet().stream().filter(FormFiles.dialogueTasks()::contains);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("conversations")
    void aPatientWhoNeedsAnInterpreterIsAskedWhetherOneWasUsedAndWhyNot(String taskKey) {
        Interpreter.Question question = Interpreter.CONVERSATIONS.get(taskKey);
        Task task = startOneTask(taskKey, Map.of("interpreterLanguage", "polsk"));
        Map<String, Object> answers = new HashMap<>(FormAnswers.complete(taskKey));
        answers.remove(question.usedKey());
        answers.remove(question.reasonKey());

        assertThat(refused(task, answers))
            .containsExactly(new FieldError(question.usedKey(), "«Bruk av tolk» må fylles ut (ja eller nei)."));

        answers.put(question.usedKey(), false);
        assertThat(refused(task, answers)).containsExactly(
                new FieldError(question.reasonKey(), "«Begrunnelse for at tolk ikke ble brukt» må fylles ut."));

        answers.put(question.reasonKey(), "Pasienten ønsket at datteren tolket");
        tasks().complete(task.getId(), answers);
        assertThat(runtime().createProcessInstanceQuery().processInstanceId(task.getProcessInstanceId()).count())
            .isZero();

        Task withInterpreter = startOneTask(taskKey, Map.of("interpreterLanguage", "polsk"));
        answers.put(question.usedKey(), true);
        answers.remove(question.reasonKey());
        tasks().complete(withInterpreter.getId(), answers);
        assertThat(tasks().createTaskQuery().taskId(withInterpreter.getId()).count()).isZero();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("conversations")
    void aPatientWhoNeedsNoInterpreterIsNotAsked(String taskKey) {
        Interpreter.Question question = Interpreter.CONVERSATIONS.get(taskKey);
        Task task = startOneTask(taskKey);
        Map<String, Object> answers = new HashMap<>(FormAnswers.complete(taskKey));
        answers.remove(question.usedKey());
        answers.remove(question.reasonKey());

        tasks().complete(task.getId(), answers);

        assertThat(tasks().createTaskQuery().taskId(task.getId()).count()).isZero();
        assertThat(extension.getProcessEngine()
            .getHistoryService()
            .createHistoricVariableInstanceQuery()
            .processInstanceId(task.getProcessInstanceId())
            .variableName(question.usedKey())
            .count()).as("no answer recorded for a question not asked").isZero();
    }

    @Test
    void aSuspicionThatAroseInTheHospitalHasNoReferralToCopyTheGpIsToldOfThePathwayInstead() {
        Map<String, Object> basis3 = Map.of("startBasis", "SUSPICION_IN_SPECIALIST_CARE");
        Task task = startOneTask("informPatientAtReferral", basis3);
        Map<String, Object> answers = new HashMap<>(FormAnswers.complete("informPatientAtReferral"));
        answers.remove("referralCopyToGp");
        answers.remove("gpInformedOfPathway");

        assertThat(refused(task, answers)).containsExactly(new FieldError("gpInformedOfPathway",
                "«Fastlegen er informert om den begrunnede mistanken og at pasienten er i pakkeforløp» må være "
                        + "krysset av før oppgaven kan fullføres."));

        answers.put("gpInformedOfPathway", true);
        tasks().complete(task.getId(), answers);
        assertThat(tasks().createTaskQuery().taskId(task.getId()).count()).isZero();

        // a referral (bases 1 and 2): its copy to the GP, as before
        Task referred = startOneTask("informPatientAtReferral", Map.of("startBasis", "MARKED_REFERRAL"));
        answers.remove("gpInformedOfPathway");
        assertThat(refused(referred, answers)).extracting(FieldError::field).containsExactly("referralCopyToGp");
    }

    @Test
    void aBreachFollowUpNeedsACauseAndWhatWasDone() {
        Task task = startOneTask("followUpBreach");

        InputRefusedException refusal = catchThrowableOfType(InputRefusedException.class,
                () -> tasks().complete(task.getId(), Map.of("breachCause", "WEATHER", "breachFollowUp", "   ")));

        assertThat(refusal.getMessage()).isEqualTo("«Årsak til at fristen ble overskredet» har ukjent verdi «WEATHER». "
                + "Gyldige verdier: CAPACITY, MEDICAL, OTHER, OTHER_HOSPITAL, PATIENT. «Hva er gjort for å følge opp?» må "
                + "fylles ut.");
    }

    /**
     * The talk before treatment: fertility must be ticked when the task says it is
     * required (FertilityInformation, at the task's start), not otherwise;
     * prehabilitation always.
     */
    @Test
    void theTalkBeforeTreatmentNeedsFertilityWhereRequiredAndPrehabilitationAlways() {
        Map<String, Object> withoutFertility = new HashMap<>(FormAnswers.complete("informBeforeTreatment"));
        withoutFertility.remove("fertilityAssessed");

        ProcessInstance required = runtime().startProcessInstanceByKey("dialogue-informBeforeTreatment",
                Map.of(FertilityInformation.REQUIRED_VARIABLE, true));
        Task talk = tasks().createTaskQuery().processInstanceId(required.getId()).singleResult();
        assertThat(refused(talk, withoutFertility)).containsExactly(new FieldError("fertilityAssessed",
                "«Fertilitet og fertilitetsbevarende tiltak er tatt opp (påkrevd i fertil alder når behandlingen kan "
                        + "påvirke fruktbarheten)» må være krysset av: pasienten er i fertil alder, og planlagt behandling "
                        + "(cellegift eller strålebehandling) kan påvirke fruktbarheten."));
        tasks().complete(talk.getId(), FormAnswers.complete("informBeforeTreatment"));

        ProcessInstance notRequired = runtime().startProcessInstanceByKey("dialogue-informBeforeTreatment",
                Map.of(FertilityInformation.REQUIRED_VARIABLE, false));
        Task other = tasks().createTaskQuery().processInstanceId(notRequired.getId()).singleResult();
        Map<String, Object> withoutPrehabilitation = new HashMap<>(withoutFertility);
        withoutPrehabilitation.remove("prehabilitationAssessed");
        assertThat(refused(other, withoutPrehabilitation)).extracting(FieldError::field)
            .containsExactly("prehabilitationAssessed");
        tasks().complete(other.getId(), withoutFertility);
        assertThat(tasks().createTaskQuery().taskId(other.getId()).count()).isZero();
    }

    @Test
    void theDischargeConversationNeedsWhatToExpectTheGpsRoleAndTheCancerCoordinator() {
        Task task = startOneTask("dischargeConversation");
        Map<String, Object> answers = new HashMap<>(FormAnswers.complete("dischargeConversation"));
        answers.remove("expectationsExplained");
        answers.remove("gpRoleExplained");
        answers.remove("cancerCoordinatorInformed");
        answers.remove("pakkeforlopHjemContactGiven");
        assertThat(refused(task, answers)).extracting(FieldError::field)
            .containsExactly("expectationsExplained", "gpRoleExplained", "cancerCoordinatorInformed");
    }

    @Test
    void textsAreLimitedAndCheckboxesAreYesOrNo() {
        Task task = startOneTask("offerNeedsAssessment");
        Map<String, Object> answers = new HashMap<>(FormAnswers.complete("offerNeedsAssessment"));
        answers.put("needsAssessmentNote", "x".repeat(1001));
        answers.put("needsAssessmentOffered", "yes");

        assertThat(refused(task, answers)).containsExactly(
                new FieldError("needsAssessmentOffered",
                        "«Behovssamtale er tilbudt» må være ja eller nei, ikke «yes»."),
                new FieldError("needsAssessmentNote", "«Merknad» kan ha høyst 1000 tegn (nå 1001)."));

        answers.put("needsAssessmentNote", "x".repeat(1000));
        answers.put("needsAssessmentOffered", true);
        tasks().complete(task.getId(), answers);
        assertThat(tasks().createTaskQuery().taskId(task.getId()).count()).isZero();
    }

    // ------------------------------------------------------------------ in the pathway

    @Test
    void inThePathwayTheReferralConversationIsCheckedBeforeItIsDone() {
        ProcessInstance pi = startPathway("2026-03-02");
        Task inform = tasks().createTaskQuery()
            .processInstanceId(pi.getId())
            .taskDefinitionKey("informPatientAtReferral")
            .singleResult();

        assertThat(
                refused(inform, Map.of("pathwayExplained", true, "workupContactGiven", true, "referralCopyToGp", true)))
            .extracting(FieldError::field)
            .containsExactly("suspicionExplained");

        tasks().complete(inform.getId(),
                Map.of("suspicionExplained", true, "pathwayExplained", true, "workupContactGiven", true,
                        "referralCopyToGp", true, "relativesInvolved", true, "referralDialogueNote",
                        "Datter var med."));
        assertThat(tasks().createTaskQuery()
            .processInstanceId(pi.getId())
            .taskDefinitionKey("informPatientAtReferral")
            .count()).isZero();
        assertThat(runtime().getVariables(pi.getId())).containsEntry("relativesInvolved", true)
            .containsEntry("referralDialogueNote", "Datter var med.");
    }

    @Test
    void inThePathwayABreachIsFollowedUpWithACauseAndWhatWasDone() {
        ProcessInstance pi = startPathway("2026-03-02");
        // the 8-day standard time from referral to first attendance passes at midnight
        // after 2026-03-10
        at("2026-03-11", "08:00");
        runDueJobs(pi);
        Task breach = tasks().createTaskQuery()
            .processInstanceIdIn(PathwayInstances.of(runtime(), pi.getId()).toArray(String[]::new))
            .taskDefinitionKey("followUpBreach")
            .singleResult();
        assertThat(breach).as("breach task").isNotNull();

        assertThat(refused(breach, Map.of("breachCause", "CAPACITY")))
            .containsExactly(new FieldError("breachFollowUp", "«Hva er gjort for å følge opp?» må fylles ut."));

        tasks().complete(breach.getId(),
                Map.of("breachCause", "CAPACITY", "breachFollowUp", "Ny time 2026-03-12, pasienten er ringt opp."));
        assertThat(tasks().createTaskQuery().taskId(breach.getId()).count()).isZero();
        // kept with the breach, not as process variables that the next breach's form
        // would show
        assertThat(ENGINE.jdbc.queryForMap(
                "select follow_up_cause, follow_up_note, followed_up_by from pathway_breach "
                        + "where process_instance_id = ? and interval_name = 'REFERRAL_TO_FIRST_ATTENDANCE'",
                pi.getId()))
            .containsEntry("FOLLOW_UP_CAUSE", "CAPACITY")
            .containsEntry("FOLLOW_UP_NOTE", "Ny time 2026-03-12, pasienten er ringt opp.")
            .containsEntry("FOLLOWED_UP_BY", "system");
        assertThat(runtime().getVariable(pi.getId(), "breachFollowUp")).isNull();
    }

    @Test
    void afterTheSupplementaryWorkupTheMdtFormOpensWithoutTheRequest() {
        ProcessInstance pi = startPathway("2026-03-02");
        complete(pi, "2026-03-04", "registerFirstAttendance",
                Map.of("firstAttendanceDate", "2026-03-04", "firstAttendanceType", "OUTPATIENT"));
        complete(pi, "2026-03-05", "registerEndoscopyResult",
                Map.of("endoscopyDate", "2026-03-05", "endoscopyResult", "OESOPHAGEAL_OR_GASTRIC_CANCER"));
        Map<String, Object> mdt = new HashMap<>(Map.of("mdtDate", "2026-03-10", "tumourSite", "OESOPHAGUS", "histology",
                "SQUAMOUS_CELL_CARCINOMA", "tStage", "TX", "nStage", "NX", "mStage", "M0", "ecog", 1));
        mdt.putAll(Map.of("medicallyOperable", true, "technicallyResectable", true, "mdtOncologistPresent", true,
                "supplementaryWorkupNeeded", true));
        complete(pi, "2026-03-10", "mdtAssessment", mdt);
        Task workup = tasks().createTaskQuery()
            .processInstanceId(pi.getId())
            .taskDefinitionKey("supplementaryWorkup")
            .singleResult();

        assertThat(refused(workup, Map.of("workupPetCt", true)))
            .containsExactly(new FieldError("workupSummary", "«Funn og svar som MDT skal vurdere» må fylles ut."));

        tasks().complete(workup.getId(), Map.of("workupPetCt", true, "workupSummary", "PET-CT: ingen fjernspredning."));
        assertThat(tasks().createTaskQuery().processInstanceId(pi.getId()).taskDefinitionKey("mdtAssessment").count())
            .isOne();
        // Tasklist pre-fills the MDT form from the variables: the request it made is
        // answered
        assertThat(runtime().getVariable(pi.getId(), "supplementaryWorkupNeeded")).isEqualTo(false);
    }

    // ------------------------------------------------------------------ helpers

    ProcessInstance startPathway(String receivedDate) {
        at(receivedDate, "12:00");
        String referralId = "HEN-DIALOG-" + (++started) + "-" + System.nanoTime();
        return runtime().startProcessInstanceByKey(PROCESS_KEY, referralId,
                referralVariables(referralId, receivedDate, "Helse Nord HF"));
    }

    void complete(ProcessInstance pi, String today, String taskKey, Map<String, Object> variables) {
        at(today, "12:00");
        Task task = tasks().createTaskQuery().processInstanceId(pi.getId()).taskDefinitionKey(taskKey).singleResult();
        assertThat(task).as(taskKey).isNotNull();
        tasks().complete(task.getId(), variables);
        runDueJobs(pi);
    }

    static void at(String date, String time) {
        ClockUtil.setCurrentTime(
                Date.from(ZonedDateTime.of(LocalDate.parse(date), LocalTime.parse(time), OSLO).toInstant()));
    }

    /**
     * Executes what the job executor would run now (registrations, due timers), until
     * nothing is due.
     */
    void runDueJobs(ProcessInstance pi) {
        var management = extension.getProcessEngine().getManagementService();
        for (int round = 0; round < 10; round++) {
            List<Job> due = management.createJobQuery().processInstanceId(pi.getId()).executable().list();
            if (due.isEmpty()) {
                return;
            }
            due.forEach(job -> management.executeJob(job.getId()));
        }
    }

}
