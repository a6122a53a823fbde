package no.pakkeforlop.rules;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The rules of one cancer pathway, read from its table
 * ({@code processes/<pathway folder>/<process>.rules.json}): which code each event
 * registers on which date, and the standard pathway times. The table is deployed with the
 * pathway's model, so a pathway follows the table of the version it runs on
 * ({@code catalog.PathwayCatalog}). Delegates, deadlines, validation and reports all ask
 * this one object, so the rules are written once.
 */
public final class PathwayRules {

    /**
     * Read-only after it is made, so shared (building one per table costs more than
     * reading it).
     */
    private static final ObjectMapper JSON = new ObjectMapper()
        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /** The rules table of the oesophageal and gastric cancer pathway (A32), as built. */
    public static final String RESOURCE = "processes/a32-spiseror-magesekk/pakkeforlop-spiseror-magesekk.rules.json";

    /** How a rules table's resource name ends. */
    public static final String SUFFIX = ".rules.json";

    /**
     * An event of the pathway: which variable holds its date and which code suffix it
     * registers.
     */
    @JsonIgnoreProperties("_comment")
    public record EventRule(String dateVariable, String selector, Map<String, String> codes, boolean repeatable,
            String newHospitalVariable) {

        /**
         * The code suffix for the selector's value, or for any value ("*") when the event
         * has no selector.
         */
        public Optional<String> suffixFor(Object selectorValue) {
            if (selector == null) {
                return Optional.ofNullable(codes.get("*"));
            }
            return selectorValue == null ? Optional.empty() : Optional.ofNullable(codes.get(selectorValue.toString()));
        }
    }

    /**
     * A standard pathway time: met when the end date is at most {@code days} after the
     * start date. Where the pathway document gives a treatment its own time (colorectal
     * cancer: radiotherapy 18 days after the decision, surgery and drugs 14),
     * {@code daysByCode} has it by the suffix of the code that ends the interval.
     */
    public record IntervalRule(String name, int days, Map<String, Integer> daysByCode, Set<String> from, Set<String> to,
            Set<String> notApplicableWhen) {
        public IntervalRule {
            daysByCode = daysByCode == null ? Map.of() : Map.copyOf(daysByCode);
            notApplicableWhen = notApplicableWhen == null ? Set.of() : notApplicableWhen;
        }

        /**
         * The standard time when the interval ends (or is to end) with the code of this
         * suffix; {@code days} when the suffix is null or has no time of its own.
         */
        public int daysFor(String endSuffix) {
            return endSuffix == null ? days : daysByCode.getOrDefault(endSuffix, days);
        }
    }

    @JsonIgnoreProperties("_comment")
    private record Table(String name, String processKey, String codePrefix, String timeZone,
            Map<String, EventRule> events, Map<String, Set<String>> outcomes, List<IntervalRule> intervals) {
    }

    private final Table table;

    private final ZoneId zone;

    private PathwayRules(Table table) {
        this.table = table;
        this.zone = ZoneId.of(table.timeZone());
    }

    /** The rules of the oesophageal and gastric cancer pathway, as built. */
    public static PathwayRules load() {
        return load(RESOURCE);
    }

