package no.pakkeforlop.operations;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import java.util.List;
import no.pakkeforlop.refusals.FieldError;
import no.pakkeforlop.refusals.InputRefusedException;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.Marker;
import org.springframework.dao.DuplicateKeyException;

/**
 * Refusals of input are normal events, not errors. The engine logs every exception that
 * ends a command as ERROR with its stack trace ("ENGINE-16004 Exception while closing
 * command context"), also a completion the pathway's rules refused (a date in the future)
 * and the loser of two identical referrals sent at once (the unique referral id). Those
 * two become one INFO line here, naming the fields or the rule but never the values
 * (which may be patient data); every other ENGINE-16004 stays as it is, ERROR with its
 * cause.
 */
public final class QuietRefusals extends TurboFilter {

    static final String LOGGER = "org.camunda.bpm.engine.context";
    static final String MESSAGE_ID = "ENGINE-16004";

    private static final QuietRefusals INSTANCE = new QuietRefusals();

    private static final Logger LOG = LoggerFactory.getLogger(QuietRefusals.class);

    private QuietRefusals() {
        setName("quiet-refusals");
    }

    /**
     * Adds the filter to logback when it is not there. Logback loses its turbo filters
     * whenever Spring Boot sets up logging again (another application context in the same
     * JVM), so the engine asks before each command.
     */
    static void ensureInstalled() {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context
                && !context.getTurboFilterList().contains(INSTANCE)) {
            INSTANCE.start();
            context.addTurboFilter(INSTANCE);
        }
    }

    @Override
    public FilterReply decide(Marker marker, ch.qos.logback.classic.Logger logger, Level level, String format,
            Object[] params, Throwable t) {
        if (level != Level.ERROR || format == null || !format.startsWith(MESSAGE_ID)
                || !LOGGER.equals(logger.getName())) {
            return FilterReply.NEUTRAL;
        }
        Throwable thrown = t;
        if (thrown == null && params != null && params.length > 0
                && params[params.length - 1] instanceof Throwable last) {
            thrown = last;
        }
        String refusal = refusal(thrown);
        if (refusal == null) {
            return FilterReply.NEUTRAL;
        }
        LOG.info(refusal);
        // the request's own line (RefusalLogFilter) is not needed then
        var request = org.springframework.web.context.request.RequestContextHolder.getRequestAttributes();
        if (request != null) {
            request.setAttribute(RefusalLogFilter.LOGGED, Boolean.TRUE,
                    org.springframework.web.context.request.RequestAttributes.SCOPE_REQUEST);
        }
        return FilterReply.DENY;
    }

    /**
     * One line about a refusal of input, or null when the exception is a real failure.
     */
    static String refusal(Throwable thrown) {
        for (Throwable cause = thrown; cause != null; cause = cause.getCause()) {
            if (cause instanceof InputRefusedException rejected) {
                List<String> fields = rejected.errors().stream().map(FieldError::field).distinct().toList();
                return "Input refused by the pathway's rules (400), nothing saved; fields " + fields;
            }
            if (cause instanceof FormFieldValidationException) {
                return "Input refused by a form field's validation (400), nothing saved";
            }
            if (cause instanceof DuplicateKeyException) {
                return "A concurrent request registered the same key first (unique constraint); this one rolled back and "
                        + "is answered with the winner's result";
            }
        }
        return null;
    }

}
