package no.pakkeforlop.security;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.query.Query;

/**
 * What an engine command is and whom or what it names, read from the command object. The
 * one place that knows the engine's command classes by name (Camunda 7.24 / Operaton):
 * the rules in {@link PathwayGuard} ask only this.
 */
final class EngineCommands {

    /** What a command does, for the staff rules. */
    enum Kind {

        /** reads only: queries, lookups, forms, decision evaluation, password checks */
        READ,
        /**
         * a staff member's own work: tasks, a plain pathway start, their own filters and
         * profile
         */
        WORK,
        /**
         * everything else: changes a pathway outside its tasks, or administers the engine
         */
        OTHER

    }

    private static final Pattern READ_NAME = Pattern
        .compile("(Get|Find|Is|Check|Count|Determine|AuthorizationCheck|EvaluateDecision)[A-Z]?\\w*|\\w*Query\\w*"
                + "|ExecuteFilter\\w*|CheckPassword");

    private static final Set<String> NOT_READ = Set.of("GetNextIdBlockCmd");

    static final Set<String> TASK_ASSIGNMENT = Set.of("ClaimTaskCmd", "AssignTaskCmd", "AddUserIdentityLinkCmd");
    static final Set<String> TASK_COMPLETION = Set.of("CompleteTaskCmd", "SubmitTaskFormCmd");
    static final Set<String> START = Set.of("StartProcessInstanceCmd", "SubmitStartFormCmd");

    private static final Set<String> WORK = Set.of(
            // a task's own work (who may do it: the engine's TASK_WORK; to whom it may
            // go: PathwayGuard). Not delegation: ResolveTaskCmd writes the variables it
            // is given without the completion's checks, and the pathway never delegates
            // (a task goes to another member of its group by assignment)
            "ClaimTaskCmd", "AssignTaskCmd", "AddUserIdentityLinkCmd", "CompleteTaskCmd", "SubmitTaskFormCmd",
            "SetTaskFollowUpDateCmd", "AddCommentCmd",
            // a plain start: the start listener checks the referral (intake)
            "StartProcessInstanceCmd", "SubmitStartFormCmd",
            // Tasklist filters and the user's own profile and password (the engine's
            // authorizations decide)
            "CreateFilterCmd", "SaveFilterCmd", "DeleteFilterCmd", "SaveUserCmd", "SetUserInfoCmd", "DeleteUserInfoCmd",
            "SetUserPictureCmd", "DeleteUserPictureCmd");

    private EngineCommands() {
    }

    static String name(Object command) {
        return command.getClass().getSimpleName();
    }

    static Kind kind(Object command) {
        String name = name(command);
        if (command instanceof Query<?, ?>) {
            return Kind.READ;
        }
        if (WORK.contains(name)) {
            return Kind.WORK;
        }
        if (!name.contains("$") && !NOT_READ.contains(name) && READ_NAME.matcher(name).matches()) {
            return Kind.READ;
        }
        return Kind.OTHER;
    }

    /** A field of the command (or of its superclasses), or empty. */
    static Optional<Object> field(Object command, String name) {
        for (Class<?> type = command.getClass(); type != null && type != Object.class; type = type.getSuperclass()) {
            try {
                Field field = type.getDeclaredField(name);
                field.setAccessible(true);
                return Optional.ofNullable(field.get(command));
            }
            catch (NoSuchFieldException e) {
                // look in the superclass
            }
            catch (ReflectiveOperationException | RuntimeException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    static String text(Object command, String name) {
        return field(command, name).map(String::valueOf).orElse(null);
    }

    /** The variables a task completion carries (names only matter here). */
    @SuppressWarnings("unchecked")
    static Set<String> completionVariables(Object command) {
        Object variables = field(command, "variables").or(() -> field(command, "properties")).orElse(null);
        return variables instanceof Map<?, ?> map ? new LinkedHashSet<>((Set<String>) map.keySet()) : Set.of();
    }

    /** The variables a process start carries. */
    @SuppressWarnings("unchecked")
    static Set<String> startVariables(Object command) {
        Object variables = field(command, "variables").orElse(null);
        if (variables == null) {
            variables = field(command, "instantiationBuilder").flatMap(builder -> field(builder, "modificationBuilder"))
                .flatMap(builder -> field(builder, "processVariables"))
                .orElse(null);
        }
        return variables instanceof Map<?, ?> map ? new LinkedHashSet<>((Set<String>) map.keySet()) : Set.of();
    }

    /**
     * The process definition a start names: its id, or its key (then the latest version).
     */
    static Map.Entry<String, String> startDefinition(Object command) {
        Object builder = field(command, "instantiationBuilder").orElse(command);
        String id = text(builder, "processDefinitionId");
        return id != null ? Map.entry("id", id)
                : Map.entry("key", String.valueOf(text(builder, "processDefinitionKey")));
    }

    /**
     * The ids a command names, by kind ("processInstanceId", "executionId", "taskId",
     * "jobId", "entityId"), from its own fields and those of the builder it carries:
     * enough to tell the operator audit what was touched.
     */
    static List<Map.Entry<String, String>> ids(Object command) {
        List<Map.Entry<String, String>> ids = new ArrayList<>();
        collectIds(command, ids, 0);
        return ids;
    }

    private static final Set<String> ID_FIELDS = Set.of("processInstanceId", "processInstanceIds", "executionId",
            "taskId", "jobId", "entityId");

    private static void collectIds(Object object, List<Map.Entry<String, String>> ids, int depth) {
        for (Class<?> type = object.getClass(); type != null && type != Object.class; type = type.getSuperclass()) {
            for (Field field : type.getDeclaredFields()) {
                if (Modifier.isStatic(field.getModifiers())) {
                    continue;
                }
                Object value;
                try {
                    field.setAccessible(true);
                    value = field.get(object);
                }
                catch (ReflectiveOperationException | RuntimeException e) {
                    continue;
                }
                if (value == null) {
                    continue;
                }
                String name = field.getName();
                if (ID_FIELDS.contains(name)) {
                    String kind = name.equals("processInstanceIds") ? "processInstanceId" : name;
                    if (value instanceof String id) {
                        ids.add(Map.entry(kind, id));
                    }
                    else if (value instanceof Collection<?> many) {
                        many.stream()
                            .filter(String.class::isInstance)
                            .limit(50)
                            .forEach(id -> ids.add(Map.entry(kind, (String) id)));
                    }
                }
                else if (depth == 0 && value.getClass().getName().startsWith("org.camunda.bpm.engine.impl.")
                        && !(value instanceof Collection<?>) && !(value instanceof Map<?, ?>)) {
                    collectIds(value, ids, depth + 1); // a builder:
                                                       // ProcessInstanceModificationBuilderImpl,
                                                       // ...
                }
            }
        }
    }

}
