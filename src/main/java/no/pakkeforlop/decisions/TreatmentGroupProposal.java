package no.pakkeforlop.decisions;

import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.dmn.engine.DmnDecisionResult;
import org.camunda.bpm.engine.ProcessEngineServices;
import org.springframework.stereotype.Component;

/**
 * The decision table's proposal of a treatment group for the staging the MDT entered
 * ({@code processes/treatment-group.dmn}). The MDT places the patient (pathway.md:
 * "Pasienten vurderes i MDT-møte ... vurderes pasienten til en av følgende grupper"); the
 * table supports it and proposes nothing for staging outside the five groups. Evaluated
 * through the engine, so each evaluation is in Cockpit's decision history.
 */
@Component
public class TreatmentGroupProposal {

    public static final String DECISION_KEY = "treatment-group";

    /** The inputs of the table, all entered on the MDT's form. */
    public static final java.util.List<String> INPUTS = java.util.List.of("tStage", "nStage", "mStage", "ecog",
            "medicallyOperable", "technicallyResectable");

    /** The five groups in the order of the pathway document, with the words staff see. */
    public static final Map<String, String> GROUPS = orderedGroups();

    private static Map<String, String> orderedGroups() {
        Map<String, String> groups = new java.util.LinkedHashMap<>();
        groups.put("ENDOSCOPIC_OR_SURGERY_ALONE",
                "gruppe 1: resektabel, endoskopisk behandling eller kirurgi alene med kurativ intensjon");
        groups.put("SURGERY_WITH_NEOADJUVANT_OR_CURATIVE_CHEMORADIATION",
                "gruppe 2: resektabel, kirurgi med neoadjuvant eller perioperativ behandling, eller kurativ kjemo-/strålebehandling");
        groups.put("LOCALLY_ADVANCED_CHEMORADIATION",
                "gruppe 3: lokalavansert, ikke resektabel, kjemo-/strålebehandling");
        groups.put("PALLIATIVE_CHEMOTHERAPY", "gruppe 4: spredt sykdom (M1), palliativ kjemoterapi");
        groups.put("SYMPTOM_RELIEF", "gruppe 5: dårlig allmenntilstand (ECOG 3-4), symptomlindrende behandling");
        return java.util.Collections.unmodifiableMap(groups);
    }

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

    /** The group in words, e.g. "gruppe 2: resektabel, ...". */
    public static String describe(String group) {
        return GROUPS.getOrDefault(group, group);
    }

}
