package no.pakkeforlop.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import no.pakkeforlop.checks.TaskCheck;
import no.pakkeforlop.checks.TaskVersion;
import no.pakkeforlop.deployment.DeployedChecks;
import no.pakkeforlop.refusals.FieldError;
import no.pakkeforlop.refusals.InputRefusedException;
import no.pakkeforlop.testsupport.FormAnswers;
import no.pakkeforlop.testsupport.PathwayEngine;
import no.pakkeforlop.testsupport.PathwayFolderDeployment;
import no.pakkeforlop.testsupport.TestData;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A changed pathway deployed beside the running one: a task is checked against the form
 * and the pathway data of the version its pathway runs on, so a rule changed in version 2
 * applies to the pathways started on version 2 only, and the pathways still on version 1
 * keep version 1's rules until they are moved.
 */
class PathwayVersionsTest extends PathwayTestSupport {

    static final PathwayEngine ENGINE = PathwayEngine.create();

    static final ObjectMapper JSON = new ObjectMapper();

    static final String FOLDER = PathwayFolderDeployment.A32;

    static final String REFERRAL_TALK = "forms/" + FOLDER + "/informPatientAtReferral.form";

    static final String FIRST_ATTENDANCE = "forms/" + FOLDER + "/registerFirstAttendance.form";

    static final String DATA = "processes/" + FOLDER + "/pathway.json";

    @RegisterExtension
    static ProcessEngineExtension extension = ProcessEngineExtension.builder()
        .useProcessEngine(ENGINE.configuration.buildProcessEngine())
        .build();

    @Override
    PathwayEngine engine() {
        return ENGINE;
    }

    /** The changed version, deleted after the test like the pathway. */
    String version2;

    @AfterEach
    void deleteVersion2() {
        PathwayFolderDeployment.delete(ENGINE.configuration.getProcessEngine(), version2);
    }

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
                    + "field firstAttendanceType, which its form a32-registerFirstAttendance")
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
            .isEqualTo("a32-informPatientAtReferral");
        assertThat(ofVersion2.form()).isNotSameAs(ofFirst.form());
        assertThat(ofVersion2.data()).isNotSameAs(ofFirst.data());
        assertThat(ofFirst.form().source()).contains("forms/" + FOLDER + "/informPatientAtReferral.form");
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

}
