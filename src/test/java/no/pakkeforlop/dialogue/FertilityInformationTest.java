package no.pakkeforlop.dialogue;

import static no.pakkeforlop.testsupport.TestData.nationalIdBornOn;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The rule of {@link FertilityInformation}: a woman under 50, a man under 60, with a
 * treatment that can affect reproduction.
 */
class FertilityInformationTest {

    static final LocalDate TALK = LocalDate.parse("2026-03-17");

    @ParameterizedTest(name = "born {0}, woman {1}: fertile age {2}")
    @CsvSource({ "1976-03-18, true, true", "1976-03-17, true, false", "1966-03-18, false, true",
            "1966-03-17, false, false", "2010-01-01, true, true", "2010-01-01, false, true",
            "1940-06-30, false, false" })
    void fertileAgeIsAWomanUnder50OrAManUnder60(String born, boolean female, boolean fertile) {
        assertThat(FertilityInformation.fertileAge(nationalIdBornOn(LocalDate.parse(born), female), TALK))
            .isEqualTo(fertile);
    }

    @ParameterizedTest(name = "invalid national id {0}: asked")
    @CsvSource({ "''", "12345678901" })
    void aNationalIdThatTellsNoAgeAsksTheQuestion(String nationalId) {
        assertThat(FertilityInformation.fertileAge(nationalId.isEmpty() ? null : nationalId, TALK)).isTrue();
    }

    @ParameterizedTest(name = "{0} in {1}: {2}")
    @CsvSource({ "DRUG, PALLIATIVE_CHEMOTHERAPY, true", "RADIATION, , true",
            "SURGERY, SURGERY_WITH_NEOADJUVANT_OR_CURATIVE_CHEMORADIATION, true",
            "SURGERY, LOCALLY_ADVANCED_CHEMORADIATION, true", "SURGERY, ENDOSCOPIC_OR_SURGERY_ALONE, false",
            "SYMPTOM_RELIEF, SYMPTOM_RELIEF, false", "ACTIVE_SURVEILLANCE, ENDOSCOPIC_OR_SURGERY_ALONE, false" })
    void treatmentThatCanAffectReproduction(String planned, String group, boolean affects) {
        assertThat(FertilityInformation.treatmentAffectsFertility(planned, group)).isEqualTo(affects);
    }

}
