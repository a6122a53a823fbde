package no.pakkeforlop.logging;

import ch.qos.logback.classic.pattern.MessageConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;

/**
 * {@code %m}: the log message without national ids ({@link PatientDataMask}); see
 * logback-spring.xml.
 */
public class MaskedMessageConverter extends MessageConverter {

    @Override
    public String convert(ILoggingEvent event) {
        return PatientDataMask.mask(super.convert(event));
    }

}
