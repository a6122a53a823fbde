package no.pakkeforlop.process;

import static no.pakkeforlop.testsupport.TestData.PROCESS_KEY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.managementService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.repositoryService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.taskService;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import no.pakkeforlop.checks.TaskCheck;
import no.pakkeforlop.checks.TaskVersion;
import no.pakkeforlop.deployment.DeployedChecks;
import no.pakkeforlop.deployment.PathwayDeployer;
import no.pakkeforlop.deployment.PathwayFolders;
import no.pakkeforlop.deployment.PathwayFolders.Folder;
import no.pakkeforlop.refusals.FieldError;
import no.pakkeforlop.refusals.InputRefusedException;
import no.pakkeforlop.reports.PathwayTimes;
import no.pakkeforlop.reports.PathwayTimes.IntervalTime;
import no.pakkeforlop.reports.PathwayTimes.Status;
import no.pakkeforlop.rules.PathwayRules;
import no.pakkeforlop.testsupport.FormAnswers;
import no.pakkeforlop.testsupport.PathwayEngine;
import no.pakkeforlop.testsupport.PathwayFolderDeployment;
import no.pakkeforlop.testsupport.TestData;
import org.camunda.bpm.engine.migration.MigrationPlan;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.Resource;

/**
 * A changed pathway deployed while patients are in the old one (docs/operations.md,
 * "Changing a pathway under running patients"): each folder is deployed whole as a new
 * version beside the old, running pathways keep the rules, forms, pathway data and
 * deadlines of their version until they are migrated, and the two kinds of change a
 * pathway document makes move running pathways as documented: a standard time changed (a
 * pathway left on its version keeps its deadline; one migrated with its timers updated
 * gets the new one), and a task added or renamed (open tasks, breach timers and variables
 * intact). A task is checked against the form and the pathway data of the version its
 * pathway runs on, so a rule changed in version 2 applies to the pathways started on
 * version 2 only, and the pathways still on version 1 keep version 1's rules until they
 * are moved.
 */
class PathwayVersionsTest extends PathwayTestSupport {

    static final PathwayEngine ENGINE = PathwayEngine.create();

    @RegisterExtension
    static ProcessEngineExtension extension = ProcessEngineExtension.builder()
        .useProcessEngine(ENGINE.configuration.buildProcessEngine())
        .build();

    static final ObjectMapper JSON = new ObjectMapper();

    static final String FOLDER = PathwayFolderDeployment.A32;

    static final Folder A32 = PathwayFolders.onClasspath()
        .stream()
        .filter(f -> f.name().equals("a32-spiseror-magesekk"))
        .findFirst()
        .orElseThrow();

    static final String RULES = "processes/a32-spiseror-magesekk/pakkeforlop-spiseror-magesekk.rules.json";

    static final String MODEL = "processes/a32-spiseror-magesekk/pakkeforlop-spiseror-magesekk.bpmn";

    /** Forms the pathways share: deployed with each, under their shared name. */
    static final String REFERRAL_TALK = "forms/shared/informPatientAtReferral.form";

    static final String FIRST_ATTENDANCE = "forms/shared/registerFirstAttendance.form";

    static final String DATA = "processes/" + FOLDER + "/pathway.json";

    @Override
    PathwayEngine engine() {
        return ENGINE;
    }

    /**
     * The folder as built is version 1 (deployed for each test by the test support;
     * deployed again it is no new version).
     */
    @BeforeEach
    void deployVersion1() {
        PathwayDeployer.deploy(repositoryService(), List.of(A32));
        assertThat(latest().getVersion()).isOne();
    }

    @AfterEach
    void removeDeployments() {
        for (Deployment deployment : repositoryService().createDeploymentQuery().list()) {
            repositoryService().deleteDeployment(deployment.getId(), true);
        }
        version2 = null;
    }

    /** The changed version, deleted after the test like the pathway. */
    String version2;

    void deployVersion2(Map<String, String> changed) {
        version2 = PathwayFolderDeployment.deployChanged(ENGINE.configuration.getProcessEngine(), FOLDER, changed);
    }

