package no.pakkeforlop.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import no.pakkeforlop.checks.Field;
import no.pakkeforlop.refusals.FieldError;
import no.pakkeforlop.refusals.InputRefusedException;
import no.pakkeforlop.security.EngineCommands.Kind;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.GetDeployedTaskFormCmd;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.CommandChecker;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cmd.GetDeployedStartFormCmd;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.camunda.bpm.engine.impl.persistence.entity.IdentityLinkEntity;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.query.Query;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Staff change a pathway only through their own tasks, whatever door they use (engine
 * REST, the web applications, the Java API): every command a signed-in user starts passes
 * here first, in the engine.
 *
 * <ul>
 * <li>Reads pass (the engine's authorizations decide what they see).</li>
 * <li>Staff may work their tasks: claim and complete (the engine's {@code TASK_WORK}); a
 * task goes only to a member of its candidate groups; a completion carries only the
 * fields of the task's form (not read-only ones); no candidate group or other identity
 * link is added. A plain pathway start with its start form's fields passes: its start
 * listener checks the referral. Everything else is refused: modification, restart,
 * migration, starts at chosen activities or skipping listeners, suspension, jobs and
 * timers, variables written outside a completion, messages, signals.</li>
 * <li>Operators ({@code camunda-admin}) may do all of it; every such action is written to
 * {@code operator_audit} with the pathway's state before and after
 * ({@link OperatorAudit}).</li>
 * </ul>
 *
 * Only the command a user starts is checked: commands the engine runs inside it
 * (listeners, delegates, the intake, nested service calls) pass, as do commands without a
 * signed-in user, which only the application itself can issue (job executor, start-up,
 * tests: every door from outside authenticates first), and the application's own services
 * acting for a user inside {@link ApplicationCall#run}.
 */
@Component
public class PathwayGuard extends AbstractProcessEnginePlugin {

    private static final Logger LOG = LoggerFactory.getLogger(PathwayGuard.class);

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ObjectProvider<OperatorAudit> audit;

    public PathwayGuard(ObjectProvider<OperatorAudit> audit) {
        this.audit = audit;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        Guard guard = new Guard(audit);
        List<CommandInterceptor> required = new ArrayList<>();
        if (configuration.getCustomPostCommandInterceptorsTxRequired() != null) {
            required.addAll(configuration.getCustomPostCommandInterceptorsTxRequired());
        }
        required.add(guard);
        configuration.setCustomPostCommandInterceptorsTxRequired(required);
    }

    static final class Guard extends CommandInterceptor {

        /**
         * How deep the current thread is in commands: only the outermost one is a user's
         * own.
         */
        private static final ThreadLocal<int[]> DEPTH = ThreadLocal.withInitial(() -> new int[1]);

        private final ObjectProvider<OperatorAudit> audit;

        Guard(ObjectProvider<OperatorAudit> audit) {
            this.audit = audit;
        }

        @Override
        public <T> T execute(Command<T> command) {
            int[] depth = DEPTH.get();
            boolean outermost = depth[0] == 0;
            depth[0]++;
            try {
                CommandContext context = Context.getCommandContext();
                Authentication user = context == null ? null : context.getAuthentication();
                if (!outermost || ApplicationCall.active() || user == null || user.getUserId() == null) {
                    return next.execute(command);
                }
                boolean operator = user.getGroupIds() != null && user.getGroupIds().contains(Groups.CAMUNDA_ADMIN);
                // for everyone, operators included: no expression from outside, a comment
                // on
                // its task's own pathway
                refuseExpressionsFromOutside(context, user, command, operator);
                refuseCommentOnAnotherPathway(context, user, command);
                refuseControlCharactersInNames(user, command);
                Kind kind = EngineCommands.kind(command);
                if (kind == Kind.READ) {
                    return next.execute(command);
                }
                if (operator) {
                    // an operator may do what staff may not; all of it is audited: every
                    // command outside a pathway's tasks, and work on a task the staff's
                    // rules would refuse (fields not in the form, a task given to someone
                    // outside its candidates, a comment without a task)
                    boolean audited = kind == Kind.OTHER || refusedToStaff(context, user, command);
                    OperatorAudit operatorAudit = audited ? audit.getIfAvailable() : null;
                    return operatorAudit == null ? next.execute(command)
                            : operatorAudit.record(context, user.getUserId(), command, () -> next.execute(command));
                }
                if (kind == Kind.OTHER) {
                    throw refuse(user, command,
                            "Endringer i et pakkeforløp gjøres bare gjennom oppgavene dine (Tasklist) og "
                                    + "API-et. Dette (" + EngineCommands.name(command)
                                    + ") kan bare en driftsansvarlig gjøre.");
                }
                checkWork(context, user, command);
                return next.execute(command);
            }
            finally {
                if (--depth[0] == 0) {
                    DEPTH.remove();
                }
            }
        }

        /** Whether the rules for staff would refuse this work to an operator. */
        private static boolean refusedToStaff(CommandContext context, Authentication user, Command<?> command) {
            try {
                checkWork(context, user, command);
                return false;
            }
            catch (InputRefusedException | AuthorizationException refused) {
                return true;
            }
        }

        /**
         * No expression that arrives from outside is evaluated: none in the or-queries of
         * a task query (the engine itself refuses them at the top level only), none in
         * the query a filter is run with, and a stored filter's own only as
         * {@link FilterExpressions} allows, when it is saved (by an operator) and when it
         * runs.
         */
        private static void refuseExpressionsFromOutside(CommandContext context, Authentication user,
                Command<?> command, boolean operator) {
            String name = EngineCommands.name(command);
            if (command instanceof Query<?, ?> query) {
                refuseAny(user, command, FilterExpressions.ofOrQueries(query));
            }
            else if (name.startsWith("ExecuteFilter")) {
                EngineCommands.field(command, "extendingQuery")
                    .filter(Query.class::isInstance)
                    .ifPresent(extending -> refuseAny(user, command, FilterExpressions.of((Query<?, ?>) extending)));
                String filterId = EngineCommands.text(command, "filterId");
                Filter stored = filterId == null ? null
                        : context.runWithoutAuthorization(() -> context.getFilterManager().findFilterById(filterId));
                if (stored != null && stored.getQuery() != null) {
                    Query<?, ?> query = stored.getQuery();
                    refuseOutsideSandbox(user, command, FilterExpressions.of(query),
                            "Filteret «" + stored.getName() + "» inneholder et uttrykk som ikke er tillatt");
                }
            }
            else if (name.equals("SaveFilterCmd")) {
                Object filter = EngineCommands.field(command, "filter").orElse(null);
                if (filter instanceof Filter saved && saved.getQuery() != null) {
                    Query<?, ?> query = saved.getQuery();
                    List<Map.Entry<String, String>> expressions = FilterExpressions.of(query);
                    if (!operator && !expressions.isEmpty()) {
                        throw refuse(user, command, "Bare en driftsansvarlig kan lagre et filter med uttrykk ("
                                + expressions.get(0).getKey() + "); bruk faste verdier i dine egne filtre.");
                    }
                    refuseOutsideSandbox(user, command, expressions,
                            "Filteret inneholder et uttrykk som ikke er tillatt");
                }
            }
        }

        private static void refuseAny(Authentication user, Command<?> command,
                List<Map.Entry<String, String>> expressions) {
            if (!expressions.isEmpty()) {
                LOG.warn("Refused {} for user {}: an expression in the query ({})", EngineCommands.name(command),
                        user.getUserId(), expressions.get(0).getKey());
                throw new BadUserRequestException("Uttrykk tas ikke imot i en spørring (" + expressions.get(0).getKey()
                        + "). Bruk faste verdier.");
            }
        }

        private static void refuseOutsideSandbox(Authentication user, Command<?> command,
                List<Map.Entry<String, String>> expressions, String what) {
            for (Map.Entry<String, String> expression : expressions) {
                if (!FilterExpressions.allowed(expression.getValue())) {
                    LOG.warn("Refused {} for user {}: an expression outside the filters' own ({})",
                            EngineCommands.name(command), user.getUserId(), expression.getKey());
                    throw new BadUserRequestException(what + " (" + expression.getKey() + "). Tillatt er bare "
                            + "${currentUser()}, ${currentUserGroups()}, ${now()} og ${dateTime()} med "
                            + "plusDays(n) o.l., withTimeAtStartOfDay() og toDate().");
                }
            }
        }

        /**
         * A comment on a task belongs to that task's pathway, whatever process instance
         * the request names; staff comment on their tasks only.
         */
        private static void refuseCommentOnAnotherPathway(CommandContext context, Authentication user,
                Command<?> command) {
            if (!EngineCommands.name(command).equals("AddCommentCmd")) {
                return;
            }
            String taskId = EngineCommands.text(command, "taskId");
            String processInstanceId = EngineCommands.text(command, "processInstanceId");
            if (taskId == null || processInstanceId == null) {
                return;
            }
            TaskEntity task = context.runWithoutAuthorization(() -> context.getTaskManager().findTaskById(taskId));
            if (task != null && !processInstanceId.equals(task.getProcessInstanceId())) {
                LOG.warn("Refused AddCommentCmd for user {}: the task's pathway is another one", user.getUserId());
                throw new BadUserRequestException(
                        "En kommentar til en oppgave hører til oppgavens eget forløp; oppgi ikke et annet forløp.");
            }
        }

        /**
         * A user's or a group's name (and e-mail) is one line without control characters,
         * whoever saves it: a name is shown in Tasklist, the history and the logs.
         */
        private static void refuseControlCharactersInNames(Authentication user, Command<?> command) {
            String name = EngineCommands.name(command);
            List<String> texts = new ArrayList<>();
            if (name.equals("SaveUserCmd")) {
                EngineCommands.field(command, "user")
                    .filter(User.class::isInstance)
                    .map(User.class::cast)
                    .ifPresent(profile -> texts.addAll(java.util.Arrays.asList(profile.getFirstName(),
                            profile.getLastName(), profile.getEmail())));
            }
            else if (name.equals("SaveGroupCmd")) {
                EngineCommands.field(command, "group")
                    .filter(org.camunda.bpm.engine.identity.Group.class::isInstance)
                    .map(org.camunda.bpm.engine.identity.Group.class::cast)
                    .ifPresent(group -> texts.add(group.getName()));
            }
            for (String text : texts) {
                if (text != null && text.chars().anyMatch(c -> Field.Text.control(c, false))) {
                    LOG.warn("Refused {} for user {}: a control character in a name", name, user.getUserId());
                    throw new BadUserRequestException(
                            "Navn og e-post må stå på én linje, uten linjeskift eller andre kontrolltegn.");
                }
            }
        }

        private static void checkWork(CommandContext context, Authentication user, Command<?> command) {
            String name = EngineCommands.name(command);
            String taskId = EngineCommands.text(command, "taskId");
            if (name.equals("AddCommentCmd") && taskId == null) {
                throw refuse(user, command, "Kommentarer skrives på oppgavene dine, ikke på forløpet som helhet.");
            }
            if (name.equals("SaveUserCmd")) {
                refuseOwnNameChange(context, user, command);
            }
            if (EngineCommands.TASK_ASSIGNMENT.contains(name)) {
                if (EngineCommands.text(command, "groupId") != null) {
                    throw refuse(user, command,
                            "Kandidatgruppene til en oppgave følger av forløpet og kan ikke endres.");
                }
                String type = EngineCommands.text(command, "type");
                if (type != null && !IdentityLinkType.ASSIGNEE.equals(type)) {
                    throw refuse(user, command, "Bare tildeling av oppgaven kan endres, ikke kandidater eller eier.");
                }
                String target = EngineCommands.text(command, "userId");
                if (target != null && !mayWork(context, taskId, target)) {
                    throw refuse(user, command,
                            "Oppgaven kan bare tildeles et medlem av gruppen(e) som skal utføre den.");
                }
            }
            else if (EngineCommands.START.contains(name)) {
                // a start carries the start form's fields only (the intake checks their
                // values): nothing set in advance that a later step of the pathway would
                // find
                Set<String> submitted = EngineCommands.startVariables(command);
                if (!submitted.isEmpty()) {
                    refuseForeignFields(user, command, submitted,
                            startFormFields(context, EngineCommands.startDefinition(command)),
                            "Et forløp startes bare med feltene i startskjemaet");
                }
            }
            else if (EngineCommands.TASK_COMPLETION.contains(name)) {
                // who may work the task is decided before what they send is judged: a
                // stranger's completion gets 403, never the form's field names
                TaskEntity task = taskId == null ? null
                        : context.runWithoutAuthorization(() -> context.getTaskManager().findTaskById(taskId));
                if (task != null) {
                    for (CommandChecker checker : context.getProcessEngineConfiguration().getCommandCheckers()) {
                        checker.checkTaskWork(task);
                    }
                }
                Set<String> submitted = EngineCommands.completionVariables(command);
                JsonNode form = taskForm(context, taskId);
                if (!submitted.isEmpty()) {
                    Set<String> allowed = new HashSet<>();
                    collect(form, allowed);
                    refuseForeignFields(user, command, submitted, allowed,
                            "Oppgaven kan bare fullføres med feltene i skjemaet sitt");
                }
                // the completion itself carries every required field: a value suggested
                // by the process (the first treatment from the plan) or left from an
                // earlier round (the MDT after supplementary workup) is not an answer
                Map<String, String> required = new LinkedHashMap<>();
                collectRequired(form, required);
                List<FieldError> missing = required.entrySet()
                    .stream()
                    .filter(field -> !submitted.contains(field.getKey()))
                    .map(field -> new FieldError(field.getKey(), "«" + field.getValue() + "» må fylles ut."))
                    .toList();
                if (!missing.isEmpty()) {
                    LOG.info("Refused {} for user {}: {} required field(s) not in the completion", name,
                            user.getUserId(), missing.size());
                    throw new InputRefusedException(missing);
                }
            }
        }

        /**
         * Staff change their own password and nothing else of their profile: a name or
         * e-mail of their choosing would show as someone else's in Tasklist and the
         * history.
         */
        private static void refuseOwnNameChange(CommandContext context, Authentication user, Command<?> command) {
            Object changed = EngineCommands.field(command, "user").orElse(null);
            if (!(changed instanceof User profile)) {
                return;
            }
            User stored = context
                .runWithoutAuthorization(() -> context.getReadOnlyIdentityProvider().findUserById(profile.getId()));
            if (stored == null || !java.util.Objects.equals(stored.getFirstName(), profile.getFirstName())
                    || !java.util.Objects.equals(stored.getLastName(), profile.getLastName())
                    || !java.util.Objects.equals(stored.getEmail(), profile.getEmail())) {
                throw refuse(user, command,
                        "Navn og e-post endres av en administrator; selv kan du bare bytte passord.");
            }
        }

        /**
         * Refuses a start or a completion that carries fields its form does not have
         * (named in the message, sorted).
         */
        private static void refuseForeignFields(Authentication user, Command<?> command, Set<String> submitted,
                Set<String> allowed, String rule) {
            List<String> foreign = submitted.stream().filter(variable -> !allowed.contains(variable)).sorted().toList();
            if (!foreign.isEmpty()) {
                throw refuse(user, command, rule + "; " + foreign.size() + " felt hører ikke til skjemaet: "
                        + String.join(", ", foreign) + ".");
            }
        }

        /**
         * Whether the user is a candidate of the task, or a member of one of its
         * candidate groups.
         */
        private static boolean mayWork(CommandContext context, String taskId, String userId) {
            if (taskId == null) {
                return false;
            }
            return context.runWithoutAuthorization(() -> {
                List<IdentityLinkEntity> links = context.getIdentityLinkManager().findIdentityLinksByTaskId(taskId);
                Set<String> groups = new HashSet<>();
                for (IdentityLinkEntity link : links) {
                    if (!IdentityLinkType.CANDIDATE.equals(link.getType())) {
                        continue;
                    }
                    if (userId.equals(link.getUserId())) {
                        return true;
                    }
                    if (link.getGroupId() != null) {
                        groups.add(link.getGroupId());
                    }
                }
                var identity = context.getProcessEngineConfiguration().getIdentityService();
                return groups.stream()
                    .anyMatch(group -> identity.createUserQuery().userId(userId).memberOfGroup(group).count() > 0);
            });
        }

        /**
         * The task's deployed Camunda Form, read once per completion; a missing node when
         * there is none.
         */
        private static JsonNode taskForm(CommandContext context, String taskId) {
            if (taskId == null) {
                return MissingNode.getInstance();
            }
            return context.runWithoutAuthorization(() -> {
                TaskEntity task = context.getTaskManager().findTaskById(taskId);
                if (task == null) {
                    return MissingNode.getInstance(); // the completion itself says the
                                                      // task is gone
                }
                try (InputStream form = new GetDeployedTaskFormCmd(taskId).execute(context)) {
                    return JSON.readTree(form);
                }
                catch (Exception noCamundaForm) {
                    // a task without a deployed form takes no variables from staff and
                    // requires none
                    return MissingNode.getInstance();
                }
            });
        }

        /**
         * The keys of the start form's input fields of the definition (by id, or the
         * latest by key).
         */
        private static Set<String> startFormFields(CommandContext context,
                java.util.Map.Entry<String, String> definition) {
            Set<String> fields = new HashSet<>();
            context.runWithoutAuthorization(() -> {
                try {
                    String id = definition.getKey().equals("id") ? definition.getValue()
                            : context.getProcessEngineConfiguration()
                                .getDeploymentCache()
                                .findDeployedLatestProcessDefinitionByKey(definition.getValue())
                                .getId();
                    try (InputStream form = new GetDeployedStartFormCmd(id).execute(context)) {
                        collect(JSON.readTree(form), fields);
                    }
                }
                catch (Exception noStartForm) {
                    // no definition or no deployed start form: the start itself says so,
                    // or takes no variables from staff
                }
                return null;
            });
            return fields;
        }

        /**
         * The form's required input fields that no condition can hide (form-js does not
         * submit a hidden field), by key, with their labels.
         */
        private static void collectRequired(JsonNode node, Map<String, String> fields) {
            for (JsonNode component : node.path("components")) {
                if (component.hasNonNull("conditional")) {
                    continue; // it, and whatever it holds, may be hidden and then is not
                              // submitted
                }
                boolean readOnly = component.path("readonly").asBoolean(false)
                        || component.path("disabled").asBoolean(false);
                if (component.hasNonNull("key") && !readOnly
                        && component.path("validate").path("required").asBoolean(false)) {
                    fields.put(component.get("key").asText(),
                            component.path("label").asText(component.get("key").asText()));
                }
                collectRequired(component, fields);
            }
        }

        /** The keys of the form's input fields, read-only and disabled ones left out. */
        private static void collect(JsonNode node, Set<String> fields) {
            if (node == null) {
                return;
            }
            for (JsonNode component : node.path("components")) {
                boolean readOnly = component.path("readonly").asBoolean(false)
                        || component.path("disabled").asBoolean(false);
                if (component.hasNonNull("key") && !readOnly) {
                    fields.add(component.get("key").asText());
                }
                collect(component, fields);
            }
        }

        private static PathwayChangeRefusedException refuse(Authentication user, Command<?> command, String message) {
            LOG.warn("Refused {} for user {}: {}", EngineCommands.name(command), user.getUserId(), message);
            return new PathwayChangeRefusedException(message);
        }

    }

}
