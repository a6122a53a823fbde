package no.pakkeforlop.testsupport;

import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The data the tests share, in one place: the process key, a patient, a referral, and the
 * staff users of the REST tests ({@code api.ApiTestSupport} creates them). Tests that
 * need their own users or values say so where they are.
 */
public final class TestData {

    /** The BPMN process id (contract.md). */
    public static final String PROCESS_KEY = "pakkeforlop-spiseror-magesekk";

    public static final ZoneId OSLO = ZoneId.of("Europe/Oslo");

    /** A valid fødselsnummer (31.12.1899, individual 567): its check digits hold. */
    public static final String NATIONAL_ID = "31129956715";

    public static final String PATIENT_NAME = "Kari Nordmann";

    public static final String MEDICATIONS = "Metformin 500 mg x 2";

    public static final String COMORBIDITY = "Diabetes type 2";

    public static final String REFERRER_NAME = "Fastlege Ola Hansen";

    public static final String HOSPITAL = "Helse Bergen HF";

    /**
     * What a referral carries besides its id, dates, start basis and hospital
     * (contract.md), as process variables.
     */
    public static final Map<String, Object> REFERRAL_DETAILS = Map.of("nationalId", NATIONAL_ID, "patientName",
            PATIENT_NAME, "suspicionCriteria",
            List.of("DYSPHAGIA_OVER_2_WEEKS", "WEIGHT_LOSS_WITH_UPPER_ABDOMINAL_PAIN"), "medications", MEDICATIONS,
            "comorbidity", COMORBIDITY, "frailtyScale", "CFS", "frailtyScore", 4, "referrerType", "GP", "referrerName",
            REFERRER_NAME);

    // the staff of the REST tests; every password meets the password policy
    public static final String ADMIN = "restadmin";

    public static final String ADMIN_PASSWORD = "Rest-admin-passord-1";

    public static final String COORDINATOR = "koordinator";

    public static final String PHYSICIAN = "lege";

    public static final String MDT = "mdtlege";

    public static final String MANAGER = "leder";

    /** The full code export (national ids included). */
    public static final String REPORTER = "rapportor";

    /** Authenticated, but in none of the staff groups. */
    public static final String OUTSIDER = "utenforstaaende";

    public static final String PASSWORD = "Test-passord-1";

    private TestData() {
    }

    /**
     * The start variables of a valid referral, as Tasklist's start form submits them; a
     * new map tests may change.
     */
    public static Map<String, Object> referralVariables(String referralId, String receivedDate, String hospital) {
        Map<String, Object> variables = new HashMap<>(REFERRAL_DETAILS);
        variables.put("referralId", referralId);
        variables.put("receivedDate", receivedDate);
        variables.put("startBasis", "MARKED_REFERRAL");
        variables.put("hospital", hospital);
        return variables;
    }

}
