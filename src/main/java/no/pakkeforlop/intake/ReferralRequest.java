package no.pakkeforlop.intake;

import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The body of {@code POST /api/referrals}. Values are checked by
 * {@link ReferralValidation}, not by Jackson.
 */
@Schema(description = "En henvisning som starter et pakkeforløp")
public record ReferralRequest(@Schema(example = "HEN-2026-000123") String referralId, Patient patient, @Schema(
        example = "2026-03-02",
        description = "Dagen henvisningen ble mottatt i spesialisthelsetjenesten (ÅÅÅÅ-MM-DD)") String receivedDate,
        // the allowed values of startBasis, suspicionCriteria, frailty.scale and
        // referrer.type, previousCancer are filled in from rules.ValueLists
        // (api.OpenApiConfiguration),
        // the lists ReferralValidation checks against
        String startBasis,
        @ArraySchema(arraySchema = @Schema(
                description = "Minst ett kriterium for begrunnet mistanke")) List<String> suspicionCriteria,
        String medications, String comorbidity, Frailty frailty,
        // not required when the suspicion arose in specialist care (startBasis
        // SUSPICION_IN_SPECIALIST_CARE): there is no referral, and the department is
        // given
        Referrer referrer, String hospital,
        @Schema(description = "Avdelingen der mistanken oppsto og som har ansvaret; kreves når "
                + "mistanken oppsto i spesialisthelsetjenesten (SUSPICION_IN_SPECIALIST_CARE)",
                example = "Gastromedisinsk avdeling") String responsibleDepartment,
        @Schema(description = "For en pasient som har hatt kreft før: tilbakefall (RECURRENCE, ingen A32-koder), "
                + "ny kreftsykdom (NEW_PRIMARY, nytt pakkeforløp) eller usikkert opphav (UNCERTAIN_ORIGIN, "
                + "henvises til pakkeforløp for metastaser med ukjent utgangspunkt). Uten svaret for en pasient "
                + "som har hatt et pakkeforløp her før, avgjør forløpskoordinatoren det før noen kode registreres.") String previousCancer,
        @Schema(description = "Bare for en henvisning fra et annet helseforetak (referrer.type OTHER_HEALTH_TRUST, "
                + "referrer.name det helseforetaket): datoen pakkeforløpet startet der (dets A32A), når den er kjent",
                example = "2026-02-20") String firstTrustStartDate,
        @Schema(description = "Pakkeforløpet henvisningen gjelder, med forløpets kodeprefiks (A32: kreft i spiserør "
                + "og magesekk). Valgfritt; uten det gjelder henvisningen A32. Et ukjent forløp gir 400.",
                example = "A32") String pathway) {

    public record Patient(
            @Schema(description = "Fødselsnummer eller D-nummer (11 siffer)",
                    example = "31129956715") String nationalId,
            @Schema(example = "Kari Nordmann") String name,
            @Schema(description = "Språket pasienten trenger tolk på, når pasienten trenger tolk",
                    example = "polsk") String interpreterLanguage) {
    }

    public record Frailty(String scale,
            @Schema(description = "CFS 1-9, ECOG 0-4, G8 0-17", example = "4") Integer score) {
    }

    public record Referrer(String type, String name) {
    }

    /**
     * The process variables the request stands for, unchecked (nulls for what is
     * missing).
     */
    public Map<String, Object> variables() {
        Map<String, Object> variables = new HashMap<>();
        variables.put("referralId", referralId);
        variables.put("nationalId", patient == null ? null : patient.nationalId());
        variables.put("patientName", patient == null ? null : patient.name());
        variables.put("receivedDate", receivedDate);
        variables.put("startBasis", startBasis);
        variables.put("suspicionCriteria", suspicionCriteria);
        variables.put("medications", medications);
        variables.put("comorbidity", comorbidity);
        variables.put("frailtyScale", frailty == null ? null : frailty.scale());
        variables.put("frailtyScore", frailty == null ? null : frailty.score());
        variables.put("referrerType", referrer == null ? null : referrer.type());
        variables.put("referrerName", referrer == null ? null : referrer.name());
        variables.put("hospital", hospital);
        variables.put("interpreterLanguage", patient == null ? null : patient.interpreterLanguage());
        variables.put("responsibleDepartment", responsibleDepartment);
        variables.put("previousCancer", previousCancer);
        variables.put("firstTrustStartDate", firstTrustStartDate);
        return variables;
    }

    /** The JSON field of the body that holds a process variable, for error messages. */
    public static String jsonField(String variable) {
        return switch (variable) {
            case "nationalId" -> "patient.nationalId";
            case "patientName" -> "patient.name";
            case "interpreterLanguage" -> "patient.interpreterLanguage";
            case "frailtyScale" -> "frailty.scale";
            case "frailtyScore" -> "frailty.score";
            case "referrerType" -> "referrer.type";
            case "referrerName" -> "referrer.name";
            default -> variable;
        };
    }
}
