package no.pakkeforlop.intake;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import no.pakkeforlop.dialogue.Interpreter;
import no.pakkeforlop.rules.PathwayCatalog;
import no.pakkeforlop.rules.PathwayDates;
import no.pakkeforlop.rules.PreviousCancer;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.spin.plugin.variable.SpinValues;

/**
 * A checked referral, as it starts a pathway. {@link #toVariables()} gives the process
 * variables (the names Tasklist's start form uses too); {@link #contentHash()} tells a
 * repeated referral from a different one. {@code previousCancer} is what the referral
 * says of a patient who had cancer before ({@link PreviousCancer}), null when it says
 * nothing. {@code pathway} is the pathway it is for ("A32";
 * {@value PathwayCatalog#DEFAULT_PATHWAY} when it names none).
 */
public record Referral(String referralId, String nationalId, String patientName, LocalDate receivedDate,
        String startBasis, List<String> suspicionCriteria, String medications, String comorbidity, String frailtyScale,
        Integer frailtyScore, String referrerType, String referrerName, String hospital, String interpreterLanguage,
        String responsibleDepartment, String previousCancer, LocalDate firstTrustStartDate, String pathway) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * A referral from another health trust for a patient already in the pathway there
     * (HF1 → HF2): the day the pathway started at the first trust, when known. This trust
     * registers its own A32A on the day it received the referral (coding guide).
     */
    public static final String FIRST_TRUST_START_DATE = "firstTrustStartDate";

    public Referral {
        // the order of the criteria carries no meaning: keep them sorted, so the same
        // referral hashes the same
        suspicionCriteria = suspicionCriteria.stream().distinct().sorted().toList();
        pathway = pathway == null ? PathwayCatalog.DEFAULT_PATHWAY : pathway;
    }

    /**
     * The process variables of the pathway start. The criteria are a JSON list, as
     * Camunda Forms submit a checklist.
     */
    public VariableMap toVariables() {
        VariableMap variables = Variables.createVariables()
            .putValue("referralId", referralId)
            .putValue("nationalId", nationalId)
            .putValue("patientName", patientName)
            .putValue("receivedDate", PathwayDates.format(receivedDate))
            .putValue("startBasis", startBasis)
            .putValueTyped("suspicionCriteria", criteriaAsJson())
            .putValue("medications", medications)
            .putValue("comorbidity", comorbidity)
            .putValue("frailtyScale", frailtyScale)
            .putValue("frailtyScore", frailtyScore)
            .putValue("referrerType", referrerType)
            .putValue("referrerName", referrerName)
            .putValue("hospital", hospital);
        // only when given: the forms show the need for an interpreter when the variable
        // is set
        if (interpreterLanguage != null) {
            variables.putValue(Interpreter.LANGUAGE, interpreterLanguage);
        }
        if (responsibleDepartment != null) {
            variables.putValue("responsibleDepartment", responsibleDepartment);
        }
        variables.putValue(PreviousCancer.VARIABLE, previousCancer);
        if (firstTrustStartDate != null) {
            variables.putValue(FIRST_TRUST_START_DATE, firstTrustStartDate.toString());
        }
        return variables;
    }

    org.camunda.spin.plugin.variable.value.JsonValue criteriaAsJson() {
        try {
            return SpinValues.jsonValue(JSON.writeValueAsString(suspicionCriteria)).create();
        }
        catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** SHA-256 (hex) of the referral's content in a fixed field order. */
    public String contentHash() {
        Map<String, Object> canonical = new LinkedHashMap<>();
        canonical.put("referralId", referralId);
        canonical.put("nationalId", nationalId);
        canonical.put("patientName", patientName);
        canonical.put("receivedDate", PathwayDates.format(receivedDate));
        canonical.put("startBasis", startBasis);
        canonical.put("suspicionCriteria", suspicionCriteria);
        canonical.put("medications", medications);
        canonical.put("comorbidity", comorbidity);
        canonical.put("frailtyScale", frailtyScale);
        canonical.put("frailtyScore", frailtyScore);
        canonical.put("referrerType", referrerType);
        canonical.put("referrerName", referrerName);
        canonical.put("hospital", hospital);
        // added later: only when given, so a referral stored before hashes as it did
        if (interpreterLanguage != null) {
            canonical.put("interpreterLanguage", interpreterLanguage);
        }
        if (responsibleDepartment != null) {
            canonical.put("responsibleDepartment", responsibleDepartment);
        }
        // only when given: a referral without it hashes as before the field existed
        if (previousCancer != null) {
            canonical.put(PreviousCancer.VARIABLE, previousCancer);
        }
        if (firstTrustStartDate != null) {
            canonical.put(FIRST_TRUST_START_DATE, firstTrustStartDate.toString());
        }
        // only for another pathway than the one every referral was for before: a
        // referral to A32 hashes as before the field existed
        if (!PathwayCatalog.DEFAULT_PATHWAY.equals(pathway)) {
            canonical.put(PathwayCatalog.FIELD, pathway);
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                .digest(JSON.writeValueAsString(canonical).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        }
        catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
