package no.pakkeforlop.decisions;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import org.camunda.bpm.dmn.engine.DmnDecisionResult;
import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.engine.ProcessEngineServices;
import org.camunda.bpm.engine.repository.DecisionDefinition;
import org.camunda.bpm.engine.variable.Variables;

/**
 * Asks the decision table {@code processes/reasoned-suspicion.dmn} whether referral
 * criteria give reasoned suspicion.
 *
 * <p>
 * The table's answer depends on nothing but its version and the set of criteria (it asks
 * only whether each criterion is in the list), so each version is evaluated once per set
 * of criteria and the answer kept. Evaluating it is most of the work of registering a
 * referral otherwise (the FEEL engine parses every expression and builds its built-in
 * functions on each evaluation: about 40 % of the CPU time of
 * {@code POST /api/referrals}, measured). The latest version is looked up on every call,
 * so a newly deployed table is used at once, on every node.
 */
public final class ReasonedSuspicion {

    public static final String DECISION_KEY = "reasoned-suspicion";

    /**
     * Five criteria make 32 sets; unknown criteria (refused anyway) are not kept beyond
     * this bound.
     */
    private static final int MAX_KEPT = 512;

    /**
     * Per engine (its decision service), by decision definition id and set of criteria.
     */
    private static final Map<DecisionService, Map<String, Boolean>> ANSWERS = Collections
        .synchronizedMap(new WeakHashMap<>());

    private ReasonedSuspicion() {
    }

    public static boolean holds(ProcessEngineServices engine, List<String> criteria) {
        DecisionDefinition latest = engine.getRepositoryService()
            .createDecisionDefinitionQuery()
            .decisionDefinitionKey(DECISION_KEY)
            .withoutTenantId()
            .latestVersion()
            .singleResult();
        if (latest == null) {
            throw new IllegalStateException("Beslutningstabellen «" + DECISION_KEY + "» er ikke deployert.");
        }
        Map<String, Boolean> answers = ANSWERS.computeIfAbsent(engine.getDecisionService(),
                s -> new ConcurrentHashMap<>());
        String key = latest.getId() + "|" + String.join(",", new TreeSet<>(criteria));
        Boolean known = answers.get(key);
        if (known != null) {
            return known;
        }
        boolean answer = evaluate(engine.getDecisionService(), latest.getId(), criteria);
        if (answers.size() < MAX_KEPT) {
            answers.put(key, answer);
        }
        return answer;
    }

    private static boolean evaluate(DecisionService decisions, String decisionDefinitionId, List<String> criteria) {
        DmnDecisionResult result = decisions.evaluateDecisionById(decisionDefinitionId)
            .variables(Variables.createVariables().putValue("suspicionCriteria", criteria))
            .evaluate();
        return Boolean.TRUE.equals(result.getSingleResult().getEntry("reasonedSuspicion"));
    }

}
