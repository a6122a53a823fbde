package no.pakkeforlop.refusals;

import java.util.ArrayList;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.springframework.stereotype.Component;

/**
 * The engine wraps whatever a task listener throws in "Exception while invoking
 * TaskListener: ...". This interceptor, outside the transaction (which has rolled back by
 * then), hands the refusal on as it was thrown, so callers and Tasklist see the staff
 * message and REST answers 400 instead of 500.
 */
@Component
public class InputRefusalPlugin extends AbstractProcessEnginePlugin {

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        var interceptors = configuration.getCustomPreCommandInterceptorsTxRequired() == null
                ? new ArrayList<CommandInterceptor>()
                : new ArrayList<>(configuration.getCustomPreCommandInterceptorsTxRequired());
        interceptors.add(0, new UnwrapRejection());
        configuration.setCustomPreCommandInterceptorsTxRequired(interceptors);
    }

    static final class UnwrapRejection extends CommandInterceptor {

        @Override
        public <T> T execute(Command<T> command) {
            try {
                return next.execute(command);
            }
            catch (ProcessEngineException e) {
                for (Throwable cause = e; cause != null; cause = cause.getCause()) {
                    if (cause instanceof InputRefusedException rejection) {
                        throw rejection;
                    }
                }
                throw e;
            }
        }

    }

}
