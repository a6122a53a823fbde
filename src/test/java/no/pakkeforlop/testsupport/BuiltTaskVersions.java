package no.pakkeforlop.testsupport;

import java.io.ByteArrayInputStream;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import no.pakkeforlop.checks.FormFields;
import no.pakkeforlop.checks.TaskVersion;
import no.pakkeforlop.checks.TaskVersions;
import no.pakkeforlop.rules.PathwayData;
import no.pakkeforlop.rules.PathwayRules;
import org.camunda.bpm.engine.delegate.DelegateTask;

/**
 * A pathway folder as built, for tests that run a completion check without an engine: a
 * task's form is the one the folder deploys (its own or the shared one, by task key), the
 * rules table and the pathway data are those of {@code processes/<folder>/}.
 */
public final class BuiltTaskVersions implements TaskVersions {

    /** The oesophageal and gastric cancer pathway as built. */
    public static final BuiltTaskVersions A32 = new BuiltTaskVersions(FormFiles.A32_FOLDER);

    private static final Map<String, BuiltTaskVersions> BY_FOLDER = new ConcurrentHashMap<>(
            Map.of(FormFiles.A32_FOLDER, A32));

    private final String folder;

    private final PathwayRules rules;

    private final PathwayData data;

    private final Map<String, TaskVersion> byTask = new ConcurrentHashMap<>();

    private BuiltTaskVersions(String folder) {
        this.folder = folder;
        this.rules = FormFiles.rulesOf(folder);
        this.data = FormFiles.dataOf(folder);
    }

    /** The pathway folder as built ("a32-spiseror-magesekk"). */
    public static BuiltTaskVersions of(String folder) {
        return BY_FOLDER.computeIfAbsent(folder, BuiltTaskVersions::new);
    }

    @Override
    public TaskVersion of(DelegateTask task) {
        return task(task.getTaskDefinitionKey());
    }

    /** The task's version as built. */
    public TaskVersion task(String taskKey) {
        return byTask.computeIfAbsent(taskKey, key -> new TaskVersion(rules, read(folder, key), data));
    }

    /**
     * The form of the task as built in the pathway folder, read by the server's reader.
     */
    static FormFields read(String folder, String taskKey) {
        return FormFields.read(new ByteArrayInputStream(FormFiles.deployedForm(folder, taskKey)),
                FormFiles.sourceOf(folder, taskKey).toString());
    }

}
