package no.pakkeforlop.reports;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import no.pakkeforlop.rules.PathwayCatalog;
import no.pakkeforlop.rules.PathwayRules;
import no.pakkeforlop.rules.PathwayRules.IntervalRule;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * Pathway-time statistics over the registered codes: per pathway and standard interval,
 * the pathways whose interval ended in a date range, how many of them within the standard
 * time, and the median number of days. The database groups the pathways by (start date,
 * end date), a few thousand rows even for a region's year; days and the standard are then
 * judged by {@link PathwayTimes}, the same rule the pathway status uses, with the rules
 * as built for each pathway (an aggregate knows its pathway, not the version each counted
 * pathway ran on). A pathway's intervals are found by its own codes (A32S, A12S), so each
 * pathway is counted by its own rules.
 */
@Service
public class PathwayTimesReport {

    /**
     * Helsedirektoratet's national target: at least 70 % of pathways completed within the
     * standard time.
     */
    public static final double NATIONAL_TARGET = 0.70;

    /** One row: one standard interval of one pathway ({@code pathway}: "A32"). */
    public record IntervalStatistics(String interval, int standardDays, long completed, long withinStandard,
            Double shareWithinStandard, Double medianDays, String pathway) {
    }

    /**
     * The report for a period: a row per pathway and interval; {@code hospital} is null
     * for all hospitals, {@code pathway} null for every pathway.
     */
    public record Report(LocalDate from, LocalDate to, double target, List<IntervalStatistics> intervals,
            String hospital, String pathway) {
    }

    /**
     * One calendar month of the monthly report: the same figures as the report for that
     * month.
     */
    public record MonthStatistics(YearMonth month, LocalDate from, LocalDate to, List<IntervalStatistics> intervals) {
    }

    public record MonthlyReport(YearMonth from, YearMonth to, double target, String hospital,
            List<MonthStatistics> months, String pathway) {
    }

    private final JdbcTemplate jdbc;

    private final PathwayCatalog catalog;

    public PathwayTimesReport(JdbcTemplate jdbc, PathwayCatalog catalog) {
        this.jdbc = jdbc;
        this.catalog = catalog;
    }

    public Report report(LocalDate from, LocalDate to) {
        return report(from, to, null);
    }

    public Report report(LocalDate from, LocalDate to, String hospital) {
        return report(from, to, hospital, null);
    }

    /**
     * Over the pathways whose interval ended in the range, at the given hospital (the one
     * that registered the end), of one pathway or (null) of each pathway in turn.
     */
    public Report report(LocalDate from, LocalDate to, String hospital, PathwayRules pathway) {
        List<IntervalStatistics> statistics = new ArrayList<>();
        for (PathwayTimes times : times(pathway)) {
            for (IntervalRule interval : times.intervals()) {
                Tally tally = new Tally();
                scan(times, interval, from, to, hospital, (end, measure, pathways) -> tally.add(measure, pathways));
                statistics.add(tally.statistics(times.rules(), interval));
            }
        }
        return new Report(from, to, NATIONAL_TARGET, statistics, hospital, pathway == null ? null : pathway.pathway());
    }

    /** The pathways a report covers, each measured by its rules as built. */
    private List<PathwayTimes> times(PathwayRules pathway) {
        return (pathway == null ? catalog.current() : List.of(pathway)).stream().map(PathwayTimes::new).toList();
    }

    /**
     * Month by month from {@code first} to {@code last}: one query per interval over the
     * whole span, each ended interval counted in the month of its end date, so every
     * month has exactly the figures of {@link #report(LocalDate, LocalDate, String)} for
     * that month.
     */
    public MonthlyReport monthly(YearMonth first, YearMonth last, String hospital) {
        return monthly(first, last, hospital, null);
    }

    /** The same, of one pathway or (null) of each pathway in turn. */
    public MonthlyReport monthly(YearMonth first, YearMonth last, String hospital, PathwayRules pathway) {
        Map<YearMonth, List<IntervalStatistics>> months = new TreeMap<>();
        for (YearMonth month = first; !month.isAfter(last); month = month.plusMonths(1)) {
            months.put(month, new ArrayList<>());
        }
        for (PathwayTimes times : times(pathway)) {
            for (IntervalRule interval : times.intervals()) {
                Map<YearMonth, Tally> tallies = new TreeMap<>();
                months.keySet().forEach(month -> tallies.put(month, new Tally()));
                scan(times, interval, first.atDay(1), last.atEndOfMonth(), hospital,
                        (end, measure, pathways) -> tallies.get(YearMonth.from(end)).add(measure, pathways));
                tallies.forEach((month, tally) -> months.get(month).add(tally.statistics(times.rules(), interval)));
            }
        }
        List<MonthStatistics> result = new ArrayList<>();
        months.forEach((month, statistics) -> result
            .add(new MonthStatistics(month, month.atDay(1), month.atEndOfMonth(), statistics)));
        return new MonthlyReport(first, last, NATIONAL_TARGET, hospital, result,
                pathway == null ? null : pathway.pathway());
    }

