package no.pakkeforlop.security;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import no.pakkeforlop.logging.MaskedMessageConverter;
import no.pakkeforlop.logging.MaskedThrowableConverter;
import org.slf4j.LoggerFactory;

/**
 * The application's log as it is written (messages and stack traces through the masking
 * converters that logback-spring.xml gives the console), while a test runs.
 */
final class LogCapture implements AutoCloseable {

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    private final OutputStreamAppender<ILoggingEvent> appender = new OutputStreamAppender<>();

    private final Logger root;

    private final Level rootLevel;

    LogCapture() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        // the converters logback-spring.xml declares for %m and %wEx, named here as well:
        // a Spring application that failed to start in this JVM (AdminUserGuardTest)
        // resets the logging context and its conversion rules
        PatternLayout layout = new PatternLayout();
        layout.setContext(context);
        layout.getInstanceConverterMap().put("m", MaskedMessageConverter::new);
        layout.getInstanceConverterMap().put("wEx", MaskedThrowableConverter::new);
        layout.setPattern("%d %5p %logger : %m%n%wEx");
        layout.start();
        LayoutWrappingEncoder<ILoggingEvent> encoder = new LayoutWrappingEncoder<>();
        encoder.setContext(context);
        encoder.setLayout(layout);
        encoder.start();
        appender.setContext(context);
        appender.setEncoder(encoder);
        appender.setOutputStream(bytes);
        appender.setName("test-capture");
        appender.start();
        root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.addAppender(appender);
        // INFO as the application logs: a test that started an application with other
        // logging levels in this JVM (AdminUserGuardTest's quiet start) leaves its levels
        // behind
        rootLevel = root.getLevel();
        root.setLevel(Level.INFO);
    }

    String text() {
        synchronized (bytes) {
            return bytes.toString(StandardCharsets.UTF_8);
        }
    }

    @Override
    public void close() {
        root.setLevel(rootLevel);
        root.detachAppender(appender);
        appender.stop();
    }

}
