package no.pakkeforlop.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import no.pakkeforlop.checks.Field;
import no.pakkeforlop.testsupport.FormFiles;
import org.junit.jupiter.api.Test;

/**
 * The options the forms offer (which the server checks a completion against) and the
 * rules table's selectors name the same codes; the API's value lists are the forms'.
 */
class ValueListsTest {

    static final PathwayRules RULES = PathwayRules.load();

    static List<String> options(String task, String key) {
        Field field = FormFiles.fields(task).input(key).orElseThrow().rule();
        return ((Field.OneOf) field).values();
    }

    @Test
    void everyDecisionCodeRegistersItsCode() {
        assertThat(RULES.event("DECISION").codes().keySet())
            .containsExactlyInAnyOrderElementsOf(options("clinicalDecision", "decisionCode"));
    }

    @Test
    void everyTreatmentStartedRegistersItsCode() {
        assertThat(RULES.event("TREATMENT_START").codes().keySet())
            .containsExactlyInAnyOrderElementsOf(options("registerTreatmentStart", "treatmentStarted"));
    }

    @Test
    void aPlannedTreatmentIsEitherStartedLaterOrRegisteredAtOnce() {
        Set<String> plans = new LinkedHashSet<>(options("registerTreatmentStart", "treatmentStarted"));
        plans.addAll(RULES.event("NO_TREATMENT").codes().keySet());
        assertThat(plans).containsExactlyInAnyOrderElementsOf(options("clinicalDecision", "plannedTreatment"));
    }

    @Test
    void theFrailtyScalesAreTheScalesWithTheirRanges() {
        assertThat(ValueLists.FRAILTY_SCALES).containsExactly("CFS", "ECOG", "G8");
        assertThat(FrailtyScale.of("ECOG")).hasValueSatisfying(scale -> assertThat(scale.max()).isEqualTo(4));
    }

    @Test
    void theApisValueListsAreTheFormsOptions() {
        assertThat(ValueLists.START_BASES).containsExactly("MARKED_REFERRAL", "UNMARKED_MEETS_CRITERIA",
                "SUSPICION_IN_SPECIALIST_CARE");
        assertThat(ValueLists.SUSPICION_CRITERIA).containsExactly("DYSPHAGIA_OVER_2_WEEKS",
                "EARLY_SATIETY_OR_VOMITING_3_WEEKS", "WEIGHT_LOSS_WITH_UPPER_ABDOMINAL_PAIN",
                "GI_BLEEDING_WITH_IRON_DEFICIENCY_ANAEMIA", "ENDOSCOPIC_OR_RADIOLOGICAL_FINDING");
        assertThat(ValueLists.REFERRER_TYPES).containsExactly("GP", "CONTRACT_SPECIALIST", "RADIOLOGY_INSTITUTE",
                "OTHER_PHYSICIAN", "OTHER_HEALTH_TRUST");
        assertThat(ValueLists.TERMINATION_REASONS)
            .containsExactlyElementsOf(options("pathwayAdministration", "terminationReason"));
        assertThat(ValueLists.PREVIOUS_CANCER).containsExactlyElementsOf(PreviousCancer.NAMES);
    }

}
