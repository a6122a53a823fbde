package no.pakkeforlop.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import com.fasterxml.jackson.databind.ObjectMapper;
import no.pakkeforlop.checks.FormFields;
import no.pakkeforlop.deployment.PathwayFolders;
import no.pakkeforlop.deployment.SharedForms;
import no.pakkeforlop.rules.PathwayData;
import no.pakkeforlop.rules.PathwayRules;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaTaskListener;
import org.springframework.core.io.Resource;

/**
 * The Camunda Forms of the pathways ({@code forms/<folder>/}, one folder per pathway,
 * beside {@code processes/<folder>/}), as the tests read them.
 */
public final class FormFiles {

    /**
     * The oesophageal and gastric cancer pathway's folder, under processes/ and forms/.
     */
    public static final String A32_FOLDER = "a32-spiseror-magesekk";

    /** Where every pathway's forms are, one folder per pathway. */
    public static final Path FORMS_ROOT = Path.of("forms");

    /** Where every pathway's model and rules are, one folder per pathway. */
    public static final Path PROCESSES_ROOT = Path.of("processes");

    /**
     * The folder the application deploys the oesophageal and gastric cancer pathway's
     * forms from.
     */
    public static final Path FORMS = FORMS_ROOT.resolve(A32_FOLDER);

    /**
     * The file name of a form: its id without the pathway's prefix
     * ({@code a32-registerFirstAttendance}: {@code registerFirstAttendance.form}).
     */
    public static String fileName(String formId) {
        int dash = formId.indexOf('-');
        return (dash < 0 ? formId : formId.substring(dash + 1)) + ".form";
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * The task a form id is for ({@code a32-registerFirstAttendance}:
     * {@code registerFirstAttendance}).
     */
    public static String taskOf(String formId) {
        String file = fileName(formId);
        return file.substring(0, file.length() - ".form".length());
    }

    private FormFiles() {
    }

    /**
     * The fields of a task's form as built, each with its own rule, as the server reads
     * the deployed form ({@code checks.FormFields}).
     */
    public static FormFields fields(String taskKey) {
        return fields(A32_FOLDER, taskKey);
    }

    /** The fields of a task's form as built in a pathway folder. */
    public static FormFields fields(String folder, String taskKey) {
        return BuiltTaskVersions.read(folder, taskKey);
    }

    /**
     * The dialogue and follow-up tasks of the oesophageal and gastric cancer pathway
     * ({@link #dialogueTasks(String)}).
     */
    public static Set<String> dialogueTasks() {
        return dialogueTasks(A32_FOLDER);
    }

    /**
     * The dialogue and follow-up tasks of a pathway folder: the user tasks of its models
     * whose completion is checked by {@code ${dialogueCompletion}}.
     */
    public static Set<String> dialogueTasks(String folder) {
        Set<String> tasks = new TreeSet<>();
        // its own models and the shared ones they call, as the folder deploys them
        for (Map.Entry<String, Resource> model : PathwayFolders.named(folder).resources().entrySet()) {
            if (!model.getKey().endsWith(".bpmn")) {
                continue;
            }
            try (InputStream in = model.getValue().getInputStream()) {
                for (UserTask task : Bpmn.readModelFromStream(in).getModelElementsByType(UserTask.class)) {
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
            catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return tasks;
    }

    /**
     * The pathway folders that have forms ({@code forms/<folder>/}), by name; the shared
     * forms' folder ({@code forms/shared/}) is no pathway's.
     */
    public static List<String> pathwayFolders() {
        try (Stream<Path> folders = Files.list(FORMS_ROOT)) {
            return folders.filter(Files::isDirectory)
                .map(f -> f.getFileName().toString())
                .filter(name -> !name.equals(SharedForms.FOLDER))
                .sorted()
                .toList();
        }
        catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + FORMS_ROOT, e);
        }
    }

    /** The forms of one pathway folder. */
    public static Path formsOf(String folder) {
        return FORMS_ROOT.resolve(folder);
    }

    /** The forms written once for every pathway ({@code forms/shared/}). */
    public static final Path SHARED = FORMS_ROOT.resolve(SharedForms.FOLDER);

    private static final Map<String, Map<String, byte[]>> DEPLOYED = new ConcurrentHashMap<>();

    /**
     * The forms a pathway folder deploys, by task key ({@code registerFirstAttendance}):
     * its own, and the shared ones its models use, made its own
     * ({@code deployment.SharedForms}), as the application deploys them.
     */
    public static Map<String, byte[]> deployedForms(String folder) {
        return DEPLOYED.computeIfAbsent(folder, name -> {
            Map<String, byte[]> forms = new TreeMap<>();
            for (Map.Entry<String, Resource> resource : PathwayFolders.named(name).resources().entrySet()) {
                String file = resource.getKey().substring(resource.getKey().lastIndexOf('/') + 1);
                if (file.endsWith(".form")) {
                    try (InputStream in = resource.getValue().getInputStream()) {
                        forms.put(file.substring(0, file.length() - ".form".length()), in.readAllBytes());
                    }
                    catch (IOException e) {
                        throw new UncheckedIOException("Cannot read " + resource.getKey(), e);
                    }
                }
            }
            return Collections.unmodifiableMap(forms);
        });
    }

    /** A task's form as the pathway folder deploys it ({@link #deployedForms}). */
    public static byte[] deployedForm(String folder, String taskKey) {
        byte[] form = deployedForms(folder).get(taskKey);
        if (form == null) {
            throw new IllegalArgumentException("The pathway folder " + folder + " deploys no form for " + taskKey
                    + ": neither forms/" + folder + "/" + taskKey + ".form nor a shared one its models use");
        }
        return form;
    }

    /** A task's form as the pathway folder deploys it, as JSON. */
    public static JsonNode deployedFormJson(String folder, String taskKey) {
        try {
            return JSON.readTree(deployedForm(folder, taskKey));
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The id of a task's form in a pathway: the pathway's own ({@code a32-<task>}) or the
     * shared one's ({@code pakkeforlop-<task>}, {@code forms/shared/}).
     */
    public static String formId(String folder, String taskKey) {
        return Files.exists(formsOf(folder).resolve(taskKey + ".form")) ? formIdPrefix(folder) + "-" + taskKey
                : SharedForms.ID_PREFIX + taskKey;
    }

    /**
     * Where a task's form is written: the pathway's own file, or the shared one
     * ({@code forms/shared/}).
     */
    public static Path sourceOf(String folder, String taskKey) {
        Path own = formsOf(folder).resolve(taskKey + ".form");
        return Files.exists(own) ? own : SHARED.resolve(taskKey + ".form");
    }

    /** The rules table of a pathway folder ({@code processes/<folder>/*.rules.json}). */
    public static PathwayRules rulesOf(String folder) {
        try (Stream<Path> files = Files.list(PROCESSES_ROOT.resolve(folder))) {
            List<Path> tables = files.filter(f -> f.toString().endsWith(PathwayRules.SUFFIX)).toList();
            if (tables.size() != 1) {
                throw new IllegalStateException(
                        PROCESSES_ROOT.resolve(folder) + " has " + tables.size() + " rules tables, not one");
            }
            try (InputStream in = Files.newInputStream(tables.get(0))) {
                return PathwayRules.read(in, tables.get(0).toString());
            }
        }
        catch (IOException e) {
            throw new UncheckedIOException("Cannot read the rules of " + folder, e);
        }
    }

    /** The data of a pathway folder ({@code processes/<folder>/pathway.json}). */
    public static PathwayData dataOf(String folder) {
        Path file = PROCESSES_ROOT.resolve(folder).resolve(PathwayData.FILE);
        try (InputStream in = Files.newInputStream(file)) {
            return PathwayData.read(in, file.toString());
        }
        catch (IOException e) {
            throw new UncheckedIOException("Cannot read the data of " + folder, e);
        }
    }

    /**
     * The prefix of a pathway's form ids: its code prefix in lower case ({@code a32}, as
     * in {@code a32-registerFirstAttendance}).
     */
    public static String formIdPrefix(String folder) {
        return rulesOf(folder).codePrefix().toLowerCase(Locale.ROOT);
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
