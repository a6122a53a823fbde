package no.pakkeforlop.security;

import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cmd.CheckPassword;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Every password the engine checks, whichever door asked (HTTP Basic on any door, the web
 * applications' login form, a password change, engine REST's {@code /identity/verify}),
 * counts for the login limit ({@link LoginAttempts}) with the client address of the
 * request it came with; a failure is logged. While the address, or this user from it, is
 * over the limit, no password is tested at all: the check answers "wrong", so a door that
 * does not say 429 itself still gives a guesser nothing.
 */
@Component
public class PasswordChecks extends AbstractProcessEnginePlugin {

    private final ObjectProvider<LoginAttempts> attempts;

    public PasswordChecks(ObjectProvider<LoginAttempts> attempts) {
        this.attempts = attempts;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        List<CommandInterceptor> interceptors = new ArrayList<>();
        if (configuration.getCustomPreCommandInterceptorsTxRequired() != null) {
            interceptors.addAll(configuration.getCustomPreCommandInterceptorsTxRequired());
        }
        interceptors.add(new Interceptor(attempts));
        configuration.setCustomPreCommandInterceptorsTxRequired(interceptors);
    }

    /** Which door a request came through, for the log. */
    public static String door(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        for (String door : List.of("api", "engine-rest", "actuator", "camunda")) {
            if (path.equals("/" + door) || path.startsWith("/" + door + "/")) {
                return door.equals("camunda") ? "web" : door;
            }
        }
        return "web";
    }

    static final class Interceptor extends CommandInterceptor {

        private final ObjectProvider<LoginAttempts> attempts;

        Interceptor(ObjectProvider<LoginAttempts> attempts) {
            this.attempts = attempts;
        }

        @Override
        @SuppressWarnings("unchecked")
        public <T> T execute(Command<T> command) {
            LoginAttempts limit = command instanceof CheckPassword ? attempts.getIfAvailable() : null;
            if (limit == null) {
                return next.execute(command);
            }
            String userId = EngineCommands.text(command, "userId");
            Optional<HttpServletRequest> request = CurrentRequest.get();
            String address = request.map(HttpServletRequest::getRemoteAddr).orElse(null);
            String door = request.map(PasswordChecks::door).orElse("application");
            long wait = limit.blockedFor(address, userId);
            if (wait > 0) {
                limit.refused(address, userId, door, wait);
                return (T) Boolean.FALSE;
            }
            T result = next.execute(command);
            if (Boolean.TRUE.equals(result)) {
                limit.succeeded(address, userId);
            }
            else {
                limit.failed(address, userId, door);
            }
            return result;
        }

    }

}
