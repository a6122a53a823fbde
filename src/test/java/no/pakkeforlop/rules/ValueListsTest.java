package no.pakkeforlop.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The value lists the server checks against and the rules table's selectors name the same
 * codes.
 */
class ValueListsTest {

    static final PathwayRules RULES = PathwayRules.load();

    @Test
    void everyDecisionCodeRegistersItsCode() {
        assertThat(RULES.event("DECISION").codes().keySet())
            .containsExactlyInAnyOrderElementsOf(ValueLists.DECISION_CODES);
    }

    @Test
    void everyTreatmentStartedRegistersItsCode() {
        assertThat(RULES.event("TREATMENT_START").codes().keySet())
            .containsExactlyInAnyOrderElementsOf(ValueLists.TREATMENTS_STARTED);
    }

    @Test
    void aPlannedTreatmentIsEitherStartedLaterOrRegisteredAtOnce() {
        Set<String> plans = new LinkedHashSet<>(ValueLists.TREATMENTS_STARTED);
        plans.addAll(RULES.event("NO_TREATMENT").codes().keySet());
        assertThat(plans).containsExactlyInAnyOrderElementsOf(ValueLists.PLANNED_TREATMENTS);
    }

    @Test
    void theFrailtyScalesAreTheScalesWithTheirRanges() {
        assertThat(ValueLists.FRAILTY_SCALES).containsExactly("CFS", "ECOG", "G8");
        assertThat(FrailtyScale.of("ECOG")).hasValueSatisfying(scale -> assertThat(scale.max()).isEqualTo(4));
    }

}
