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

/** The MDT's treatment group table (processes/treatment-group.dmn), row by row, against pathway.md's five groups. */
class TreatmentGroupDecisionTest {

  static DmnEngine engine;
  static DmnDecision decision;

  @BeforeAll
  static void parse() throws Exception {
    engine = DmnEngineConfiguration.createDefaultDmnEngineConfiguration().buildEngine();
    try (InputStream in = TreatmentGroupDecisionTest.class.getClassLoader()
        .getResourceAsStream("processes/treatment-group.dmn")) {
      decision = engine.parseDecision("treatment-group", in);
    }
  }

  @ParameterizedTest(name = "{0} {1} {2} ECOG {3} operable={4} resectable={5} -> {6}")
  @CsvSource({
      // group 1: HGD/T1a N0 suited for endoscopic treatment, also when not fit for surgery
      "TIS, N0, M0, 0, true,  true,  ENDOSCOPIC_OR_SURGERY_ALONE",
      "T1A, N0, M0, 2, false, true,  ENDOSCOPIC_OR_SURGERY_ALONE",
      // group 1: T1b N0 M0, surgery alone when medically operable
      "T1B, N0, M0, 1, true,  true,  ENDOSCOPIC_OR_SURGERY_ALONE",
      // group 2: T1b N0 not operable -> curative chemoradiation; T2-T4 or N+ resectable
      "T1B, N0, M0, 1, false, true,  SURGERY_WITH_NEOADJUVANT_OR_CURATIVE_CHEMORADIATION",
      "T1B, N1, M0, 0, true,  true,  SURGERY_WITH_NEOADJUVANT_OR_CURATIVE_CHEMORADIATION",
      "T2,  N0, M0, 0, true,  true,  SURGERY_WITH_NEOADJUVANT_OR_CURATIVE_CHEMORADIATION",
      "T4A, N3, M0, 2, true,  true,  SURGERY_WITH_NEOADJUVANT_OR_CURATIVE_CHEMORADIATION",
      "TX,  NX, M0, 1, true,  true,  SURGERY_WITH_NEOADJUVANT_OR_CURATIVE_CHEMORADIATION",
      // group 3: locally advanced, not resectable, ECOG 0-2
      "T4B, N2, M0, 2, true,  false, LOCALLY_ADVANCED_CHEMORADIATION",
      "T1A, N0, M0, 0, true,  false, LOCALLY_ADVANCED_CHEMORADIATION",
      // group 4: M1 with ECOG 0-2, whatever the resectability
      "T2,  N1, M1, 0, true,  true,  PALLIATIVE_CHEMOTHERAPY",
      "T4B, N3, M1, 2, false, false, PALLIATIVE_CHEMOTHERAPY",
      // group 5: ECOG 3-4 comes first, whatever the stage
      "T1A, N0, M0, 3, true,  true,  SYMPTOM_RELIEF",
      "T3,  N2, M1, 4, false, false, SYMPTOM_RELIEF"})
  void placesThePatientInTheTreatmentGroupOfThePathwayDocument(String t, String n, String m, int ecog,
      boolean operable, boolean resectable, String group) {
    var result = engine.evaluateDecisionTable(decision, Map.of("tStage", t, "nStage", n, "mStage", m, "ecog", ecog,
        "medicallyOperable", operable, "technicallyResectable", resectable));
    assertThat(result).hasSize(1);
    assertThat((String) result.getSingleResult().getSingleEntry()).isEqualTo(group);
  }
}
