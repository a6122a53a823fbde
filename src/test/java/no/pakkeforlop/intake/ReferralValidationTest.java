package no.pakkeforlop.intake;

import static no.pakkeforlop.testsupport.TestData.HOSPITAL;
import static no.pakkeforlop.testsupport.TestData.referralVariables;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import no.pakkeforlop.refusals.FieldError;
import org.camunda.spin.Spin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The referral rules on the variables alone (the DMN decision is replaced by "any
 * criterion").
 */
class ReferralValidationTest {

    static final LocalDate TODAY = LocalDate.of(2026, 3, 4);

    static Map<String, Object> valid() {
        return referralVariables("HEN-1", "2026-03-04", HOSPITAL);
    }

    static ReferralValidation.Result validate(Map<String, Object> variables) {
        return ReferralValidation.validate(variables, TODAY, criteria -> !criteria.isEmpty());
    }

    @Test
    void medicationsComorbidityAndFrailtyAreExamplesNeverRequiredButTheReasonedSuspicionIs() {
        Map<String, Object> v = valid();
        v.remove("medications");
        v.put("comorbidity", "  ");
        v.remove("frailtyScale");
        v.remove("frailtyScore");
        ReferralValidation.Result result = validate(v);
        assertThat(result.errors()).isEmpty();
        assertThat(result.referral().medications()).isNull();
        assertThat(result.referral().frailtyScore()).isNull();

        v.remove("suspicionCriteria");
        assertThat(validate(v).errors()).extracting(e -> e.field()).containsExactly("suspicionCriteria");
    }

    @Test
    void aReferralReceivedTodayIsValid() {
        ReferralValidation.Result result = validate(valid());
        assertThat(result.errors()).isEmpty();
        assertThat(result.referral().receivedDate()).isEqualTo(TODAY);
        assertThat(result.referral().frailtyScore()).isEqualTo(4);
    }

    @Test
    void theCriteriaMayComeAsAJsonListAJavaListOrJsonText() {
        for (Object criteria : List.of(Spin.JSON("[\"DYSPHAGIA_OVER_2_WEEKS\"]"), List.of("DYSPHAGIA_OVER_2_WEEKS"),
                "[\"DYSPHAGIA_OVER_2_WEEKS\"]")) {
            Map<String, Object> v = valid();
            v.put("suspicionCriteria", criteria);
            assertThat(validate(v).referral().suspicionCriteria()).as("%s", criteria)
                .containsExactly("DYSPHAGIA_OVER_2_WEEKS");
        }
        Map<String, Object> v = valid();
        v.put("suspicionCriteria", "DYSPHAGIA_OVER_2_WEEKS");
        assertThat(validate(v).errors())
            .containsExactly(new FieldError("suspicionCriteria", "Kriterier for begrunnet mistanke må være en liste."));
    }

    @Test
    void aScoreFromAFormMayBeLongOrAWholeDouble() {
        for (Object score : List.of(4L, 4.0d, (short) 4)) {
            Map<String, Object> v = valid();
            v.put("frailtyScore", score);
            assertThat(validate(v).referral().frailtyScore()).as("%s", score).isEqualTo(4);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "4.5", "0", "10", "text" })
    void aScoreOutsideTheScaleOrNotWholeIsRefused(String score) {
        Map<String, Object> v = valid();
        v.put("frailtyScore", score.equals("text") ? "4" : Double.parseDouble(score));
        assertThat(validate(v).errors()).extracting(FieldError::field).containsExactly("frailtyScore");
    }

    @Test
    void eachScaleHasItsOwnRange() {
        Map<String, Object> v = valid();
        v.put("frailtyScale", "ECOG");
        v.put("frailtyScore", 0);
        assertThat(validate(v).errors()).isEmpty();
        v.put("frailtyScore", 5);
        assertThat(validate(v).errors()).containsExactly(new FieldError("frailtyScore",
                "Skår på ECOG funksjonsstatus må være et heltall fra 0 til 4, ikke «5»."));
        v.put("frailtyScale", "G8");
        v.put("frailtyScore", 17);
        assertThat(validate(v).errors()).isEmpty();
    }

    @Test
    void aNationalIdThatIsNotTextIsRefused() {
        Map<String, Object> v = valid();
        v.put("nationalId", 31129956715L);
        assertThat(validate(v).errors())
            .containsExactly(new FieldError("nationalId", "Fødselsnummeret må bestå av 11 siffer."));
    }

    @Test
    void theContentHashIgnoresTheOrderOfCriteriaButNothingElse() {
        Map<String, Object> v = valid();
        v.put("suspicionCriteria", List.of("DYSPHAGIA_OVER_2_WEEKS", "ENDOSCOPIC_OR_RADIOLOGICAL_FINDING"));
        String hash = validate(v).referral().contentHash();
        v.put("suspicionCriteria", List.of("ENDOSCOPIC_OR_RADIOLOGICAL_FINDING", "DYSPHAGIA_OVER_2_WEEKS"));
        assertThat(validate(v).referral().contentHash()).isEqualTo(hash);
        for (String field : List.of("patientName", "medications", "comorbidity", "referrerName", "hospital")) {
            Map<String, Object> changed = new HashMap<>(v);
            changed.put(field, v.get(field) + " ");
            assertThat(validate(changed).referral().contentHash()).as(field).isNotEqualTo(hash);
        }
    }

}
