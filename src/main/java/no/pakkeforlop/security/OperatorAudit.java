package no.pakkeforlop.security;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.ProcessEngineServices;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * What an operator ({@code camunda-admin}) did to a pathway outside its tasks, with the
 * pathway's state before and after: its active activities, whether it is suspended, its
 * jobs and timers with due dates, and the variables the command named. Written to the
 * table {@code operator_audit} in the command's own transaction (an action that fails
 * leaves no row, one that succeeds always has one). The values stay in the database: the
 * application log gets the user, the action and the row's id, never a value.
 */
@Component
public class OperatorAudit {

    private static final Logger LOG = LoggerFactory.getLogger(OperatorAudit.class);
    static final int MAX_TEXT = 4000;

    private static final int MAX_INSTANCES = 20;

    private final JdbcTemplate jdbc;

    public OperatorAudit(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    <T> T record(CommandContext context, String userId, Command<T> command, Supplier<T> action) {
        List<Map.Entry<String, String>> ids = EngineCommands.ids(command);
        Set<String> variables = variableNames(command);
        Set<String> instances = context.runWithoutAuthorization(() -> processInstances(context, ids));
        String before = context.runWithoutAuthorization(() -> state(context, instances, variables));
        T result = action.get();
        String after = context.runWithoutAuthorization(() -> state(context, instances, variables));
        String id = UUID.randomUUID().toString();
        String target = ids.stream()
            .map(e -> e.getKey() + "=" + e.getValue())
            .distinct()
            .limit(20)
            .collect(Collectors.joining(", "));
        jdbc.update(
                "insert into operator_audit (id, at, user_id, action, target, old_value, new_value) "
                        + "values (?, ?, ?, ?, ?, ?, ?)",
                id, new Timestamp(ClockUtil.getCurrentTime().getTime()), userId, EngineCommands.name(command),
                cut(target), cut(before), cut(after));
        LOG.warn("Operator {} ran {} on {} (operator_audit {})", userId, EngineCommands.name(command),
                instances.isEmpty() ? "the engine" : instances.size() + " process instance(s)", id);
        return result;
    }

    @SuppressWarnings("unchecked")
    private static Set<String> variableNames(Object command) {
        Set<String> names = new LinkedHashSet<>();
        EngineCommands.field(command, "variables")
            .filter(Map.class::isInstance)
            .ifPresent(map -> ((Map<Object, Object>) map).keySet().forEach(name -> names.add(String.valueOf(name))));
        EngineCommands.field(command, "variableNames")
            .filter(java.util.Collection.class::isInstance)
            .ifPresent(list -> ((java.util.Collection<Object>) list).forEach(name -> names.add(String.valueOf(name))));
        EngineCommands.field(command, "deletions")
            .filter(java.util.Collection.class::isInstance)
            .ifPresent(list -> ((java.util.Collection<Object>) list).forEach(name -> names.add(String.valueOf(name))));
        EngineCommands.field(command, "modifications")
            .filter(Map.class::isInstance)
            .ifPresent(map -> ((Map<Object, Object>) map).keySet().forEach(name -> names.add(String.valueOf(name))));
        return names;
    }

    private static Set<String> processInstances(CommandContext context, List<Map.Entry<String, String>> ids) {
        Set<String> instances = new LinkedHashSet<>();
        for (Map.Entry<String, String> id : ids) {
            if (instances.size() >= MAX_INSTANCES) {
                break;
            }
            String instance = switch (id.getKey()) {
                case "processInstanceId" -> id.getValue();
                case "taskId" -> taskInstance(context, id.getValue());
                case "jobId" -> {
                    JobEntity job = context.getJobManager().findJobById(id.getValue());
                    yield job == null ? null : job.getProcessInstanceId();
                }
                default -> { // executionId, entityId: an execution, or a task for task
                             // variables
                    ExecutionEntity execution = context.getExecutionManager().findExecutionById(id.getValue());
                    yield execution != null ? execution.getProcessInstanceId() : taskInstance(context, id.getValue());
                }
            };
            if (instance != null) {
                instances.add(instance);
            }
        }
        return instances;
    }

    private static String taskInstance(CommandContext context, String taskId) {
        TaskEntity task = context.getTaskManager().findTaskById(taskId);
        return task == null ? null : task.getProcessInstanceId();
    }

    private static String state(CommandContext context, Set<String> instances, Set<String> variables) {
        ProcessEngineServices engine = context.getProcessEngineConfiguration().getProcessEngine();
        List<String> states = new ArrayList<>();
        for (String instance : instances) {
            ExecutionEntity execution = context.getExecutionManager().findExecutionById(instance);
            if (execution == null) {
                states.add(instance + ": ended");
                continue;
            }
            Map<String, Object> state = new LinkedHashMap<>();
            state.put("suspended", execution.isSuspended());
            state.put("activities", engine.getRuntimeService().getActiveActivityIds(instance));
            state.put("jobs",
                    engine.getManagementService()
                        .createJobQuery()
                        .processInstanceId(instance)
                        .list()
                        .stream()
                        .map(OperatorAudit::job)
                        .toList());
            // who holds each open task: an assignment is a change of these
            state.put("tasks",
                    engine.getTaskService()
                        .createTaskQuery()
                        .processInstanceId(instance)
                        .list()
                        .stream()
                        .map(task -> task.getTaskDefinitionKey() + "=" + task.getAssignee())
                        .sorted()
                        .toList());
            Map<String, Object> values = new LinkedHashMap<>();
            for (String variable : variables) {
                try {
                    values.put(variable, engine.getRuntimeService().getVariable(instance, variable));
                }
                catch (RuntimeException e) {
                    values.put(variable, "(not readable)");
                }
            }
            if (!values.isEmpty()) {
                state.put("variables", values);
            }
            states.add(instance + ": " + state);
        }
        return String.join("; ", states);
    }

    private static String job(Job job) {
        return job.getJobDefinitionId() + (job.getDuedate() == null ? "" : " due " + job.getDuedate().toInstant())
                + (job.isSuspended() ? " suspended" : "") + " retries " + job.getRetries();
    }

    private static String cut(String text) {
        return text == null || text.length() <= MAX_TEXT ? text : text.substring(0, MAX_TEXT - 1) + "…";
    }

}
