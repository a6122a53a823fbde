package no.pakkeforlop.deployment;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import no.pakkeforlop.checks.DeployedTaskVersions;
import no.pakkeforlop.checks.TaskCheck;
import no.pakkeforlop.rules.PathwayCatalog;
import no.pakkeforlop.rules.PathwayRules;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaTaskListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationContext;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Verifies, once the application has deployed its pathways, that every user task of every
 * deployed version of them can be checked: its completion check
 * ({@code ${milestoneValidation}}, {@code ${dialogueCompletion}}) finds its form in the
 * task's deployment, every field the Java rules name is in it, and the pathway's data is
 * there. The latest version of a pathway that cannot be checked stops the start (staff
 * could not complete its tasks); an older version that cannot is logged as an error
 * naming the task and the field (its running pathways fail at that task until they are
 * moved to a version that can).
 */
@Component
public class DeployedChecks {

    private static final Logger log = LoggerFactory.getLogger(DeployedChecks.class);

    /** One version of a pathway whose task cannot be checked. */
    public record Problem(ProcessDefinition definition, boolean latest, String task, String message) {

        @Override
        public String toString() {
            return definition.getKey() + " version " + definition.getVersion() + (latest ? " (latest)" : "") + ", task "
                    + task + ": " + message;
        }

    }

    private final ProcessEngine engine;

    private final PathwayCatalog catalog;

    private final DeployedTaskVersions versions;

    private final ApplicationContext context;

    public DeployedChecks(ProcessEngine engine, PathwayCatalog catalog, DeployedTaskVersions versions,
            ApplicationContext context) {
        this.engine = engine;
        this.catalog = catalog;
        this.versions = versions;
        this.context = context;
    }

    @EventListener(ApplicationReadyEvent.class)
    public void verify() {
        List<Problem> problems = problems(engine.getRepositoryService(), versions,
                context.getBeansOfType(TaskCheck.class), catalog.allProcessKeys());
        problems.stream().filter(p -> !p.latest()).forEach(p -> log.error("Cannot check a task: {}", p));
        List<Problem> latest = problems.stream().filter(Problem::latest).toList();
        if (!latest.isEmpty()) {
            throw new IllegalStateException("The deployed pathways' tasks cannot all be checked: " + latest);
        }
    }

    /**
     * The tasks of every version of the processes that their completion checks cannot
     * check.
     * @param checks the completion checks by the bean name the models call them by
     */
    public static List<Problem> problems(RepositoryService repository, DeployedTaskVersions versions,
            Map<String, TaskCheck> checks, Collection<String> processKeys) {
        List<Problem> problems = new ArrayList<>();
        for (String key : processKeys) {
            List<ProcessDefinition> definitions = repository.createProcessDefinitionQuery()
                .processDefinitionKey(key)
                .orderByProcessDefinitionVersion()
                .desc()
                .list();
            for (ProcessDefinition definition : definitions) {
                boolean latest = definition == definitions.get(0);
                for (UserTask task : repository.getBpmnModelInstance(definition.getId())
                    .getModelElementsByType(UserTask.class)) {
                    Optional<TaskCheck> check = completionCheck(task).map(checks::get);
                    if (check.isEmpty()) {
                        continue;
                    }
                    try {
                        check.get()
                            .tables()
                            .build(task.getId(), versions.of(repository, definition.getId(), task.getId()));
                    }
                    catch (IllegalStateException | IllegalArgumentException cannot) {
                        problems.add(new Problem(definition, latest, task.getId(), cannot.getMessage()));
                    }
                }
            }
        }
        return problems;
    }

    /** The bean name of the task's first "complete" listener ({@code ${name}}). */
    private static Optional<String> completionCheck(UserTask task) {
        if (task.getExtensionElements() == null) {
            return Optional.empty();
        }
        return task.getExtensionElements()
            .getElementsQuery()
            .filterByType(CamundaTaskListener.class)
            .list()
            .stream()
            .filter(listener -> "complete".equals(listener.getCamundaEvent()))
            .map(CamundaTaskListener::getCamundaDelegateExpression)
            .findFirst()
            .filter(expression -> expression != null && expression.matches("\\$\\{\\w+}"))
            .map(expression -> expression.substring(2, expression.length() - 1));
    }

}
