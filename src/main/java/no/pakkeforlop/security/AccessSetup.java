package no.pakkeforlop.security;

import static org.camunda.bpm.engine.authorization.Authorization.ANY;
import static org.camunda.bpm.engine.authorization.Authorization.AUTH_TYPE_GRANT;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import no.pakkeforlop.decisions.ReasonedSuspicion;
import no.pakkeforlop.rules.PathwayCatalog;
import no.pakkeforlop.rules.PathwayRules;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.ProcessInstancePermissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Creates the staff groups and the engine authorizations each group needs for every
 * pathway of the catalog (each on its own process key), when they are missing, as the
 * engine starts. An authorization an administrator has changed in Camunda Admin is left
 * as it is. Tasks need nothing here: Camunda grants a task's candidate group access to it
 * (and {@link NeedToKnowAuthorizations} the read of its pathway); Tasklist itself
 * (application access, shared filters) is set up by
 * {@code no.pakkeforlop.tasklist.TasklistSetup}.
 */
@Component
public class AccessSetup extends AbstractProcessEnginePlugin {

    private static final Logger LOG = LoggerFactory.getLogger(AccessSetup.class);

    /** One grant: a group's permissions on one resource. */
    record Grant(String groupId, Resource resource, String resourceId, List<Permission> permissions) {
    }

    private final PathwayCatalog catalog;

    public AccessSetup(PathwayCatalog catalog) {
        this.catalog = catalog;
    }

    /** The grants of every pathway, then those that are not a pathway's. */
    List<Grant> grants() {
        List<Grant> grants = new ArrayList<>();
        for (PathwayRules rules : catalog.current()) {
            grants.addAll(pathwayGrants(rules.processKey()));
        }
        // the parts every pathway shares, which the pathways call: their tasks are
        // pathway tasks, read and worked under the same rules
        for (String called : catalog.calledProcessKeys()) {
            grants.addAll(pathwayGrants(called));
        }
        grants.addAll(List.of(
                // the coordinator starts pathways (of any kind) and asks the decision
                // table of reasoned suspicion; management sees the models in Cockpit
                new Grant(StaffGroups.COORDINATOR, Resources.PROCESS_INSTANCE, ANY,
                        List.of(ProcessInstancePermissions.CREATE)),
                new Grant(StaffGroups.COORDINATOR, Resources.DECISION_DEFINITION, ReasonedSuspicion.DECISION_KEY,
                        List.of(Permissions.READ, Permissions.CREATE_INSTANCE)),
                new Grant(StaffGroups.MANAGEMENT, Resources.APPLICATION, "cockpit", List.of(Permissions.ACCESS)),
                new Grant(StaffGroups.MANAGEMENT, Resources.DECISION_DEFINITION, ANY, List.of(Permissions.READ))));
        return List.copyOf(grants);
    }

    /** The grants on one pathway's process definitions (its process key). */
    private static List<Grant> pathwayGrants(String pathway) {
        return List.of(
                // the coordinator registers referrals (REST or Tasklist start form),
                // transfers and terminates pathways and follows every pathway's
                // deadlines: reads every pathway and its variables, live and in history
                new Grant(StaffGroups.COORDINATOR, Resources.PROCESS_DEFINITION, pathway, COORDINATOR_PATHWAY),
                // MDT and physicians see the model; a pathway only once their group has a
                // task in it (NeedToKnowAuthorizations), its tasks as candidate groups
                new Grant(StaffGroups.MDT, Resources.PROCESS_DEFINITION, pathway,
                        List.of(ProcessDefinitionPermissions.READ)),
                new Grant(StaffGroups.PHYSICIAN, Resources.PROCESS_DEFINITION, pathway,
                        List.of(ProcessDefinitionPermissions.READ)),
                // management: the model in Cockpit, aggregates through the API
                // (pathway-time report); no patient's data
                new Grant(StaffGroups.MANAGEMENT, Resources.PROCESS_DEFINITION, pathway,
                        List.of(ProcessDefinitionPermissions.READ)));
    }

    static final List<Permission> COORDINATOR_PATHWAY = List.of(ProcessDefinitionPermissions.READ,
            ProcessDefinitionPermissions.CREATE_INSTANCE, ProcessDefinitionPermissions.READ_INSTANCE,
            ProcessDefinitionPermissions.UPDATE_INSTANCE, ProcessDefinitionPermissions.READ_HISTORY,
            ProcessDefinitionPermissions.READ_INSTANCE_VARIABLE, ProcessDefinitionPermissions.READ_HISTORY_VARIABLE);