    /** The hospitals that have registered codes, for choosing one in the report. */
    public List<String> hospitals() {
        return hospitals(null);
    }

    /** The hospitals that have registered codes of one pathway, or (null) of any. */
    public List<String> hospitals(PathwayRules pathway) {
        if (pathway == null) {
            return jdbc.queryForList(
                    "select distinct hospital from pathway_code where hospital is not null order by hospital",
                    String.class);
        }
        return jdbc.queryForList("select distinct hospital from pathway_code where hospital is not null"
                + " and pathway = ? order by hospital", String.class, pathway.pathway());
    }

    private interface EndedIntervals {

        void accept(LocalDate end, PathwayTimes.Measure measure, long pathways);

    }

    /**
     * The pathways whose interval ended in the range, grouped by (start date, end date),
     * judged by PathwayTimes.
     */
    private void scan(PathwayTimes times, IntervalRule interval, LocalDate from, LocalDate to, String hospital,
            EndedIntervals consumer) {
        List<String> endCodes = times.endCodes(interval);
        List<String> startCodes = times.startCodes(interval);
        // an interval with a treatment's own standard time is measured by the code that
        // ended it
        boolean byCode = !interval.daysByCode().isEmpty();
        String sql = "select s.code_date as start_date, e.code_date as end_date, count(*) as pathways"
                + (byCode ? ", e.code as end_code" : "")
                + " from pathway_code e join pathway_code s on s.process_instance_id = e.process_instance_id"
                + " where e.code in (" + placeholders(endCodes.size()) + ") and e.code_date between ? and ?"
                + (hospital == null ? "" : " and e.hospital = ?") + " and s.code in (" + placeholders(startCodes.size())
                + ") group by s.code_date, e.code_date" + (byCode ? ", e.code" : "");
        List<Object> parameters = new ArrayList<>(endCodes);
        parameters.add(from);
        parameters.add(to);
        if (hospital != null) {
            parameters.add(hospital);
        }
        parameters.addAll(startCodes);
        jdbc.query(sql, rs -> {
            LocalDate end = rs.getObject("end_date", LocalDate.class);
            consumer.accept(end, times.measure(interval, rs.getObject("start_date", LocalDate.class), end,
                    byCode ? rs.getString("end_code") : null), rs.getLong("pathways"));
        }, parameters.toArray());
    }

    /**
     * Ended intervals counted into a histogram of days, and how many within the standard
     * time.
     */
    private static final class Tally {

        private final TreeMap<Integer, Long> histogram = new TreeMap<>();

        private long within;

        void add(PathwayTimes.Measure measure, long pathways) {
            histogram.merge(measure.days(), pathways, Long::sum);
            if (measure.withinStandard()) {
                within += pathways;
            }
        }

        IntervalStatistics statistics(PathwayRules rules, IntervalRule interval) {
            long completed = histogram.values().stream().mapToLong(Long::longValue).sum();
            Double share = completed == 0 ? null
                    : BigDecimal.valueOf(within)
                        .divide(BigDecimal.valueOf(completed), 4, RoundingMode.HALF_UP)
                        .doubleValue();
            return new IntervalStatistics(interval.name(), interval.days(), completed, within, share,
                    median(histogram, completed), rules.pathway());
        }

    }

    /**
     * The median of a histogram of days: the middle value, or the mean of the two middle
     * values.
     */
    public static Double median(Map<Integer, Long> histogram, long count) {
        if (count == 0) {
            return null;
        }
        long lower = (count - 1) / 2;
        long upper = count / 2;
        Integer lowerValue = null;
        Integer upperValue = null;
        long seen = 0;
        for (Map.Entry<Integer, Long> bucket : new TreeMap<>(histogram).entrySet()) {
            long next = seen + bucket.getValue();
            if (lowerValue == null && lower < next) {
                lowerValue = bucket.getKey();
            }
            if (upper < next) {
                upperValue = bucket.getKey();
                break;
            }
            seen = next;
        }
        return (lowerValue + upperValue) / 2.0;
    }

    private static String placeholders(int count) {
        return String.join(", ", Collections.nCopies(count, "?"));
    }

}
