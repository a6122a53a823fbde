package no.pakkeforlop.reports;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import no.pakkeforlop.pathway.PathwayRules.IntervalRule;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * Pathway-time statistics over the registered codes: per standard interval, the pathways whose interval ended in
 * a date range, how many of them within the standard time, and the median number of days. The database groups
 * the pathways by (start date, end date), a few thousand rows even for a region's year; days and the standard
 * are then judged by {@link PathwayTimes}, the same rule the pathway status uses.
 */
@Service
public class PathwayTimesReport {

  /** Helsedirektoratet's national target: at least 70 % of pathways completed within the standard time. */
  public static final double NATIONAL_TARGET = 0.70;

  public record IntervalStatistics(String interval, int standardDays, long completed, long withinStandard,
                                   Double shareWithinStandard, Double medianDays) {
  }

  public record Report(LocalDate from, LocalDate to, double target, List<IntervalStatistics> intervals) {
  }

  private final JdbcTemplate jdbc;
  private final PathwayTimes times;

  public PathwayTimesReport(JdbcTemplate jdbc, PathwayTimes times) {
    this.jdbc = jdbc;
    this.times = times;
  }

  public Report report(LocalDate from, LocalDate to) {
    List<IntervalStatistics> statistics = new ArrayList<>();
    for (IntervalRule interval : times.intervals()) {
      statistics.add(statistics(interval, from, to));
    }
    return new Report(from, to, NATIONAL_TARGET, statistics);
  }

  private IntervalStatistics statistics(IntervalRule interval, LocalDate from, LocalDate to) {
    List<String> endCodes = times.endCodes(interval);
    List<String> startCodes = times.startCodes(interval);
    String sql = "select s.code_date as start_date, e.code_date as end_date, count(*) as pathways"
        + " from pathway_code e join pathway_code s on s.process_instance_id = e.process_instance_id"
        + " where e.code in (" + placeholders(endCodes.size()) + ") and e.code_date between ? and ?"
        + " and s.code in (" + placeholders(startCodes.size()) + ")"
        + " group by s.code_date, e.code_date";
    List<Object> parameters = new ArrayList<>(endCodes);
    parameters.add(from);
    parameters.add(to);
    parameters.addAll(startCodes);

    TreeMap<Integer, Long> histogram = new TreeMap<>();
    long[] within = {0};
    jdbc.query(sql, rs -> {
      PathwayTimes.Measure measure = times.measure(interval, rs.getObject("start_date", LocalDate.class),
          rs.getObject("end_date", LocalDate.class));
      long pathways = rs.getLong("pathways");
      histogram.merge(measure.days(), pathways, Long::sum);
      if (measure.withinStandard()) {
        within[0] += pathways;
      }
    }, parameters.toArray());

    long completed = histogram.values().stream().mapToLong(Long::longValue).sum();
    Double share = completed == 0 ? null
        : BigDecimal.valueOf(within[0]).divide(BigDecimal.valueOf(completed), 4, RoundingMode.HALF_UP).doubleValue();
    return new IntervalStatistics(interval.name(), interval.days(), completed, within[0], share,
        median(histogram, completed));
  }

  /** The median of a histogram of days: the middle value, or the mean of the two middle values. */
  static Double median(Map<Integer, Long> histogram, long count) {
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
