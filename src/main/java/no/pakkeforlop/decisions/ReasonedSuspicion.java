package no.pakkeforlop.decisions;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnDecisionResult;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineServices;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.repository.DecisionDefinition;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;

/**
 * Asks the decision table {@code processes/reasoned-suspicion.dmn} whether referral
 * criteria give reasoned suspicion, in two ways:
 * <ul>
 * <li>{@link #decide} in the pathway's start (the intake listener): the deployed table is
 * evaluated by the engine, which records the evaluation in the decision history under the
 * pathway (its process instance id), as Cockpit shows it;</li>
 * <li>{@link #holds} for the check of a referral before any pathway exists
 * ({@code POST /api/referrals} and its 400): the table's model is evaluated without a
 * history entry (nothing is decided about a pathway yet), and the answer is kept.</li>
 * </ul>
 * The table's answer depends on nothing but its version and the set of criteria (it asks
 * only whether each criterion is in the list), so {@link #holds} evaluates each version
 * once per set of criteria (the FEEL engine parses every expression and builds its
 * built-in functions on each evaluation: about 40 % of the CPU time of
 * {@code POST /api/referrals}, measured, before the answer was kept; {@link #decide}
 * costs one evaluation per pathway). The latest version is looked up on every call, so a
 * newly deployed table is used at once, on every node.
 */
public final class ReasonedSuspicion {

    public static final String DECISION_KEY = "reasoned-suspicion";

    /**
     * Five criteria make 32 sets; unknown criteria (refused anyway) are not kept beyond
     * this bound.
     */
    private static final int MAX_KEPT = 512;

    /**
     * Per engine, by decision definition id and set of criteria.
     */
    private static final Map<ProcessEngine, Map<String, Boolean>> ANSWERS = Collections
        .synchronizedMap(new WeakHashMap<>());

    /** Per engine, the table's parsed model by decision definition id. */
    private static final Map<ProcessEngine, Map<String, DmnDecision>> MODELS = Collections
        .synchronizedMap(new WeakHashMap<>());

    private ReasonedSuspicion() {
    }

    /**
     * Whether the criteria give reasoned suspicion, without a decision history entry (for
     * checking a referral before its pathway starts).
     */
    public static boolean holds(ProcessEngine engine, List<String> criteria) {
        DecisionDefinition latest = latest(engine);
        Map<String, Boolean> answers = ANSWERS.computeIfAbsent(engine, e -> new ConcurrentHashMap<>());
        String key = latest.getId() + "|" + String.join(",", new TreeSet<>(criteria));
        Boolean known = answers.get(key);
        if (known != null) {
            return known;
        }
        ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl) engine
            .getProcessEngineConfiguration();
        Map<String, DmnDecision> models = MODELS.computeIfAbsent(engine, e -> new ConcurrentHashMap<>());
        boolean answer = configuration.getCommandExecutorTxRequired()
            .execute(
                    new EvaluateDecisionWithoutHistory(configuration.getDmnEngine(), models, latest.getId(), criteria));
        if (answers.size() < MAX_KEPT) {
            answers.put(key, answer);
        }
        return answer;
    }

    /**
     * The decision for a pathway, made in its own execution (the intake listener): the
     * engine records it in the decision history with the pathway's process instance.
     */
    public static boolean decide(ProcessEngineServices engine, List<String> criteria) {
        DmnDecisionResult result = engine.getDecisionService()
            .evaluateDecisionById(latest(engine).getId())
            .variables(variables(criteria))
            .evaluate();
        return answer(result);
    }

    private static DecisionDefinition latest(ProcessEngineServices engine) {
        DecisionDefinition latest = engine.getRepositoryService()
            .createDecisionDefinitionQuery()
            .decisionDefinitionKey(DECISION_KEY)
            .withoutTenantId()
            .latestVersion()
            .singleResult();
        if (latest == null) {
            throw new IllegalStateException("Beslutningstabellen «" + DECISION_KEY + "» er ikke deployert.");
        }
        return latest;
    }

    private static VariableMap variables(List<String> criteria) {
        return Variables.createVariables().putValue("suspicionCriteria", criteria);
    }

    private static boolean answer(DmnDecisionResult result) {
        return Boolean.TRUE.equals(result.getSingleResult().getEntry("reasonedSuspicion"));
    }

    /**
     * Evaluates the parsed model (not the deployed definition, so the engine writes no
     * history), inside a command because the engine's DMN listeners need one. A read: the
     * engine's guard lets it through as one ({@code EvaluateDecision...}).
     */
    private record EvaluateDecisionWithoutHistory(DmnEngine dmn, Map<String, DmnDecision> models,
            String decisionDefinitionId, List<String> criteria) implements Command<Boolean> {

        @Override
        public Boolean execute(CommandContext context) {
            // parsed inside the command too: the engine's DMN parser needs its context
            DmnDecision model = models.computeIfAbsent(decisionDefinitionId, id -> dmn.parseDecision(DECISION_KEY,
                    context.getProcessEngineConfiguration().getRepositoryService().getDecisionModel(id)));
            return answer(dmn.evaluateDecision(model, variables(criteria)));
        }

    }

}
