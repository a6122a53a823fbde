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
import no.pakkeforlop.rules.PathwayRules.IntervalRule;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * Pathway-time statistics over the registered codes: per standard interval, the pathways
 * whose interval ended in a date range, how many of them within the standard time, and
 * the median number of days. The database groups the pathways by (start date, end date),
 * a few thousand rows even for a region's year; days and the standard are then judged by
 * {@link PathwayTimes}, the same rule the pathway status uses.
 */
@Service
public class PathwayTimesReport {

    /**
     * Helsedirektoratet's national target: at least 70 % of pathways completed within the
     * standard time.
     */
    public static final double NATIONAL_TARGET = 0.70;

    public record IntervalStatistics(String interval, int standardDays, long completed, long withinStandard,
            Double shareWithinStandard, Double medianDays) {
    }

    /** The report for a period; {@code hospital} is null for all hospitals. */
    public record Report(LocalDate from, LocalDate to, double target, List<IntervalStatistics> intervals,
            String hospital) {
    }

    /**
     * One calendar month of the monthly report: the same figures as the report for that
     * month.
     */
    public record MonthStatistics(YearMonth month, LocalDate from, LocalDate to, List<IntervalStatistics> intervals) {
    }

    public record MonthlyReport(YearMonth from, YearMonth to, double target, String hospital,
            List<MonthStatistics> months) {
    }

    private final JdbcTemplate jdbc;

    private final PathwayTimes times;

    public PathwayTimesReport(JdbcTemplate jdbc, PathwayTimes times) {
        this.jdbc = jdbc;
        this.times = times;
    }

    public Report report(LocalDate from, LocalDate to) {
        return report(from, to, null);
    }

    /**
     * Over the pathways whose interval ended in the range, at the given hospital (the one
     * that registered the end).
     */
    public Report report(LocalDate from, LocalDate to, String hospital) {
        List<IntervalStatistics> statistics = new ArrayList<>();
        for (IntervalRule interval : times.intervals()) {
            Tally tally = new Tally();
            scan(interval, from, to, hospital, (end, measure, pathways) -> tally.add(measure, pathways));
            statistics.add(tally.statistics(interval));
        }
        return new Report(from, to, NATIONAL_TARGET, statistics, hospital);
    }

    /**
     * Month by month from {@code first} to {@code last}: one query per interval over the
     * whole span, each ended interval counted in the month of its end date, so every
     * month has exactly the figures of {@link #report(LocalDate, LocalDate, String)} for
     * that month.
     */
    public MonthlyReport monthly(YearMonth first, YearMonth last, String hospital) {
        Map<YearMonth, List<IntervalStatistics>> months = new TreeMap<>();
        for (YearMonth month = first; !month.isAfter(last); month = month.plusMonths(1)) {
            months.put(month, new ArrayList<>());
        }
        for (IntervalRule interval : times.intervals()) {
            Map<YearMonth, Tally> tallies = new TreeMap<>();
            months.keySet().forEach(month -> tallies.put(month, new Tally()));
            scan(interval, first.atDay(1), last.atEndOfMonth(), hospital,
                    (end, measure, pathways) -> tallies.get(YearMonth.from(end)).add(measure, pathways));
            tallies.forEach((month, tally) -> months.get(month).add(tally.statistics(interval)));
        }
        List<MonthStatistics> result = new ArrayList<>();
        months.forEach((month, statistics) -> result
            .add(new MonthStatistics(month, month.atDay(1), month.atEndOfMonth(), statistics)));
        return new MonthlyReport(first, last, NATIONAL_TARGET, hospital, result);
    }

    /** The hospitals that have registered codes, for choosing one in the report. */
    public List<String> hospitals() {
        return jdbc.queryForList(
                "select distinct hospital from pathway_code where hospital is not null order by hospital",
                String.class);
    }

    private interface EndedIntervals {

        void accept(LocalDate end, PathwayTimes.Measure measure, long pathways);

    }

    /**
     * The pathways whose interval ended in the range, grouped by (start date, end date),
     * judged by PathwayTimes.
     */
    private void scan(IntervalRule interval, LocalDate from, LocalDate to, String hospital, EndedIntervals consumer) {
        List<String> endCodes = times.endCodes(interval);
        List<String> startCodes = times.startCodes(interval);
        String sql = "select s.code_date as start_date, e.code_date as end_date, count(*) as pathways"
                + " from pathway_code e join pathway_code s on s.process_instance_id = e.process_instance_id"
                + " where e.code in (" + placeholders(endCodes.size()) + ") and e.code_date between ? and ?"
                + (hospital == null ? "" : " and e.hospital = ?") + " and s.code in (" + placeholders(startCodes.size())
                + ") group by s.code_date, e.code_date";
        List<Object> parameters = new ArrayList<>(endCodes);
        parameters.add(from);
        parameters.add(to);
        if (hospital != null) {
            parameters.add(hospital);
        }
        parameters.addAll(startCodes);
        jdbc.query(sql, rs -> {
            LocalDate end = rs.getObject("end_date", LocalDate.class);
            consumer.accept(end, times.measure(interval, rs.getObject("start_date", LocalDate.class), end),
                    rs.getLong("pathways"));
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

        IntervalStatistics statistics(IntervalRule interval) {
            long completed = histogram.values().stream().mapToLong(Long::longValue).sum();
            Double share = completed == 0 ? null
                    : BigDecimal.valueOf(within)
                        .divide(BigDecimal.valueOf(completed), 4, RoundingMode.HALF_UP)
                        .doubleValue();
            return new IntervalStatistics(interval.name(), interval.days(), completed, within, share,
                    median(histogram, completed));
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
