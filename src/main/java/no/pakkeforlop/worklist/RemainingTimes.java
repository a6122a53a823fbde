package no.pakkeforlop.worklist;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import no.pakkeforlop.reports.PathwayTimesReport;
import no.pakkeforlop.rules.PathwayRules;
import no.pakkeforlop.worklist.MilestoneChain.Milestone;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * How long the milestones still ahead take, learned from the pathways completed (final
 * code registered) in the last 12 months: for each pair of milestones (say first
 * attendance to decision) the median number of days between them over those pathways.
 * With fewer than {@value #MIN_KNOWN} known, the standard times stand in. Learned again
 * when a new code is registered or a new day begins, so the API and the Cockpit plugin
 * always predict alike.
 */
@Component
public class RemainingTimes {

    /**
     * Below this many completed pathways a median says too little: the standard time is
     * used instead.
     */
    public static final int MIN_KNOWN = 20;

    public static final int LEARNING_MONTHS = 12;

    public enum Basis {

        LEARNED, STANDARD

    }

    /** Days from a milestone to a later one, and where the figure comes from. */
    public record Estimate(int days, Basis basis, long known) {
    }

    private record Learned(LocalDate today, long lastCodeId, Map<String, Estimate> estimates) {
    }

    private final JdbcTemplate jdbc;

    private final PathwayRules rules;

    private final MilestoneChain chain;

    private final AtomicReference<Learned> learned = new AtomicReference<>();

    public RemainingTimes(JdbcTemplate jdbc, PathwayRules rules) {
        this.jdbc = jdbc;
        this.rules = rules;
        this.chain = new MilestoneChain(rules);
    }

    MilestoneChain chain() {
        return chain;
    }

    /**
     * What is learned as of {@code today}: ask it for the days between any two
     * milestones.
     */
    Forecast forecast(LocalDate today) {
        Map<String, Estimate> estimates = estimates(today);
        return (from, to) -> estimates.get(key(from, to));
    }

    /** The expected days from one milestone to a later one. */
    interface Forecast {

        Estimate estimate(Milestone from, Milestone to);

    }

    private Map<String, Estimate> estimates(LocalDate today) {
        Long lastCodeId = jdbc.queryForObject("select coalesce(max(id), 0) from pathway_code", Long.class);
        Learned current = learned.get();
        if (current != null && current.today().equals(today) && current.lastCodeId() == lastCodeId) {
            return current.estimates();
        }
        Map<String, Estimate> estimates = learn(today);
        learned.set(new Learned(today, lastCodeId, estimates));
        return estimates;
    }

    /**
     * One query for the codes of the pathways completed in the last 12 months (a region's
     * year: about 10,000 pathways, 40,000 codes), then per pair of milestones a histogram
     * of the days between them.
     */
    private Map<String, Estimate> learn(LocalDate today) {
        List<String> finalCodes = new ArrayList<>();
        // the codes that end a pathway (treatment start, closed without treatment,
        // terminated)
        for (String suffix : allSuffixes()) {
            if (rules.outcomeOf(suffix).isPresent()) {
                finalCodes.add(rules.code(suffix));
            }
        }
        List<Milestone> milestones = chain.milestones();
        Map<String, Integer> milestoneOfCode = new HashMap<>();
        for (Milestone m : milestones) {
            chain.codes(m).forEach(code -> milestoneOfCode.put(code, m.index()));
        }
        Map<String, LocalDate[]> pathways = new HashMap<>();
        List<Object> parameters = new ArrayList<>(finalCodes);
        parameters.add(today.minusMonths(LEARNING_MONTHS));
        parameters.add(today);
        jdbc.query(
                "select c.process_instance_id, c.code, c.code_date from pathway_code c where c.process_instance_id in"
                        + " (select o.process_instance_id from pathway_code o where o.code in ("
                        + placeholders(finalCodes.size()) + ") and o.code_date between ? and ?)",
                rs -> {
                    Integer milestone = milestoneOfCode.get(rs.getString("code"));
                    if (milestone != null) {
                        LocalDate[] dates = pathways.computeIfAbsent(rs.getString("process_instance_id"),
                                id -> new LocalDate[milestones.size()]);
                        LocalDate date = rs.getObject("code_date", LocalDate.class);
                        if (dates[milestone] == null || date.isBefore(dates[milestone])) {
                            dates[milestone] = date;
                        }
                    }
                }, parameters.toArray());
        Map<String, TreeMap<Integer, Long>> histograms = new HashMap<>();
        for (LocalDate[] dates : pathways.values()) {
            for (int from = 0; from < dates.length; from++) {
                for (int to = from + 1; to < dates.length; to++) {
                    if (dates[from] != null && dates[to] != null) {
                        histograms.computeIfAbsent(from + ">" + to, k -> new TreeMap<>())
                            .merge((int) ChronoUnit.DAYS.between(dates[from], dates[to]), 1L, Long::sum);
                    }
                }
            }
        }
        Map<String, Estimate> estimates = new HashMap<>();
        for (Milestone from : milestones) {
            for (Milestone to : milestones.subList(from.index() + 1, milestones.size())) {
                TreeMap<Integer, Long> histogram = histograms.getOrDefault(key(from, to), new TreeMap<>());
                long known = histogram.values().stream().mapToLong(Long::longValue).sum();
                estimates.put(key(from, to),
                        known < MIN_KNOWN ? new Estimate(chain.standardDays(from, to), Basis.STANDARD, known)
                                // a median of x.5 days is rounded up: the prediction errs
                                // toward warning
                                : new Estimate((int) Math.ceil(PathwayTimesReport.median(histogram, known)),
                                        Basis.LEARNED, known));
            }
        }
        return estimates;
    }

    private java.util.Set<String> allSuffixes() {
        java.util.Set<String> suffixes = new java.util.LinkedHashSet<>();
        rules.events().values().forEach(e -> suffixes.addAll(e.codes().values()));
        return suffixes;
    }

    private static String key(Milestone from, Milestone to) {
        return from.index() + ">" + to.index();
    }

    private static String placeholders(int count) {
        return String.join(", ", Collections.nCopies(count, "?"));
    }

}