    /** The rules table at the given classpath resource. */
    public static PathwayRules load(String resource) {
        try (InputStream in = PathwayRules.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Pathway rules not found on the classpath: " + resource);
            }
            return read(in, resource);
        }
        catch (IOException e) {
            throw new UncheckedIOException("Pathway rules cannot be read: " + resource, e);
        }
    }

    /**
     * A rules table read from a stream (a deployment's resource); {@code source} names it
     * in errors.
     */
    public static PathwayRules read(InputStream in, String source) {
        Table table;
        try {
            table = JSON.readValue(in, Table.class);
        }
        catch (IOException e) {
            throw new IllegalStateException("Pathway rules cannot be read: " + source + ": " + e.getMessage(), e);
        }
        if (table.name() == null || table.processKey() == null || table.codePrefix() == null || table.timeZone() == null
                || table.events() == null || table.outcomes() == null || table.intervals() == null) {
            throw new IllegalStateException("Pathway rules " + source
                    + " lack one of name, processKey, codePrefix, timeZone, events, outcomes, intervals");
        }
        return new PathwayRules(table);
    }

    /**
     * The pathway's identifier: its code prefix, as the national coding guide names
     * pathways ("A32").
     */
    public String pathway() {
        return table.codePrefix();
    }

    /** The pathway's name, as staff know it (Norwegian). */
    public String name() {
        return table.name();
    }

    public String processKey() {
        return table.processKey();
    }

    public String codePrefix() {
        return table.codePrefix();
    }

    public ZoneId zone() {
        return zone;
    }

    public EventRule event(String name) {
        EventRule rule = table.events().get(name);
        if (rule == null) {
            throw new IllegalArgumentException("Unknown pathway event: " + name);
        }
        return rule;
    }

    public Map<String, EventRule> events() {
        return table.events();
    }

    public List<IntervalRule> intervals() {
        return table.intervals();
    }

    public IntervalRule interval(String name) {
        return table.intervals()
            .stream()
            .filter(i -> i.name().equals(name))
            .findFirst()
            .orElseThrow(() -> new IllegalArgumentException("Unknown pathway interval: " + name));
    }

    /** The full code, e.g. "A32S" for suffix "S". */
    public String code(String suffix) {
        return table.codePrefix() + suffix;
    }

    /** The suffix of a full code of this pathway, e.g. "S" for "A32S". */
    public String suffix(String code) {
        if (!code.startsWith(table.codePrefix())) {
            throw new IllegalArgumentException("Not a code of this pathway: " + code);
        }
        return code.substring(table.codePrefix().length());
    }

    /**
     * The outcome (TREATMENT_STARTED, CLOSED_WITHOUT_TREATMENT, TERMINATED) that a code
     * ends the pathway with.
     */
    public Optional<String> outcomeOf(String suffix) {
        return table.outcomes()
            .entrySet()
            .stream()
            .filter(e -> e.getValue().contains(suffix))
            .map(Map.Entry::getKey)
            .findFirst();
    }

    /**
     * Every full code that ends a pathway (treatment start, closed without treatment,
     * terminated), from the outcomes of the rules table.
     */
    public List<String> finalCodes() {
        return table.outcomes().values().stream().flatMap(Set::stream).map(this::code).sorted().toList();
    }

    /**
     * The variable holding the date on which any of these code suffixes is registered.
     */
    public String dateVariableOf(Collection<String> suffixes) {
        return table.events()
            .values()
            .stream()
            .filter(e -> e.codes().values().stream().anyMatch(suffixes::contains))
            .map(EventRule::dateVariable)
            .findFirst()
            .orElseThrow(() -> new IllegalArgumentException("No event registers any of " + suffixes));
    }

    /** The last day on which the interval is still met. */
    public LocalDate lastDayWithinStandard(IntervalRule interval, LocalDate start) {
        return lastDayWithinStandard(interval, start, null);
    }

    /**
     * The last day on which the interval, ended (or to end) with the code of this suffix,
     * is still met.
     */
    public LocalDate lastDayWithinStandard(IntervalRule interval, LocalDate start, String endSuffix) {
        return start.plusDays(interval.daysFor(endSuffix));
    }

    /**
     * The first moment past the standard time: midnight starting the day after the last
     * allowed day, in the pathway's zone.
     */
    public ZonedDateTime breachMoment(IntervalRule interval, LocalDate start) {
        return breachMoment(interval, start, null);
    }

    /** The same, for the interval ended (or to end) with the code of this suffix. */
    public ZonedDateTime breachMoment(IntervalRule interval, LocalDate start, String endSuffix) {
        return lastDayWithinStandard(interval, start, endSuffix).plusDays(1).atStartOfDay(zone);
    }

    /**
     * The code suffix a pathway's interval is to end with, from its planned treatment
     * (the treatment start's codes: SURGERY is FK): what chooses a treatment's own
     * standard time before the treatment has started. Null when nothing is planned that
     * the treatment start has a code for.
     */
    public String plannedEndSuffix(Object plannedTreatment) {
        EventRule start = table.events().get("TREATMENT_START");
        return start == null || plannedTreatment == null ? null : start.codes().get(plannedTreatment.toString());
    }

}
