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

    /**
     * Each referral of the tests is its own patient (one active pathway per patient): a
     * valid fødselsnummer of its own, the same for the same referral id within the JVM.
     * Numbered from a random place among the 20th century's numbers, so that two JVMs on
     * one database (the PostgreSQL run) do not meet.
     */
    public static String nationalIdFor(String referralId) {
        return NATIONAL_IDS.computeIfAbsent(referralId, id -> nextNationalId());
    }

    /**
     * Every national id given to a referral so far: an answer or a log that must name no
     * patient contains none of them.
     */
    public static String[] allNationalIds() {
        return NATIONAL_IDS.values().toArray(String[]::new);
    }

    private static final java.util.Map<String, String> NATIONAL_IDS = new java.util.concurrent.ConcurrentHashMap<>();

    /** Day 1-28 x month x year x individual number 0-499: the index of a number. */
    private static final int NATIONAL_ID_SPACE = 28 * 12 * 100 * 500;

    private static final java.util.concurrent.atomic.AtomicInteger NEXT_NATIONAL_ID = new java.util.concurrent.atomic.AtomicInteger(
            new java.util.Random().nextInt(NATIONAL_ID_SPACE));

    /**
     * A valid fødselsnummer for someone born on the day, a woman's or a man's (the
     * individual number's last digit even or odd). Not registered as used: set it on a
     * running pathway, not at intake, where two pathways with the same number conflict.
     */
    public static String nationalIdBornOn(java.time.LocalDate born, boolean female) {
        int year = born.getYear();
        int first = year < 2000 ? 0 : 500;
        for (int individual = first + (female ? 0 : 1); individual < first + 500; individual += 2) {
            String base = String.format("%02d%02d%02d%03d", born.getDayOfMonth(), born.getMonthValue(), year % 100,
                    individual);
            String checked = withCheckDigits(base);
            if (checked != null) {
                return checked;
            }
        }
        throw new IllegalStateException("No national id for " + born);
    }

    /**
     * The nine digits with their two mod-11 check digits, or null when the number has
     * none (a check digit of 10).
     */
    private static String withCheckDigits(String base) {
        int[] d = base.chars().map(c -> c - '0').toArray();
        int k1 = 11
                - (3 * d[0] + 7 * d[1] + 6 * d[2] + d[3] + 8 * d[4] + 9 * d[5] + 4 * d[6] + 5 * d[7] + 2 * d[8]) % 11;
        k1 = k1 == 11 ? 0 : k1;
        int k2 = 11 - (5 * d[0] + 4 * d[1] + 3 * d[2] + 2 * d[3] + 7 * d[4] + 6 * d[5] + 5 * d[6] + 4 * d[7] + 3 * d[8]
                + 2 * k1) % 11;
        k2 = k2 == 11 ? 0 : k2;
        return k1 < 10 && k2 < 10 ? base + k1 + k2 : null;
    }

    private static String nextNationalId() {
        while (true) {
            int n = Math.floorMod(NEXT_NATIONAL_ID.getAndIncrement(), NATIONAL_ID_SPACE);
            String base = String.format("%02d%02d%02d%03d", 1 + n / 600_000, 1 + (n / 50_000) % 12, (n / 500) % 100,
                    n % 500);
            String checked = withCheckDigits(base);
            if (checked != null) {
                return checked;
            }
        }
    }

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
        variables.put("nationalId", nationalIdFor(referralId));
        variables.put("receivedDate", receivedDate);
        variables.put("startBasis", "MARKED_REFERRAL");
        variables.put("hospital", hospital);
        return variables;
    }

}
