package no.pakkeforlop.accesslog;

import no.pakkeforlop.security.StaffGroups;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The privacy officers' group, which reads the access log: created at start-up when
 * missing.
 */
@Component
public class PrivacyOfficers extends AbstractProcessEnginePlugin {

    public static final String GROUP = StaffGroups.PRIVACY;
    static final String NAME = "Personvernombud";

    private static final Logger LOG = LoggerFactory.getLogger(PrivacyOfficers.class);

    @Override
    public void postProcessEngineBuild(ProcessEngine engine) {
        IdentityService identity = engine.getIdentityService();
        if (identity.createGroupQuery().groupId(GROUP).count() == 0) {
            Group group = identity.newGroup(GROUP);
            group.setName(NAME);
            group.setType("WORKFLOW");
            identity.saveGroup(group);
            LOG.info("Created group {} ({})", GROUP, NAME);
        }
    }

}
