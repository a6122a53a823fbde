package no.pakkeforlop.security;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The staff groups of the pathway (Camunda group ids) and their names as shown in Camunda
 * Admin.
 */
public final class StaffGroups {

    public static final String COORDINATOR = "forlopskoordinator";

    public static final String MDT = "mdt";

    public static final String PHYSICIAN = "lege";

    public static final String MANAGEMENT = "leder";

    /**
     * The full code export, national ids included, for reporting to the national
     * registers.
     */
    public static final String REPORTING = "rapportering";

    /**
     * The privacy officers, who read the access log (created by
     * {@code accesslog.PrivacyOfficers}).
     */
    public static final String PRIVACY = "personvern";

    public static final Map<String, String> NAMES = new LinkedHashMap<>();

    static {
        NAMES.put(COORDINATOR, "Forløpskoordinatorer");
        NAMES.put(MDT, "Multidisiplinært team (MDT)");
        NAMES.put(PHYSICIAN, "Behandlende leger");
        NAMES.put(MANAGEMENT, "Ledelse og kvalitet");
        NAMES.put(REPORTING, "Rapportering (forløpskoder med fødselsnummer)");
    }

    private StaffGroups() {
    }

}
