package no.pakkeforlop.security;

import static org.camunda.bpm.engine.authorization.Resources.HISTORIC_PROCESS_INSTANCE;
import static org.camunda.bpm.engine.authorization.Resources.PROCESS_INSTANCE;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.camunda.bpm.engine.authorization.HistoricProcessInstancePermissions;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.auth.DefaultAuthorizationProvider;
import org.camunda.bpm.engine.impl.persistence.entity.AuthorizationEntity;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Component;

/**
 * Need-to-know: a group reads a pathway when its work involves it. When a task of a
 * pathway is created for a candidate group (whatever task and group the model names), the
 * group gets, besides the task itself (READ, TASK_WORK, READ_VARIABLE: the engine's own),
 * READ on that process instance and on its history. The history grant lets the group read
 * the pathway's history and historic variables (the engine's
 * {@code historicInstancePermissionsEnabled}) for as long as the history is kept; it is
 * removed with it. Live process variables are read through the task (its form) only:
 * {@code enforceSpecificVariablePermission} keeps {@code /variable-instance} to those
 * with READ_INSTANCE_VARIABLE on the whole definition (coordinators).
 */
@Component
public class NeedToKnowAuthorizations extends AbstractProcessEnginePlugin {

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        configuration.setResourceAuthorizationProvider(new Provider());
    }

    static final class Provider extends DefaultAuthorizationProvider {

        @Override
        public AuthorizationEntity[] newTaskGroupIdentityLink(Task task, String groupId, String type) {
            AuthorizationEntity[] own = super.newTaskGroupIdentityLink(task, groupId, type);
            String processInstanceId = task.getProcessInstanceId();
            if (processInstanceId == null || !IdentityLinkType.CANDIDATE.equals(type)) {
                return own;
            }
            List<AuthorizationEntity> all = new ArrayList<>(own == null ? List.of() : Arrays.asList(own));
            grant(groupId, PROCESS_INSTANCE, processInstanceId, Permissions.READ, null).ifPresent(all::add);
            String root = task instanceof TaskEntity entity && entity.getProcessInstance() != null
                    ? entity.getProcessInstance().getRootProcessInstanceId() : processInstanceId;
            grant(groupId, HISTORIC_PROCESS_INSTANCE, processInstanceId, HistoricProcessInstancePermissions.READ, root)
                .ifPresent(all::add);
            if (root != null && !root.equals(processInstanceId)) {
                // a task of a part every pathway shares (a process instance the pathway
                // calls): the group's work involves the pathway itself
                grant(groupId, PROCESS_INSTANCE, root, Permissions.READ, null).ifPresent(all::add);
                grant(groupId, HISTORIC_PROCESS_INSTANCE, root, HistoricProcessInstancePermissions.READ, root)
                    .ifPresent(all::add);
            }
            return all.toArray(AuthorizationEntity[]::new);
        }

        /**
         * The group's grant on the resource with the permission, to be saved: new, made
         * earlier in this command, or existing without it. Empty when the group has it
         * already (a second task of the group in the same pathway).
         */
        private Optional<AuthorizationEntity> grant(String groupId, Resource resource, String resourceId,
                Permission permission, String rootProcessInstanceId) {
            AuthorizationEntity authorization = getGrantAuthorizationByGroupId(groupId, resource, resourceId);
            if (authorization != null && authorization.isPermissionGranted(permission)) {
                return Optional.empty();
            }
            if (authorization == null) {
                authorization = createGrantAuthorization(null, groupId, resource, resourceId);
                updateAuthorizationBasedOnCacheEntries(authorization, null, groupId, resource, resourceId);
                // removed with the pathway's history (removal time by root process
                // instance)
                authorization.setRootProcessInstanceId(rootProcessInstanceId);
            }
            authorization.addPermission(permission);
            return Optional.of(authorization);
        }

    }

}
