package no.pakkeforlop.reports;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import no.pakkeforlop.codes.RegisteredCode;
import no.pakkeforlop.rules.PathwayRules.IntervalRule;
import no.pakkeforlop.rules.PathwayRules;

/**
 * The standard pathway times measured on registered codes: the one place that decides
 * when an interval starts and ends, how many days it took and whether it was within the
 * standard time. Which codes start and end each interval, and its number of days, come
 * from {@link PathwayRules}: one {@code PathwayTimes} per pathway's rules (those of the
 * version a pathway runs on for one pathway, those as built for a pathway's aggregates).
 * Used by the pathway status, the report and the at-risk list.
 */
public class PathwayTimes {

    public enum Status {

        MET, BREACHED, PENDING, NOT_APPLICABLE

    }

    /** One interval of one pathway; due is the last day within the standard time. */
    public record IntervalTime(String interval, int standardDays, LocalDate start, LocalDate due, LocalDate end,
            Integer days, Status status) {
    }

    /** A finished interval: its length and whether it met the standard time. */
    public record Measure(int days, boolean withinStandard) {
    }

    private final PathwayRules rules;

    public PathwayTimes(PathwayRules rules) {
        this.rules = rules;
    }

    /** The rules these times are measured by. */
    public PathwayRules rules() {
        return rules;
    }

    public List<IntervalRule> intervals() {
        return rules.intervals();
    }

    /** The full codes (e.g. A32A) that start the interval. */
    public List<String> startCodes(IntervalRule interval) {
        return codes(interval.from());
    }

    /** The full codes (e.g. A32FK) that end the interval. */
    public List<String> endCodes(IntervalRule interval) {
        return codes(interval.to());
    }

    /**
     * Met when the end date is at most the standard number of days after the start date.
     */
    public Measure measure(IntervalRule interval, LocalDate start, LocalDate end) {
        return measure(interval, start, end, null);
    }

    /**
     * The same, for the interval ended with the given code (a treatment with its own
     * standard time).
     */
    public Measure measure(IntervalRule interval, LocalDate start, LocalDate end, String endCode) {
        String suffix = endCode == null ? null : rules.suffix(endCode);
        return new Measure((int) ChronoUnit.DAYS.between(start, end),
                !end.isAfter(rules.lastDayWithinStandard(interval, start, suffix)));
    }

    /**
     * The four intervals of one pathway from its codes (in the order registered), as of
     * {@code today}. An interval that has not ended is BREACHED once its last day has
     * passed (while the pathway runs, or before the pathway ended without it), PENDING
     * before that, and NOT_APPLICABLE when a registered code rules it out (e.g. symptom
     * relief for the treatment intervals) or the pathway ended within the standard time
     * without it.
     */
    public List<IntervalTime> of(List<RegisteredCode> codes, LocalDate today) {
        List<RegisteredCode> own = codes.stream().filter(c -> c.code().startsWith(rules.codePrefix())).toList();
        Optional<LocalDate> ended = own.stream()
            .filter(c -> rules.outcomeOf(rules.suffix(c.code())).isPresent())
            .map(RegisteredCode::date)
            .findFirst();
        return rules.intervals().stream().map(interval -> of(interval, own, ended, today)).toList();
    }

    private IntervalTime of(IntervalRule interval, List<RegisteredCode> codes, Optional<LocalDate> ended,
            LocalDate today) {
        LocalDate start = firstDate(codes, interval.from());
        RegisteredCode endCode = first(codes, interval.to());
        LocalDate end = endCode == null ? null : endCode.date();
        String endSuffix = endCode == null ? null : rules.suffix(endCode.code());
        LocalDate due = start == null ? null : rules.lastDayWithinStandard(interval, start, endSuffix);
        Integer days = null;
        Status status;
        if (start != null && end != null) {
            Measure measure = measure(interval, start, end, endCode.code());
            days = measure.days();
            status = measure.withinStandard() ? Status.MET : Status.BREACHED;
        }
        else if (codes.stream().anyMatch(c -> interval.notApplicableWhen().contains(rules.suffix(c.code())))) {
            status = Status.NOT_APPLICABLE;
        }
        else if (start == null) {
            status = ended.isPresent() ? Status.NOT_APPLICABLE : Status.PENDING;
        }
        else {
            LocalDate lastKnown = ended.orElse(today);
            status = lastKnown.isAfter(due) ? Status.BREACHED
                    : ended.isPresent() ? Status.NOT_APPLICABLE : Status.PENDING;
        }
        return new IntervalTime(interval.name(), interval.daysFor(endSuffix), start, due, end, days, status);
    }

    private LocalDate firstDate(List<RegisteredCode> codes, Collection<String> suffixes) {
        RegisteredCode first = first(codes, suffixes);
        return first == null ? null : first.date();
    }

    private RegisteredCode first(List<RegisteredCode> codes, Collection<String> suffixes) {
        return codes.stream().filter(c -> suffixes.contains(rules.suffix(c.code()))).findFirst().orElse(null);
    }

    private List<String> codes(Collection<String> suffixes) {
        return suffixes.stream().sorted().map(rules::code).toList();
    }

}
