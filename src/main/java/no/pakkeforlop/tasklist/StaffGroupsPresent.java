package no.pakkeforlop.tasklist;

import no.pakkeforlop.security.StaffGroups;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;

/**
 * Makes sure a staff group exists before something refers to it. The groups are the
 * security package's ({@link StaffGroups}); this only covers start-up orders in which the
 * Tasklist set-up runs first.
 */
final class StaffGroupsPresent {

    private StaffGroupsPresent() {
    }

    static void ensure(IdentityService identity, String groupId) {
        if (identity.createGroupQuery().groupId(groupId).count() == 0) {
            Group group = identity.newGroup(groupId);
            group.setName(StaffGroups.NAMES.getOrDefault(groupId, groupId));
            group.setType("WORKFLOW");
            identity.saveGroup(group);
        }
    }

}
