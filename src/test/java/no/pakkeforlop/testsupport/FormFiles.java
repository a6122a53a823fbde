package no.pakkeforlop.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import no.pakkeforlop.checks.FormFields;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaTaskListener;

/**
 * The Camunda Forms of the oesophageal and gastric cancer pathway
 * ({@code forms/a32-spiseror-magesekk/}), as the tests read them.
 */
public final class FormFiles {

    /** The pathway's folder, under processes/ and forms/. */
    public static final String A32_FOLDER = "a32-spiseror-magesekk";

    /** The folder the application deploys the pathway's forms from. */
    public static final Path FORMS = Path.of("forms", A32_FOLDER);

    /**
     * The file name of a form: its id without the pathway's prefix
     * ({@code a32-registerFirstAttendance}: {@code registerFirstAttendance.form}).
     */
    public static String fileName(String formId) {
        int dash = formId.indexOf('-');
        return (dash < 0 ? formId : formId.substring(dash + 1)) + ".form";
    }

    private FormFiles() {
    }

    /**
     * The fields of a task's form as built, each with its own rule, as the server reads
     * the deployed form ({@code checks.FormFields}).
     */
    public static FormFields fields(String taskKey) {
        return BuiltTaskVersions.read(taskKey);
    }

    /**
     * The dialogue and follow-up tasks: the user tasks of the pathway's models whose
     * completion is checked by {@code ${dialogueCompletion}}.
     */
    public static Set<String> dialogueTasks() {
        Set<String> tasks = new TreeSet<>();
        try (Stream<Path> models = Files.walk(Path.of("processes", A32_FOLDER))) {
            for (Path model : models.filter(p -> p.toString().endsWith(".bpmn")).toList()) {
                for (UserTask task : Bpmn.readModelFromFile(model.toFile()).getModelElementsByType(UserTask.class)) {
                    if (task.getExtensionElements() != null && task.getExtensionElements()
                        .getElementsQuery()
                        .filterByType(CamundaTaskListener.class)
                        .list()
                        .stream()
                        .anyMatch(l -> "complete".equals(l.getCamundaEvent())
                                && "${dialogueCompletion}".equals(l.getCamundaDelegateExpression()))) {
                        tasks.add(task.getId());
                    }
                }
            }
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return tasks;
    }

    /** Every component of a form or group, depth first, nested ones included. */
    public static List<JsonNode> components(JsonNode container) {
        List<JsonNode> all = new ArrayList<>();
        for (JsonNode component : container.path("components")) {
            all.add(component);
            all.addAll(components(component));
        }
        return all;
    }

}
