package no.pakkeforlop.decisions;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.util.Map;
import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The MDT's treatment group table (processes/treatment-group.dmn), row by row, against
 * pathway.md's five groups.
 */
class TreatmentGroupDecisionTest {

    static DmnEngine engine;
    static DmnDecision decision;

    @BeforeAll
    static void parse() throws Exception {
        engine = DmnEngineConfiguration.createDefaultDmnEngineConfiguration().buildEngine();
        try (InputStream in = TreatmentGroupDecisionTest.class.getClassLoader()
            .getResourceAsStream("processes/a32-spiseror-magesekk/treatment-group.dmn")) {
            decision = engine.parseDecision("treatment-group", in);
        }
    }

    @ParameterizedTest(name = "{0} {1} {2} ECOG {3} operable={4} resectable={5} -> {6}")
    @CsvSource({
            // group 1: HGD/T1a N0 M0 suited for endoscopic treatment, also when not fit
            // for surgery
            "TIS, N0, M0, 0, true,  true,  ENDOSCOPIC_OR_SURGERY_ALONE",
            "T1A, N0, M0, 2, false, true,  ENDOSCOPIC_OR_SURGERY_ALONE",
            // group 1: T1b N0 M0, surgery alone when medically operable
            "T1B, N0, M0, 1, true,  true,  ENDOSCOPIC_OR_SURGERY_ALONE",
            // group 2: resectable T2-T4, N0-N3, M0, operable or not (curative
            // chemoradiation)
            "T2,  N0, M0, 0, true,  true,  SURGERY_WITH_NEOADJUVANT_OR_CURATIVE_CHEMORADIATION",
            "T3,  N1, M0, 1, false, true,  SURGERY_WITH_NEOADJUVANT_OR_CURATIVE_CHEMORADIATION",
            "T4A, N3, M0, 2, true,  true,  SURGERY_WITH_NEOADJUVANT_OR_CURATIVE_CHEMORADIATION",
            // group 3: locally advanced, not resectable, ECOG 0-2
            "T4B, N2, M0, 2, true,  false, LOCALLY_ADVANCED_CHEMORADIATION",
            "T2,  N0, M0, 0, false, false, LOCALLY_ADVANCED_CHEMORADIATION",
            // group 4: M1 with ECOG 0-2, whatever the resectability or T/N
            "T2,  N1, M1, 0, true,  true,  PALLIATIVE_CHEMOTHERAPY",
            "TX,  NX, M1, 2, false, false, PALLIATIVE_CHEMOTHERAPY",
            // group 5: ECOG 3-4, whatever the stage
            "T1A, N0, M0, 3, true,  true,  SYMPTOM_RELIEF", "TX,  NX, M1, 4, false, false, SYMPTOM_RELIEF" })
    void proposesTheTreatmentGroupOfThePathwayDocument(String t, String n, String m, int ecog, boolean operable,
            boolean resectable, String group) {
        var result = evaluate(t, n, m, ecog, operable, resectable);
        assertThat(result).hasSize(1);
        assertThat((String) result.getSingleResult().getSingleEntry()).isEqualTo(group);
    }

    @ParameterizedTest(name = "{0} {1} {2} ECOG {3} operable={4} resectable={5}: no proposal")
    @CsvSource({
            // TX or NX without M1 or ECOG 3-4
            "TX,  N0, M0, 1, true,  true", "T3,  NX, M0, 0, true,  true", "TX,  NX, M0, 1, true,  false",
            // T1 with N1-N3
            "T1A, N1, M0, 0, true,  true", "T1B, N3, M0, 1, true,  true",
            // T1b N0 M0 not fit for surgery
            "T1B, N0, M0, 1, false, true",
            // Tis/T1 not technically resectable
            "T1A, N0, M0, 0, true,  false" })
    void stagingOutsideTheFiveGroupsGetsNoProposalAndNeverADefault(String t, String n, String m, int ecog,
            boolean operable, boolean resectable) {
        assertThat(evaluate(t, n, m, ecog, operable, resectable)).isEmpty();
    }

    private static org.camunda.bpm.dmn.engine.DmnDecisionResult evaluate(String t, String n, String m, int ecog,
            boolean operable, boolean resectable) {
        return engine.evaluateDecision(decision, Map.of("tStage", t, "nStage", n, "mStage", m, "ecog", ecog,
                "medicallyOperable", operable, "technicallyResectable", resectable));
    }

}
