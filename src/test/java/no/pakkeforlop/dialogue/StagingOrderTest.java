package no.pakkeforlop.dialogue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import org.camunda.bpm.engine.delegate.VariableScope;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** When the staging order is no longer a task for anyone. */
class StagingOrderTest {

    @ParameterizedTest(name = "final code {0}: ended {1}")
    @CsvSource({ "X, true", "CI, true", "CM, true", "FK, true", "FL, true", "FO, true", ", false" })
    void anyFinalCodeEndsThePathway(String endCode, boolean ended) {
        VariableScope scope = mock(VariableScope.class);
        when(scope.getVariable("pathwayEndCode")).thenReturn(endCode);
        assertThat(new StagingOrder().pathwayEnded(scope)).isEqualTo(ended);
    }

    @ParameterizedTest(name = "coordinator''s action {0}: ended {1}")
    @CsvSource({ "TERMINATE, true", "TRANSFER, false", ", false" })
    void theCoordinatorEndingThePathwayEndsIt(String action, boolean ended) {
        VariableScope scope = mock(VariableScope.class);
        when(scope.getVariable("administrativeAction")).thenReturn(action);
        assertThat(new StagingOrder().pathwayEnded(scope)).isEqualTo(ended);
    }

    @ParameterizedTest(name = "group {0}, supplementary workup {1}: placed {2}")
    @CsvSource({ "SURGERY_WITH_NEOADJUVANT_OR_CURATIVE_CHEMORADIATION, , true",
            "SURGERY_WITH_NEOADJUVANT_OR_CURATIVE_CHEMORADIATION, false, true",
            "SURGERY_WITH_NEOADJUVANT_OR_CURATIVE_CHEMORADIATION, true, false", ", false, false", "' ', false, false" })
    void theMdtHasPlacedThePatientWithAGroupAndNoWorkupPending(String group, Boolean workup, boolean placed) {
        VariableScope scope = mock(VariableScope.class);
        when(scope.getVariable("treatmentGroup")).thenReturn(group);
        when(scope.getVariable("supplementaryWorkupNeeded")).thenReturn(workup);
        assertThat(new StagingOrder().mdtPlacedPatient(scope)).isEqualTo(placed);
    }

}