    /**
     * Grants of earlier versions, replaced on an existing database when they are still
     * exactly as this application made them (one an administrator has changed is left
     * alone): MDT, physicians and management read every pathway.
     */
    List<Grant> earlierGrants() {
        List<Grant> earlier = new ArrayList<>();
        for (PathwayRules rules : catalog.current()) {
            earlier.addAll(earlierGrants(rules.processKey()));
        }
        return List.copyOf(earlier);
    }

    private static List<Grant> earlierGrants(String pathway) {
        List<Permission> readPathways = List.of(ProcessDefinitionPermissions.READ,
                ProcessDefinitionPermissions.READ_INSTANCE, ProcessDefinitionPermissions.READ_HISTORY);
        return List.of(new Grant(StaffGroups.COORDINATOR, Resources.PROCESS_DEFINITION, pathway,
                List.of(ProcessDefinitionPermissions.READ, ProcessDefinitionPermissions.CREATE_INSTANCE,
                        ProcessDefinitionPermissions.READ_INSTANCE, ProcessDefinitionPermissions.UPDATE_INSTANCE,
                        ProcessDefinitionPermissions.READ_HISTORY)),
                new Grant(StaffGroups.MDT, Resources.PROCESS_DEFINITION, pathway, readPathways),
                new Grant(StaffGroups.PHYSICIAN, Resources.PROCESS_DEFINITION, pathway, readPathways),
                new Grant(StaffGroups.MANAGEMENT, Resources.PROCESS_DEFINITION, pathway, readPathways));
    }

    @Override
    public void postProcessEngineBuild(ProcessEngine engine) {
        createGroups(engine.getIdentityService());
        createGrants(engine.getAuthorizationService());
    }

    private static void createGroups(IdentityService identity) {
        for (Map.Entry<String, String> entry : StaffGroups.NAMES.entrySet()) {
            if (identity.createGroupQuery().groupId(entry.getKey()).count() == 0) {
                Group group = identity.newGroup(entry.getKey());
                group.setName(entry.getValue());
                group.setType("WORKFLOW");
                identity.saveGroup(group);
                LOG.info("Created group {} ({})", entry.getKey(), entry.getValue());
            }
        }
    }

    private void upgradeGrants(AuthorizationService authorizations) {
        List<Grant> current = grants();
        for (Grant earlier : earlierGrants()) {
            Grant now = current.stream()
                .filter(g -> g.groupId().equals(earlier.groupId()) && g.resource().equals(earlier.resource())
                        && g.resourceId().equals(earlier.resourceId()))
                .findFirst()
                .orElseThrow();
            for (Authorization authorization : authorizations.createAuthorizationQuery()
                .groupIdIn(earlier.groupId())
                .resourceType(earlier.resource())
                .resourceId(earlier.resourceId())
                .list()) {
                java.util.Set<Permission> granted = java.util.Arrays
                    .stream(authorization.getPermissions(ProcessDefinitionPermissions.values()))
                    .filter(p -> p != ProcessDefinitionPermissions.NONE && p != ProcessDefinitionPermissions.ALL)
                    .collect(java.util.stream.Collectors.toSet());
                if (authorization.getAuthorizationType() == AUTH_TYPE_GRANT
                        && granted.equals(java.util.Set.copyOf(earlier.permissions()))) {
                    authorization.setPermissions(new Permission[] { ProcessDefinitionPermissions.NONE });
                    now.permissions().forEach(authorization::addPermission);
                    authorizations.saveAuthorization(authorization);
                    LOG.info("Changed group {}'s grant on {} {} to {}", now.groupId(), now.resource().resourceName(),
                            now.resourceId(), now.permissions());
                }
            }
        }
    }

    private void createGrants(AuthorizationService authorizations) {
        upgradeGrants(authorizations);
        for (Grant grant : grants()) {
            boolean present = authorizations.createAuthorizationQuery()
                .groupIdIn(grant.groupId())
                .resourceType(grant.resource())
                .resourceId(grant.resourceId())
                .count() > 0;
            if (present) {
                continue;
            }
            Authorization authorization = authorizations.createNewAuthorization(AUTH_TYPE_GRANT);
            authorization.setGroupId(grant.groupId());
            authorization.setResource(grant.resource());
            authorization.setResourceId(grant.resourceId());
            grant.permissions().forEach(authorization::addPermission);
            authorizations.saveAuthorization(authorization);
            LOG.info("Granted group {} {} on {} {}", grant.groupId(), grant.permissions(),
                    grant.resource().resourceName(), grant.resourceId());
        }
    }

}