    static String resource(String name) {
        try (InputStream in = PathwayVersionsTest.class.getClassLoader().getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The form with the component of this key changed. */
    static String formWith(String name, String key, Consumer<ObjectNode> change) {
        try {
            JsonNode form = JSON.readTree(resource(name));
            ObjectNode component = find(form, key);
            change.accept(component);
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(form);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The form without the component of this key. */
    static String formWithout(String name, String key) {
        try {
            JsonNode form = JSON.readTree(resource(name));
            ArrayNode components = (ArrayNode) form.get("components");
            for (int i = 0; i < components.size(); i++) {
                if (key.equals(components.get(i).path("key").asText())) {
                    components.remove(i);
                    return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(form);
                }
            }
            throw new IllegalArgumentException(name + " has no top-level field " + key);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ObjectNode find(JsonNode container, String key) {
        for (JsonNode component : container.path("components")) {
            if (key.equals(component.path("key").asText(null))) {
                return (ObjectNode) component;
            }
            if (component.has("components")) {
                ObjectNode inside = find(component, key);
                if (inside != null) {
                    return inside;
                }
            }
        }
        return null;
    }

    /** Completes and expects a refusal that leaves the task open. */
    static List<FieldError> refused(Task task, Map<String, Object> variables) {
        Throwable thrown = catchThrowable(() -> taskService().complete(task.getId(), variables));
        assertThat(thrown).isInstanceOf(InputRefusedException.class);
        assertThat(taskService().createTaskQuery().taskId(task.getId()).count()).as("task still open").isOne();
        return ((InputRefusedException) thrown).errors();
    }

    static void accepted(Task task, Map<String, Object> variables) {
        taskService().complete(task.getId(), variables);
        assertThat(taskService().createTaskQuery().taskId(task.getId()).count()).as("task completed").isZero();
    }

    String versionOf(Pathway p) {
        return runtimeService().createProcessInstanceQuery()
            .processInstanceId(p.id())
            .singleResult()
            .getProcessDefinitionId();
    }

    @Test
    void aFieldMadeRequiredInVersion2IsRequiredInPathwaysOnVersion2OnlyVersion1KeepsItsRule() {
        Pathway onVersion1 = start("2026-03-02");
        deployVersion2(Map.of(REFERRAL_TALK, formWith(REFERRAL_TALK, "peerContactOffered",
                peer -> ((ObjectNode) peer.with("validate")).put("required", true))));
        Pathway onVersion2 = start("2026-03-02");
        assertThat(versionOf(onVersion2)).as("a new version beside the old").isNotEqualTo(versionOf(onVersion1));

        Map<String, Object> withoutPeerContact = new HashMap<>(FormAnswers.complete("informPatientAtReferral"));
        withoutPeerContact.remove("peerContactOffered");

        assertThat(refused(onVersion2.task("informPatientAtReferral"), withoutPeerContact))
            .containsExactly(new FieldError("peerContactOffered", "«Likepersontilbud gjennom pasientforening er "
                    + "tilbudt» må være krysset av før oppgaven kan fullføres."));
        accepted(onVersion1.task("informPatientAtReferral"), withoutPeerContact);

        Map<String, Object> withPeerContact = new HashMap<>(withoutPeerContact);
        withPeerContact.put("peerContactOffered", true);
        accepted(onVersion2.task("informPatientAtReferral"), withPeerContact);
    }

    @Test
    void theOrderOfDatesAndItsNamesAreThoseOfTheVersionAPathwayRunsOn() {
        Pathway onVersion1 = start("2026-03-02");
        deployVersion2(Map.of(DATA,
                resource(DATA).replace("\"mottaksdatoen for henvisningen\"", "\"datoen henvisningen kom inn\"")));
        Pathway onVersion2 = start("2026-03-02");
        today("2026-03-09");
        Map<String, Object> tooEarly = Map.of("firstAttendanceDate", "2026-03-01", "firstAttendanceType", "OUTPATIENT");

        assertThat(refused(onVersion2.task("registerFirstAttendance"), tooEarly))
            .containsExactly(new FieldError("firstAttendanceDate", "Dato for første fremmøte (01.03.2026) kan ikke "
                    + "være før datoen henvisningen kom inn (02.03.2026)."));
        assertThat(refused(onVersion1.task("registerFirstAttendance"), tooEarly))
            .containsExactly(new FieldError("firstAttendanceDate", "Dato for første fremmøte (01.03.2026) kan ikke "
                    + "være før mottaksdatoen for henvisningen (02.03.2026)."));
    }

    @Test
    void aVersionWhoseFormLacksAFieldTheJavaRuleNamesFailsLoudlyAndChangesNothingTheOldVersionWorks() {
        Pathway onVersion1 = start("2026-03-02");
        deployVersion2(Map.of(FIRST_ATTENDANCE, formWithout(FIRST_ATTENDANCE, "firstAttendanceType")));
        Pathway onVersion2 = start("2026-03-02");
        today("2026-03-09");
        Map<String, Object> firstAttendance = Map.of("firstAttendanceDate", "2026-03-09");
        Task task = onVersion2.task("registerFirstAttendance");

        Throwable thrown = catchThrowable(() -> taskService().complete(task.getId(), firstAttendance));

        // an error of the pathway's version, not of the input: the engine's error (an
        // incident-like 500), with the cause named
        assertThat(thrown).hasRootCauseInstanceOf(IllegalStateException.class);
        assertThat(thrown.getMessage())
            .contains("The server's rules for the task registerFirstAttendance (pathway A32) name the "
                    + "field firstAttendanceType, which its form pakkeforlop-registerFirstAttendance")
            .contains("(deployment " + version2 + ")");
        assertThat(taskService().createTaskQuery().taskId(task.getId()).count()).as("task still open").isOne();
        assertThat(runtimeService().getVariable(onVersion2.id(), "firstAttendanceDate")).isNull();

        accepted(onVersion1.task("registerFirstAttendance"),
                Map.of("firstAttendanceDate", "2026-03-09", "firstAttendanceType", "OUTPATIENT"));
    }

    @Test
    void aVersionsFormsAndDataAreReadOnceAndSharedByItsTasksAnotherVersionHasItsOwn() {
        Pathway first = start("2026-03-02");
        Pathway second = start("2026-03-02");
        deployVersion2(Map.of(REFERRAL_TALK, formWith(REFERRAL_TALK, "peerContactOffered",
                peer -> ((ObjectNode) peer.with("validate")).put("required", true))));
        Pathway onVersion2 = start("2026-03-02");

        TaskVersion ofFirst = version(first.task("informPatientAtReferral"));
        TaskVersion ofSecond = version(second.task("informPatientAtReferral"));
        TaskVersion ofVersion2 = version(onVersion2.task("informPatientAtReferral"));

        assertThat(ofSecond).isSameAs(ofFirst);
        assertThat(ofFirst.form().formId()).isEqualTo(ofVersion2.form().formId())
            .isEqualTo("pakkeforlop-informPatientAtReferral");
        assertThat(ofVersion2.form()).isNotSameAs(ofFirst.form());
        assertThat(ofVersion2.data()).isNotSameAs(ofFirst.data());
        assertThat(ofFirst.form().source()).contains(REFERRAL_TALK);
        assertThat(ofVersion2.form().source()).contains("(deployment " + version2 + ")");
    }

    @Test
    void aDeployedVersionWhoseTasksCannotBeCheckedIsFoundBeforeAnyTaskRunsNamingTaskAndField() {
        Map<String, TaskCheck> checks = Map.of("milestoneValidation",
                (TaskCheck) ENGINE.configuration.getBeans().get("milestoneValidation"), "dialogueCompletion",
                (TaskCheck) ENGINE.configuration.getBeans().get("dialogueCompletion"));
        var repository = ENGINE.configuration.getProcessEngine().getRepositoryService();
        assertThat(DeployedChecks.problems(repository, ENGINE.versions, checks, List.of(TestData.PROCESS_KEY)))
            .as("the pathway as built")
            .isEmpty();

        deployVersion2(Map.of(FIRST_ATTENDANCE, formWithout(FIRST_ATTENDANCE, "firstAttendanceType")));

        assertThat(DeployedChecks.problems(repository, ENGINE.versions, checks, List.of(TestData.PROCESS_KEY)))
            .singleElement()
            .satisfies(problem -> {
                assertThat(problem.latest()).isTrue();
                assertThat(problem.definition().getVersion()).isEqualTo(2);
                assertThat(problem.task()).isEqualTo("registerFirstAttendance");
                assertThat(problem.message()).contains("name the field firstAttendanceType");
            });
    }

    /** The version the deployed-forms reader gives the task (as its check does). */
    TaskVersion version(Task task) {
        return ENGINE.configuration.getCommandExecutorTxRequired()
            .execute(context -> ENGINE.versions.of(context.getTaskManager().findTaskById(task.getId())));
    }

    @Test
    void theSameFolderDeployedAgainIsNoNewVersion() {
        PathwayDeployer.deploy(repositoryService(), List.of(A32));

        assertThat(repositoryService().createProcessDefinitionQuery().processDefinitionKey(PROCESS_KEY).count())
            .isOne();
        assertThat(repositoryService().createDeploymentQuery().deploymentName(A32.name()).count()).isOne();
    }

    @Test
    void aDeploymentHoldsTheWholePathwayFolder() {
        List<String> names = repositoryService().getDeploymentResourceNames(latest().getDeploymentId());

        assertThat(names)
            .contains(MODEL, RULES, "processes/a32-spiseror-magesekk/treatment-group.dmn",
                    "forms/a32-spiseror-magesekk/mdtAssessment.form", FIRST_ATTENDANCE)
            .hasSize(A32.resources().size());
    }

    @Test
    void aChangedStandardTimeAppliesToNewPathwaysAndToThoseMovedWithTheirTimers() {
        // version 1: referral to first attendance within 8 days
        Pathway stays = start("2026-03-02");
        Pathway moves = start("2026-03-02");
        ProcessDefinition v1 = latest();

        // version 2: the same pathway with 10 days
        deployChanged(RULES, rules -> rules.replace("{ \"name\": \"REFERRAL_TO_FIRST_ATTENDANCE\", \"days\": 8,",
                "{ \"name\": \"REFERRAL_TO_FIRST_ATTENDANCE\", \"days\": 10,"));
        ProcessDefinition v2 = latest();
        assertThat(v2.getVersion()).isEqualTo(2);
        assertThat(rulesOf(v1).interval("REFERRAL_TO_FIRST_ATTENDANCE").days()).isEqualTo(8);
        assertThat(rulesOf(v2).interval("REFERRAL_TO_FIRST_ATTENDANCE").days()).isEqualTo(10);

        Pathway fresh = start("2026-03-02");
        assertThat(definitionOf(fresh)).isEqualTo(v2.getId());
        assertThat(firstAttendanceTimer(fresh).getDuedate().toInstant()).isEqualTo(oslo("2026-03-13", "00:00"));
        assertThat(fresh.task("registerFirstAttendance").getDueDate().toInstant())
            .isEqualTo(oslo("2026-03-12", "23:59:59"));

        // moved: migrated with its timers evaluated again on version 2's rules
        migrate(v1, v2, true, moves);
        assertThat(definitionOf(moves)).isEqualTo(v2.getId());
        assertThat(firstAttendanceTimer(moves).getDuedate().toInstant()).isEqualTo(oslo("2026-03-13", "00:00"));

        // stays: left on version 1, its deadline and rules as they were
        assertThat(definitionOf(stays)).isEqualTo(v1.getId());
        assertThat(firstAttendanceTimer(stays).getDuedate().toInstant()).isEqualTo(oslo("2026-03-11", "00:00"));

        // day 9 (2026-03-11): only the pathway that stayed has breached
        clock("2026-03-11", "00:00");
        execute(firstAttendanceTimer(stays));
        assertThat(ENGINE.breaches.breachedIntervals(stays.id())).containsExactly("REFERRAL_TO_FIRST_ATTENDANCE");
        assertThat(ENGINE.breaches.breachedIntervals(moves.id())).isEmpty();
        assertThat(dueTimers()).doesNotContain(firstAttendanceTimer(moves).getId());

        // a first attendance on day 9 is within 10 days for the moved pathway, not for
        // the
        // one that stayed
        stays.firstAttendance("2026-03-11");
        moves.firstAttendance("2026-03-11");
        assertThat(firstAttendance(stays).status()).isEqualTo(Status.BREACHED);
        assertThat(firstAttendance(moves).status()).isEqualTo(Status.MET);
        assertThat(firstAttendance(moves).standardDays()).isEqualTo(10);
        assertThat(ENGINE.breaches.breachedIntervals(moves.id())).isEmpty();
    }

    @Test
    void aTaskAddedAndATaskRenamedMoveRunningPathwaysWithTheirTasksAndTimersIntact() {
        Pathway p = start("2026-03-02");
        ProcessDefinition v1 = latest();
        Task open = p.task("registerFirstAttendance");
        Job timer = firstAttendanceTimer(p);
        Job referralToTreatment = timer("deadlineReferralToTreatment", p);
        Instant timerDue = timer.getDuedate().toInstant();
        List<String> openTasks = openTaskKeys(p);

        // version 2: a task added after the first attendance, before its code is
        // registered, and the first-attendance task renamed
        deployChanged(MODEL, model -> model
            .replace("<bpmn:userTask id=\"registerFirstAttendance\" name=\"Registrer første fremmøte\"",
                    "<bpmn:userTask id=\"registerFirstAttendance\" name=\"Registrer første oppmøte\"")
            .replace("sourceRef=\"registerFirstAttendance\" targetRef=\"registerFirstAttendanceCode\" />",
                    """
                            sourceRef="registerFirstAttendance" targetRef="confirmContactDetails" />
                            <bpmn:userTask id="confirmContactDetails" name="Bekreft kontaktinformasjon" camunda:candidateGroups="forlopskoordinator" />
                            <bpmn:sequenceFlow id="Flow_confirmContactDetails_registerFirstAttendanceCode" sourceRef="confirmContactDetails" targetRef="registerFirstAttendanceCode" />
                            """));
        ProcessDefinition v2 = latest();
        assertThat(v2.getVersion()).isEqualTo(2);
        Object added = repositoryService().getBpmnModelInstance(v2.getId())
            .getModelElementById("confirmContactDetails");
        assertThat(added).isNotNull();

        // running pathways are not moved by the deployment
        assertThat(definitionOf(p)).isEqualTo(v1.getId());

        migrate(v1, v2, false, p);

        assertThat(definitionOf(p)).isEqualTo(v2.getId());
        // the same open tasks, the same task (its id, assignment and due date), the same
        // timers with their due dates
        assertThat(openTaskKeys(p)).isEqualTo(openTasks);
        Task moved = p.task("registerFirstAttendance");
        assertThat(moved.getId()).isEqualTo(open.getId());
        assertThat(moved.getDueDate()).isEqualTo(open.getDueDate());
        assertThat(moved.getProcessDefinitionId()).isEqualTo(v2.getId());
        // a task keeps the name it was created with
        assertThat(moved.getName()).isEqualTo("Registrer første fremmøte");
        assertThat(firstAttendanceTimer(p).getId()).isEqualTo(timer.getId());
        assertThat(firstAttendanceTimer(p).getDuedate().toInstant()).isEqualTo(timerDue);
        assertThat(timer("deadlineReferralToTreatment", p).getDuedate()).isEqualTo(referralToTreatment.getDuedate());
        assertThat(p.historicVariable("receivedDate")).isEqualTo("2026-03-02");

        // the pathway now follows version 2: the added task before the code
        today("2026-03-05");
        p.completeTask("registerFirstAttendance", "firstAttendanceDate", "2026-03-05", "firstAttendanceType",
                "OUTPATIENT");
        assertThat(openTaskKeys(p)).contains("confirmContactDetails");
        assertThat(ENGINE.codes.codesOf(p.id())).extracting(c -> c.code()).containsExactly("A32A");
        p.completeTask("confirmContactDetails");
        p.runJob("registerFirstAttendanceCode");
        assertThat(ENGINE.codes.codesOf(p.id())).extracting(c -> c.code() + " " + c.date())
            .containsExactly("A32A 2026-03-02", "A32S 2026-03-05");
        // the breach timer of the first attendance ended with its task
        assertThat(managementService().createJobQuery()
            .processInstanceId(p.id())
            .activityId("deadlineFirstAttendance")
            .count()).isZero();
    }

    /**
     * A database from before pathway folders: the model was deployed with its forms but
     * without its rules table and pathway data (Camunda's own auto-deployment). Its
     * running pathways go on, on the table and the data as built, when the folder is
     * deployed beside them.
     */
    @Test
    void aPathwayDeployedWithoutItsRulesTableRunsOnTheTableAsBuilt() {
        removeDeployments();
        var legacyDeployment = repositoryService().createDeployment()
            .name("SpringAutoDeployment")
            .addClasspathResource(MODEL)
            .addClasspathResource("processes/a32-spiseror-magesekk/reasoned-suspicion.dmn")
            .addClasspathResource("processes/a32-spiseror-magesekk/treatment-group.dmn");
        // the starter's pattern deployed the forms too (forms/**/*.form): Tasklist and
        // the
        // completion checks read a task's form from its deployment
        A32.resources()
            .entrySet()
            .stream()
            .filter(resource -> resource.getKey().endsWith(".form"))
            .forEach(resource -> legacyDeployment.addString(resource.getKey(), read(resource.getValue())));
        String legacy = legacyDeployment.deploy().getId();
        Pathway old = start("2026-03-02");
        PathwayDeployer.deploy(repositoryService(), List.of(A32));
        ProcessDefinition current = latest();
        assertThat(current.getVersion()).isEqualTo(2);
        assertThat(current.getDeploymentId()).isNotEqualTo(legacy);

        assertThat(definitionOf(old)).isNotEqualTo(current.getId());
        assertThat(rulesOf(repositoryService().getProcessDefinition(definitionOf(old))).processKey())
            .isEqualTo(PROCESS_KEY);
        assertThat(firstAttendanceTimer(old).getDuedate().toInstant()).isEqualTo(oslo("2026-03-11", "00:00"));
        old.firstAttendance("2026-03-04");
        assertThat(ENGINE.codes.codesOf(old.id())).extracting(c -> c.code() + " " + c.date())
            .containsExactly("A32A 2026-03-02", "A32S 2026-03-04");
    }

    // ---- helpers

    private static ProcessDefinition latest() {
        return repositoryService().createProcessDefinitionQuery()
            .processDefinitionKey(PROCESS_KEY)
            .latestVersion()
            .singleResult();
    }

    private static PathwayRules rulesOf(ProcessDefinition definition) {
        return ENGINE.catalog.forDefinition(repositoryService(), definition.getId());
    }

    private static String definitionOf(Pathway p) {
        return runtimeService().createProcessInstanceQuery()
            .processInstanceId(p.id())
            .singleResult()
            .getProcessDefinitionId();
    }

    /** The pathway folder deployed again with one resource changed. */
    private static void deployChanged(String resource, UnaryOperator<String> change) {
        Map<String, Resource> resources = new LinkedHashMap<>(A32.resources());
        String before = read(resources.get(resource));
        String after = change.apply(before);
        assertThat(after).as("the change to " + resource).isNotEqualTo(before);
        resources.put(resource, new ByteArrayResource(after.getBytes(StandardCharsets.UTF_8)));
        PathwayDeployer.deploy(repositoryService(),
                List.of(new Folder(A32.name(), A32.rules(), A32.data(), resources)));
    }

    private static String read(Resource resource) {
        try (InputStream in = resource.getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The documented migration: every activity mapped to the one with the same id, and
     * the timers evaluated again on the new version's rules when its deadline is to move.
     */
    private static void migrate(ProcessDefinition from, ProcessDefinition to, boolean moveDeadlines,
            Pathway... pathways) {
        var instructions = runtimeService().createMigrationPlan(from.getId(), to.getId()).mapEqualActivities();
        MigrationPlan plan = moveDeadlines ? instructions.updateEventTriggers().build() : instructions.build();
        runtimeService().newMigration(plan)
            .processInstanceIds(java.util.Arrays.stream(pathways).map(Pathway::id).toList())
            .execute();
    }

    private static Job firstAttendanceTimer(Pathway p) {
        return timer("deadlineFirstAttendance", p);
    }

    private static Job timer(String activityId, Pathway p) {
        return managementService().createJobQuery()
            .processInstanceId(p.id())
            .activityId(activityId)
            .timers()
            .singleResult();
    }

    private static List<String> dueTimers() {
        return managementService().createJobQuery().timers().executable().list().stream().map(Job::getId).toList();
    }

    private static List<String> openTaskKeys(Pathway p) {
        return taskService().createTaskQuery()
            .processInstanceId(p.id())
            .list()
            .stream()
            .map(Task::getTaskDefinitionKey)
            .sorted()
            .toList();
    }

    private static IntervalTime firstAttendance(Pathway p) {
        PathwayRules rules = ENGINE.catalog.forDefinition(repositoryService(), definitionOf(p));
        return new PathwayTimes(rules).of(ENGINE.codes.codesOf(p.id()), java.time.LocalDate.parse("2026-03-11"))
            .stream()
            .filter(i -> i.interval().equals("REFERRAL_TO_FIRST_ATTENDANCE"))
            .findFirst()
            .orElseThrow();
    }

}
