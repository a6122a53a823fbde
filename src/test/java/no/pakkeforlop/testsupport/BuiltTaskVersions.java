package no.pakkeforlop.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import no.pakkeforlop.checks.FormFields;
import no.pakkeforlop.checks.TaskVersion;
import no.pakkeforlop.checks.TaskVersions;
import no.pakkeforlop.rules.PathwayData;
import no.pakkeforlop.rules.PathwayRules;
import org.camunda.bpm.engine.delegate.DelegateTask;

/**
 * The oesophageal and gastric cancer pathway as built, for tests that run a completion
 * check without an engine: a task's form is its file in {@code forms/} (by task key), the
 * rules table and the pathway data are those on the classpath.
 */
public final class BuiltTaskVersions implements TaskVersions {

    public static final BuiltTaskVersions A32 = new BuiltTaskVersions();

    private final PathwayRules rules = PathwayRules.load();

    private final PathwayData data = PathwayData.load();

    private final Map<String, TaskVersion> byTask = new ConcurrentHashMap<>();

    private BuiltTaskVersions() {
    }

    @Override
    public TaskVersion of(DelegateTask task) {
        return of(task.getTaskDefinitionKey());
    }

    /** The task's version as built. */
    public TaskVersion of(String taskKey) {
        return byTask.computeIfAbsent(taskKey, key -> new TaskVersion(rules, FormFiles.fields(key), data));
    }

    /** The form of the task as built, read by the server's reader. */
    static FormFields read(String taskKey) {
        try (InputStream in = Files.newInputStream(FormFiles.FORMS.resolve(taskKey + ".form"))) {
            return FormFields.read(in, FormFiles.FORMS.resolve(taskKey + ".form").toString());
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

}
