package no.pakkeforlop.checks;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.camunda.bpm.engine.delegate.DelegateTask;

/**
 * The check tables of the tasks one listener checks: for each task, the Java rule
 * registered for its task key applied to the fields of the task's form, both of the
 * version the task runs on ({@link TaskVersions}). A task key is the same step in every
 * pathway whose model has it (a pathway added as a folder reuses the keys of the steps it
 * shares), so a rule is registered once for every pathway ({@link #forEveryPathway}) and
 * reads what differs between pathways from the version's data ({@code pathway.json}); a
 * pathway may have a registration of its own instead. A table is built once per version
 * and task, and kept.
 */
public final class TaskTables {

    /**
     * One pathway's rules: by task key, and for its other tasks.
     *
     * @param byTask the rules of named tasks
     * @param others the rule of any other task of the pathway
     */
    public record Registration(Map<String, TaskRule> byTask, TaskRule others) {

        public Registration {
            byTask = Map.copyOf(byTask);
        }

        TaskRule rule(String task) {
            return byTask.getOrDefault(task, others);
        }

    }

    /** A task's table and the version it was built for. */
    public record Table(TaskVersion version, List<Check> checks) {
    }

    private record Key(TaskVersion version, String task) {
    }

    private final TaskVersions versions;

    private final Map<String, Registration> byPathway;

    /** The rules of every pathway without a registration of its own; null: none. */
    private final Registration everyPathway;

    private final Map<Key, Table> built = new ConcurrentHashMap<>();

    /**
     * @param byPathway the rules of each pathway ("A32"); a pathway without is checked
     * against its forms alone
     */
    public TaskTables(TaskVersions versions, Map<String, Registration> byPathway) {
        this(versions, byPathway, null);
    }

    /**
     * @param byPathway the rules of pathways with a registration of their own ("A32")
     * @param everyPathway the rules of every other pathway, by task key; null: their
     * tasks are checked against their forms alone
     */
    public TaskTables(TaskVersions versions, Map<String, Registration> byPathway, Registration everyPathway) {
        this.versions = versions;
        this.byPathway = Map.copyOf(byPathway);
        this.everyPathway = everyPathway;
    }

    /**
     * Rules registered by task key for every pathway: a task of that key is checked by
     * its rule in whichever pathway's model it is, on the form and the data of that
     * pathway's version. No Java names the pathway.
     */
    public static TaskTables forEveryPathway(TaskVersions versions, Registration registration) {
        return new TaskTables(versions, Map.of(), registration);
    }

    /**
     * The table of the task, for the version it runs on.
     * @throws IllegalStateException when the task's form lacks a field its rules name
     */
    public Table of(DelegateTask task) {
        TaskVersion version = versions.of(task);
        return built.computeIfAbsent(new Key(version, task.getTaskDefinitionKey()), key -> build(key.task(), version));
    }

    /** The table of the task key on this version (for tests of the forms as built). */
    public Table build(String task, TaskVersion version) {
        Registration registration = byPathway.getOrDefault(version.pathway(), everyPathway);
        TaskRule rule = registration == null ? TaskRule.FORM_ONLY : registration.rule(task);
        TaskForm form = new TaskForm(task, version);
        List<Check> checks = new ArrayList<>(rule.checks(form));
        checks.addAll(form.rest());
        return new Table(version, List.copyOf(checks));
    }

}
