package no.pakkeforlop.security;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.context.ApplicationContext;
import org.springframework.stereotype.Component;

/**
 * Installs the {@link SafeExpressionManager} in place of the starter's, with the same
 * beans (the whole application context, or the configured map).
 */
@Component
public class ExpressionSafety extends AbstractProcessEnginePlugin {

    private final ApplicationContext applicationContext;

    public ExpressionSafety(ApplicationContext applicationContext) {
        this.applicationContext = applicationContext;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        configuration.setExpressionManager(new SafeExpressionManager(applicationContext, configuration.getBeans()));
    }

}
