package no.pakkeforlop.operations;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cmd.ClaimTaskCmd;
import org.camunda.bpm.engine.impl.cmd.CompleteTaskCmd;
import org.camunda.bpm.engine.impl.cmd.ExecuteJobsCmd;
import org.camunda.bpm.engine.impl.cmd.SetTaskVariablesCmd;
import org.camunda.bpm.engine.impl.cmd.SubmitTaskFormCmd;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * Races are not errors. A staff member's completion can collide with a job of the same
 * pathway (the deadline timer that fires in the same second): the engine then rolls the
 * whole command back with an {@link OptimisticLockingException}, so nothing is
 * half-written. Work on a task (complete, submit its form, set its variables, claim it)
 * is then simply done again, a few times, after a short pause; it is the same request on
 * the state the other transaction committed, and the completion's own checks run again.
 * What still collides, and any other command of an HTTP request that collides, reaches
 * the caller as {@link PathwayBusyException}: 409 with a Norwegian "prøv igjen" on
 * {@code /api}, {@code /engine-rest} and in Tasklist, never 500. Jobs are left to the job
 * executor, which retries them itself, and a command inside a caller's own transaction to
 * that caller.
 */
@Component
public class ConcurrentChanges extends AbstractProcessEnginePlugin {

    private static final Logger LOG = LoggerFactory.getLogger(ConcurrentChanges.class);

    private static final List<Class<?>> RETRIED = List.of(CompleteTaskCmd.class, SubmitTaskFormCmd.class,
            SetTaskVariablesCmd.class, ClaimTaskCmd.class);

    private final int attempts;

    public ConcurrentChanges(@Value("${pakkeforlop.races.attempts:4}") int attempts) {
        if (attempts < 1) {
            throw new IllegalArgumentException("pakkeforlop.races.attempts må være minst 1, ikke " + attempts);
        }
        this.attempts = attempts;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        List<CommandInterceptor> interceptors = configuration.getCustomPreCommandInterceptorsTxRequired() == null
                ? new ArrayList<>() : new ArrayList<>(configuration.getCustomPreCommandInterceptorsTxRequired());
        interceptors.add(0, new RetryOnConcurrentChange(attempts));
        configuration.setCustomPreCommandInterceptorsTxRequired(interceptors);
    }

    static final class RetryOnConcurrentChange extends CommandInterceptor {

        private final int attempts;

        RetryOnConcurrentChange(int attempts) {
            this.attempts = attempts;
        }

        @Override
        public <T> T execute(Command<T> command) {
            QuietRefusals.ensureInstalled();
            // a command inside another command, or inside a caller's transaction, is its
            // caller's business
            if (Context.getCommandContext() != null || TransactionSynchronizationManager.isActualTransactionActive()) {
                return next.execute(command);
            }
            boolean retried = RETRIED.stream().anyMatch(type -> type.isInstance(command));
            for (int attempt = 1;; attempt++) {
                try {
                    return next.execute(command);
                }
                catch (RuntimeException e) {
                    if (!concurrentChange(e)) {
                        throw e;
                    }
                    if (retried && attempt < attempts) {
                        LOG.info(
                                "Concurrent change of the same pathway: {} rolled back, trying again (attempt {} of {})",
                                command.getClass().getSimpleName(), attempt + 1, attempts);
                        pause(attempt);
                        continue;
                    }
                    if (RequestContextHolder.getRequestAttributes() != null && !(command instanceof ExecuteJobsCmd)) {
                        LOG.warn("Concurrent change of the same pathway: {} rolled back{}; answered 409 (try again)",
                                command.getClass().getSimpleName(), retried ? " " + attempt + " times" : "");
                        throw new PathwayBusyException(e);
                    }
                    throw e;
                }
            }
        }

        private static void pause(int attempt) {
            try {
                Thread.sleep(ThreadLocalRandom.current().nextLong(20, 80) * attempt);
            }
            catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
        }

    }

    static boolean concurrentChange(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof OptimisticLockingException) {
                return true;
            }
        }
        return false;
    }

}
