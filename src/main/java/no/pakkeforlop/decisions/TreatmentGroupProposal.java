package no.pakkeforlop.decisions;

import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.dmn.engine.DmnDecisionResult;
import org.camunda.bpm.engine.ProcessEngineServices;
import org.springframework.stereotype.Component;

/**
 * The decision table's proposal of a treatment group for the staging the MDT entered
 * ({@code processes/a32-spiseror-magesekk/treatment-group.dmn}). The MDT places the
 * patient (pathway.md: "Pasienten vurderes i MDT-møte ... vurderes pasienten til en av
 * følgende grupper"); the table supports it and proposes nothing for staging outside the
 * five groups. Evaluated through the engine, so each evaluation is in Cockpit's decision
 * history.
 */
@Component
public class TreatmentGroupProposal {

    public static final String DECISION_KEY = "treatment-group";

    /** The inputs of the table, all entered on the MDT's form. */
    public static final java.util.List<String> INPUTS = java.util.List.of("tStage", "nStage", "mStage", "ecog",
            "medicallyOperable", "technicallyResectable");

    /**
     * The table's group for this staging, or empty when the staging fits none of the five
     * groups.
     */
    public Optional<String> propose(ProcessEngineServices engine, Map<String, Object> staging) {
        DmnDecisionResult result = engine.getDecisionService()
            .evaluateDecisionByKey(DECISION_KEY)
            .variables(staging)
            .evaluate();
        return result.isEmpty() ? Optional.empty() : Optional.ofNullable(result.getSingleResult().getSingleEntry());
    }

}
