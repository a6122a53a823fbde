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

    // ------------------------------------------------------------------ the interpreter

    @Test
    void theLanguageThePatientNeedsAnInterpreterForIsRecordedTrimmedAndNeverRequired() {
        Map<String, Object> v = valid();
        assertThat(validate(v).referral().interpreterLanguage()).isNull();
        v.put("interpreterLanguage", "   ");
        assertThat(validate(v).referral().interpreterLanguage()).as("blank is none").isNull();
        v.put("interpreterLanguage", "  polsk ");
        assertThat(validate(v).referral().interpreterLanguage()).isEqualTo("polsk");
        assertThat(validate(v).referral().toVariables()).containsEntry("interpreterLanguage", "polsk");
    }

    @Test
    void theLanguageIsOneLineOfAtMost100Characters() {
        Map<String, Object> v = valid();
        v.put("interpreterLanguage", "polsk\nInjisert linje");
        assertThat(validate(v).errors()).containsExactly(new FieldError("interpreterLanguage",
                "Språk pasienten trenger tolk på må stå på én linje, uten linjeskift eller andre kontrolltegn."));
        v.put("interpreterLanguage", "x".repeat(101));
        assertThat(validate(v).errors()).containsExactly(new FieldError("interpreterLanguage",
                "Språk pasienten trenger tolk på kan ha høyst 100 tegn (nå 101)."));
        v.put("interpreterLanguage", 7);
        assertThat(validate(v).errors()).extracting(FieldError::field).containsExactly("interpreterLanguage");
    }

    @Test
    void aReferralWithoutTheNewFieldsHashesAsItDidBeforeThem() throws Exception {
        Referral referral = validate(valid()).referral();
        Map<String, Object> before = new java.util.LinkedHashMap<>();
        before.put("referralId", referral.referralId());
        before.put("nationalId", referral.nationalId());
        before.put("patientName", referral.patientName());
        before.put("receivedDate", referral.receivedDate().toString());
        before.put("startBasis", referral.startBasis());
        before.put("suspicionCriteria", referral.suspicionCriteria());
        before.put("medications", referral.medications());
        before.put("comorbidity", referral.comorbidity());
        before.put("frailtyScale", referral.frailtyScale());
        before.put("frailtyScore", referral.frailtyScore());
        before.put("referrerType", referral.referrerType());
        before.put("referrerName", referral.referrerName());
        before.put("hospital", referral.hospital());
        byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
            .digest(new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsBytes(before));
        assertThat(referral.contentHash()).as("the same referral sent again after the upgrade: 200, not 409")
            .isEqualTo(java.util.HexFormat.of().formatHex(digest));
        Map<String, Object> v = valid();
        v.put("interpreterLanguage", "arabisk");
        assertThat(validate(v).referral().contentHash()).isNotEqualTo(referral.contentHash());
    }

    // ------------------------------------------------------------------ start basis 3

    static Map<String, Object> suspicionInSpecialistCare() {
        Map<String, Object> v = valid();
        v.put("startBasis", "SUSPICION_IN_SPECIALIST_CARE");
        v.remove("referrerType");
        v.remove("referrerName");
        v.put("responsibleDepartment", " Gastromedisinsk avdeling ");
        return v;
    }

    @Test
    void aSuspicionThatAroseInTheHospitalNeedsNoReferrerButTheResponsibleDepartment() {
        ReferralValidation.Result result = validate(suspicionInSpecialistCare());
        assertThat(result.errors()).isEmpty();
        assertThat(result.referral().referrerType()).isNull();
        assertThat(result.referral().responsibleDepartment()).isEqualTo("Gastromedisinsk avdeling");
        assertThat(result.referral().toVariables()).containsEntry("responsibleDepartment", "Gastromedisinsk avdeling")
            .doesNotContainKey("interpreterLanguage");

        Map<String, Object> v = suspicionInSpecialistCare();
        v.put("responsibleDepartment", "  ");
        assertThat(validate(v).errors())
            .containsExactly(new FieldError("responsibleDepartment", "Ansvarlig avdeling må fylles ut."));
    }

    @Test
    void aReferrerGivenWithAHospitalSuspicionIsStillChecked() {
        Map<String, Object> v = suspicionInSpecialistCare();
        v.put("referrerType", "NEIGHBOUR");
        assertThat(validate(v).errors()).extracting(FieldError::field).containsExactly("referrerType");
        v.put("referrerType", "OTHER_PHYSICIAN");
        v.put("referrerName", "Overlege Hansen");
        assertThat(validate(v).errors()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = { "MARKED_REFERRAL", "UNMARKED_MEETS_CRITERIA" })
    void aReferralStillNeedsItsReferrerAndNoDepartment(String startBasis) {
        Map<String, Object> v = valid();
        v.put("startBasis", startBasis);
        v.remove("referrerType");
        v.remove("referrerName");
        assertThat(validate(v).errors()).extracting(FieldError::field).containsExactly("referrerType", "referrerName");
        assertThat(validate(valid()).referral().responsibleDepartment()).isNull();
    }

}
