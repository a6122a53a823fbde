package no.pakkeforlop.logging;

import ch.qos.logback.classic.pattern.MessageConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import org.slf4j.helpers.MessageFormatter;

/**
 * {@code %m}: the log message without national ids ({@link PatientDataMask}), and with
 * the control characters of its arguments escaped ({@link LogText}): a user id, a name or
 * an exception text sent from outside cannot start a forged log line. See
 * logback-spring.xml.
 */
public class MaskedMessageConverter extends MessageConverter {

    @Override
    public String convert(ILoggingEvent event) {
        Object[] arguments = event.getArgumentArray();
        if (arguments == null || arguments.length == 0) {
            return PatientDataMask.mask(super.convert(event));
        }
        Object[] safe = new Object[arguments.length];
        for (int i = 0; i < arguments.length; i++) {
            safe[i] = arguments[i] instanceof Throwable ? arguments[i] : LogText.safe(arguments[i]);
        }
        return PatientDataMask.mask(MessageFormatter.arrayFormat(event.getMessage(), safe).getMessage());
    }

}
