package no.pakkeforlop.security;

import java.util.List;
import java.util.stream.Stream;
import org.camunda.bpm.engine.authorization.Groups;

/**
 * Who may use which capability of the pathway's own API, in one place: the request
 * matchers of {@code /api} ({@code security.web.Doors}) and the Cockpit plugin's resource
 * read these lists. Operators ({@code camunda-admin}) may use all of them; README
 * "Sikkerhet" says the same in words. What a group may read and change inside the engine
 * (which pathways, which tasks) is the engine's authorizations and {@link PathwayGuard}.
 */
public final class Access {

    /** Register a referral: {@code POST /api/referrals}. */
    public static final List<String> REFERRALS = List.of(StaffGroups.COORDINATOR);

    /**
     * A pathway's status: {@code GET /api/pathways/{id}} (physicians and the MDT see only
     * the pathways their group has a task in).
     */
    public static final List<String> PATHWAY_STATUS = List.of(StaffGroups.COORDINATOR, StaffGroups.PHYSICIAN,
            StaffGroups.MDT);

    /** Transfer and termination: {@code POST /api/pathways/{id}/...}. */
    public static final List<String> PATHWAY_CHANGES = List.of(StaffGroups.COORDINATOR);

    /** The codes with national ids: {@code GET /api/codes}. */
    public static final List<String> CODE_EXPORT = List.of(StaffGroups.COORDINATOR, StaffGroups.REPORTING);

    /** The pathway-time figures: {@code /api/reports/**}, the Cockpit plugin's charts. */
    public static final List<String> REPORTS = List.of(StaffGroups.MANAGEMENT);

    /** The pathways at risk: {@code /api/worklist/**}, the Cockpit plugin's list. */
    public static final List<String> AT_RISK = List.of(StaffGroups.COORDINATOR, StaffGroups.MANAGEMENT);

    /** Who read or changed a patient's data: {@code /api/access-log}. */
    public static final List<String> ACCESS_LOG = List.of(StaffGroups.PRIVACY);

    private Access() {
    }

    /** The groups, and the operators. */
    public static String[] withOperators(List<String> groups) {
        return Stream.concat(groups.stream(), Stream.of(Groups.CAMUNDA_ADMIN)).toArray(String[]::new);
    }

    /** Whether a user of these groups may use a capability for these groups. */
    public static boolean allows(List<String> groups, List<String> userGroups) {
        return userGroups != null
                && (userGroups.contains(Groups.CAMUNDA_ADMIN) || groups.stream().anyMatch(userGroups::contains));
    }

}
