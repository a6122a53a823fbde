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
import no.pakkeforlop.pathway.PathwayRules;
import no.pakkeforlop.reports.PathwayTimesReport;
import no.pakkeforlop.worklist.MilestoneChain.Milestone;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * How long the milestones still ahead take, learned from the pathways completed (final code registered) in the last
 * 12 months: for each pair of milestones (say first attendance to decision) the median number of days between them
 * over those pathways. With fewer than {@value #MIN_KNOWN} known, the standard times stand in. Learned again when a
 * new code is registered or a new day begins, so the API and the Cockpit plugin always predict alike.
 */
@Component
public class RemainingTimes {

  /** Below this many completed pathways a median says too little: the standard time is used instead. */
  public static final int MIN_KNOWN = 20;
  public static final int LEARNING_MONTHS = 12;

  public enum Basis { LEARNED, STANDARD }

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

  /** What is learned as of {@code today}: ask it for the days between any two milestones. */
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

  private Map<String, Estimate> learn(LocalDate today) {
    List<String> finalCodes = new ArrayList<>();
    // the codes that end a pathway (treatment start, closed without treatment, terminated)
    for (String suffix : allSuffixes()) {
      if (rules.outcomeOf(suffix).isPresent()) {
        finalCodes.add(rules.code(suffix));
      }
    }
    Map<String, Estimate> estimates = new HashMap<>();
    List<Milestone> milestones = chain.milestones();
    for (Milestone from : milestones) {
      for (Milestone to : milestones.subList(from.index() + 1, milestones.size())) {
        estimates.put(key(from, to), learn(from, to, finalCodes, today));
      }
    }
    return estimates;
  }

  private Estimate learn(Milestone from, Milestone to, List<String> finalCodes, LocalDate today) {
    List<String> fromCodes = chain.codes(from);
    List<String> toCodes = chain.codes(to);
    String sql = "select m.code_date as from_date, t.code_date as to_date, count(*) as pathways"
        + " from pathway_code o"
        + " join pathway_code m on m.process_instance_id = o.process_instance_id and m.code in ("
        + placeholders(fromCodes.size()) + ")"
        + " join pathway_code t on t.process_instance_id = o.process_instance_id and t.code in ("
        + placeholders(toCodes.size()) + ")"
        + " where o.code in (" + placeholders(finalCodes.size()) + ") and o.code_date between ? and ?"
        + " group by m.code_date, t.code_date";
    List<Object> parameters = new ArrayList<>(fromCodes);
    parameters.addAll(toCodes);
    parameters.addAll(finalCodes);
    parameters.add(today.minusMonths(LEARNING_MONTHS));
    parameters.add(today);
    TreeMap<Integer, Long> histogram = new TreeMap<>();
    jdbc.query(sql, rs -> {
      int days = (int) ChronoUnit.DAYS.between(rs.getObject("from_date", LocalDate.class),
          rs.getObject("to_date", LocalDate.class));
      histogram.merge(days, rs.getLong("pathways"), Long::sum);
    }, parameters.toArray());
    long known = histogram.values().stream().mapToLong(Long::longValue).sum();
    if (known < MIN_KNOWN) {
      return new Estimate(chain.standardDays(from, to), Basis.STANDARD, known);
    }
    // a median of x.5 days is rounded up: the prediction errs toward warning
    return new Estimate((int) Math.ceil(PathwayTimesReport.median(histogram, known)), Basis.LEARNED, known);
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
