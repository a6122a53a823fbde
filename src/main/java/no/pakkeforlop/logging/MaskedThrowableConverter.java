package no.pakkeforlop.logging;

import ch.qos.logback.classic.spi.IThrowableProxy;
import org.springframework.boot.logging.logback.ExtendedWhitespaceThrowableProxyConverter;

/**
 * {@code %wEx}: stack traces whose exception texts are shown without national ids
 * ({@link PatientDataMask}).
 */
public class MaskedThrowableConverter extends ExtendedWhitespaceThrowableProxyConverter {

    @Override
    protected String throwableProxyToString(IThrowableProxy throwable) {
        return PatientDataMask.mask(super.throwableProxyToString(throwable));
    }

}
