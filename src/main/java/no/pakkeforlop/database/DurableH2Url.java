package no.pakkeforlop.database;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.logging.Log;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * An H2 file database writes every commit to its file at once only with
 * {@code WRITE_DELAY=0}; with H2's default (500 ms) a killed JVM lost acknowledged codes
 * (crash.CrashRecoveryIT, issue 15: 3 of 83 with
 * {@code --spring.datasource.url=jdbc:h2:file:/some/path}). So whatever URL is given, on
 * the command line, in the environment or in a file, an H2 file URL without the setting
 * gets {@code ;WRITE_DELAY=0}, and a URL that asks for a delay is refused at start-up.
 * In-memory and server (tcp/ssl) URLs are left as they are: there is no file here, or the
 * server decides.
 */
public class DurableH2Url implements EnvironmentPostProcessor, Ordered {

    static final String PROPERTY = "spring.datasource.url";
    static final String SETTING = "WRITE_DELAY";
    static final String TRACE = "TRACE_LEVEL_FILE";

    private final Log log;

    public DurableH2Url(DeferredLogFactory logs) {
        this.log = logs.getLog(DurableH2Url.class);
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        String url = environment.getProperty(PROPERTY);
        Optional<String> durable = durable(url);
        if (durable.isPresent() && !durable.get().equals(url)) {
            environment.getPropertySources()
                .addFirst(new MapPropertySource("durableH2Url", Map.of(PROPERTY, durable.get())));
            log.info("H2 file database: the datasource URL gets " + SETTING
                    + "=0 (every commit is in the file before it is acknowledged) and " + TRACE
                    + "=0 (no trace file) where it did not set them");
        }
    }

    /**
     * The URL to use: the same URL when it is not an H2 file URL or already has
     * {@code WRITE_DELAY=0}, the URL with {@code ;WRITE_DELAY=0} added when it has no
     * such setting; empty when there is no URL.
     * @throws IllegalStateException when an H2 file URL asks for a write delay other than
     * 0
     */
    static Optional<String> durable(String url) {
        if (url == null || url.isBlank()) {
            return Optional.empty();
        }
        if (!isH2File(url)) {
            return Optional.of(url);
        }
        boolean writeDelaySet = false;
        boolean traceSet = false;
        for (String part : url.split(";")) {
            int equals = part.indexOf('=');
            String name = equals > 0 ? part.substring(0, equals).trim() : "";
            if (name.equalsIgnoreCase(SETTING)) {
                if (!part.substring(equals + 1).trim().equals("0")) {
                    throw new IllegalStateException("The H2 file database URL sets " + part.trim()
                            + ": a killed application "
                            + "would lose commits it has acknowledged. Remove the setting (the application then adds "
                            + SETTING + "=0) or set " + SETTING
                            + "=0. For production use PostgreSQL (profile postgres).");
                }
                writeDelaySet = true;
            }
            traceSet |= name.equalsIgnoreCase(TRACE);
        }
        // no trace file unless asked for: its SQL exception texts would hold the values
        // of rows (patient data)
        return Optional.of(url + (writeDelaySet ? "" : ";" + SETTING + "=0") + (traceSet ? "" : ";" + TRACE + "=0"));
    }

    /**
     * jdbc:h2:file:..., jdbc:h2:./x, jdbc:h2:~/x, jdbc:h2:/x, jdbc:h2:C:/x: everything
     * but mem:, tcp:, ssl:, zip:.
     */
    static boolean isH2File(String url) {
        String lower = url.trim().toLowerCase(Locale.ROOT);
        if (!lower.startsWith("jdbc:h2:")) {
            return false;
        }
        String rest = lower.substring("jdbc:h2:".length());
        return !(rest.startsWith("mem:") || rest.startsWith("tcp:") || rest.startsWith("ssl:")
                || rest.startsWith("zip:"));
    }

    @Override
    public int getOrder() {
        // after the command line, the environment and the application's files have been
        // read
        return Ordered.LOWEST_PRECEDENCE;
    }

}
