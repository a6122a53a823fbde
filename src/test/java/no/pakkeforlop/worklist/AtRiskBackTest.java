package no.pakkeforlop.worklist;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;
import no.pakkeforlop.codes.RegisteredCode;
import no.pakkeforlop.reports.PathwayTimes;
import no.pakkeforlop.reports.PathwayTimes.IntervalTime;
import no.pakkeforlop.reports.PathwayTimes.Status;
import no.pakkeforlop.rules.PathwayRules;
import no.pakkeforlop.rules.PathwayRules.IntervalRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The at-risk rule measured on a simulated history: 3,200 pathways over two years at four
 * hospitals of different speed, each pathway with its own pace (a slow pathway tends to
 * stay slow) and log-normal spread per step; 85 % treated, 7 % closed without treatment
 * at the decision, 8 % terminated after the first attendance. For every interval of the
 * pathways referred in the second year the clock is set to 7 and to 3 days before its due
 * date; where the interval is still running then, the rule is asked as the worklist asks
 * it ({@link AtRiskWorklist#assess}, learning from the pathways finished in the 12 months
 * before that day, codes dated up to that day only), and its answer is compared with what
 * happened (breached or not). Today's rule before this change is measured beside it:
 * listed when due within 3 days, or when today + the median time from the last milestone
 * reached passes the due date. Floors on precision and recall keep the measurement
 * honest; the table is printed and is in the README.
 */
class AtRiskBackTest {

    static final PathwayRules RULES = PathwayRules.load();

    static final PathwayTimes TIMES = new PathwayTimes(RULES);

    static final LocalDate FIRST = LocalDate.of(2039, 1, 1);

    static final LocalDate EVALUATED_FROM = LocalDate.of(2040, 1, 1);

    static final LocalDate NEVER = LocalDate.of(2099, 1, 1);

    /**
     * One simulated pathway: its milestone dates (null when not reached) and end code.
     */
    record Sim(int id, String hospital, LocalDate a, LocalDate s, LocalDate c, LocalDate f, String endCode,
            LocalDate endDate) {

        List<RegisteredCode> codes(LocalDate upTo) {
            List<RegisteredCode> codes = new ArrayList<>();
            add(codes, "REFERRAL", "A32A", a, upTo);
            add(codes, "FIRST_ATTENDANCE", "A32S", s, upTo);
            add(codes, "DECISION", "A32CK", c, upTo);
            String key = switch (endCode) {
                case "X" -> "TERMINATION";
                case "FI" -> "NO_TREATMENT";
                default -> "TREATMENT_START";
            };
            add(codes, key, "A32" + endCode, endDate, upTo);
            return codes;
        }

        private void add(List<RegisteredCode> codes, String key, String code, LocalDate date, LocalDate upTo) {
            if (date != null && !date.isAfter(upTo)) {
                codes.add(new RegisteredCode("SIM-" + id, "sim-" + id, key, code, date, hospital, "sim", "A32"));
            }
        }

        /** The milestone dates in the chain's order A, S, C, F. */
        LocalDate[] milestones() {
            return new LocalDate[] { a, s, c, f };
        }

    }

    /**
     * The share of flagged intervals that breached, and of breached intervals flagged.
     */
    record Score(long flagged, long truePositives, long breached, long running) {

        double precision() {
            return flagged == 0 ? 0 : (double) truePositives / flagged;
        }

        double recall() {
            return breached == 0 ? 0 : (double) truePositives / breached;
        }

    }

    static final List<Sim> HISTORY = new ArrayList<>();

    /** days before due -> rule name -> score. */
    static final Map<Integer, Map<String, Score>> SCORES = new HashMap<>();

    @BeforeAll
    static void simulateAndBackTest() {
        Random random = new Random(20261205L);
        String[] hospitals = { "Helse Bergen HF", "Oslo universitetssykehus HF", "St. Olavs hospital HF",
                "Helse Stavanger HF" };
        double[] pace = { 0.85, 1.0, 1.1, 1.3 };
        int[] volume = { 1000, 1200, 600, 400 };
        int id = 0;
        for (int h = 0; h < hospitals.length; h++) {
            for (int i = 0; i < volume[h]; i++) {
                LocalDate a = FIRST.plusDays(random.nextInt(730));
                double own = pace[h] * Math.exp(0.25 * random.nextGaussian());
                LocalDate s = a.plusDays(days(random, 5 * own, 0.4));
                double fate = random.nextDouble();
                if (fate < 0.08) {
                    LocalDate x = s.plusDays(days(random, 10 * own, 0.5));
                    HISTORY.add(new Sim(id++, hospitals[h], a, s, null, null, "X", x));
                    continue;
                }
                LocalDate c = s.plusDays(days(random, 15 * own, 0.35));
                if (fate < 0.15) {
                    HISTORY.add(new Sim(id++, hospitals[h], a, s, c, null, "FI", c));
                    continue;
                }
                LocalDate f = c.plusDays(days(random, 10 * own, 0.4));
                HISTORY.add(new Sim(id++, hospitals[h], a, s, c, f, random.nextBoolean() ? "FK" : "FM", f));
            }
        }
        for (int before : new int[] { 7, 3 }) {
            long running = 0;
            long breachedCount = 0;
            long[] flagged = new long[RULE_NAMES.size()];
            long[] hits = new long[RULE_NAMES.size()];
            for (Sim sim : evaluated()) {
                Map<String, IntervalTime> whole = byInterval(TIMES.of(sim.codes(NEVER), NEVER));
                for (IntervalRule interval : RULES.intervals()) {
                    IntervalTime outcome = whole.get(interval.name());
                    if (outcome.start() == null) {
                        continue;
                    }
                    boolean[] flags = flags(sim, interval, outcome.due().minusDays(before));
                    if (flags == null) {
                        continue;
                    }
                    boolean breached = outcome.status() == Status.BREACHED;
                    running++;
                    breachedCount += breached ? 1 : 0;
                    for (int rule = 0; rule < flags.length; rule++) {
                        flagged[rule] += flags[rule] ? 1 : 0;
                        hits[rule] += flags[rule] && breached ? 1 : 0;
                    }
                }
            }
            Map<String, Score> scores = new HashMap<>();
            for (int rule = 0; rule < RULE_NAMES.size(); rule++) {
                scores.put(RULE_NAMES.get(rule), new Score(flagged[rule], hits[rule], breachedCount, running));
            }
            SCORES.put(before, scores);
        }
        everyRunningDay();
        System.out.println(table());
    }

    /**
     * The rules compared: the rule before this change, the worklist's at-risk rule (the
     * cautious bound, p80, past due or fewer than 2 days left) and its predicted breach
     * (the median past due, or fewer than 2 days left).
     */
    static final List<String> RULE_NAMES = List.of("old", "atRisk", "predictedBreach");

    /** The table in the README. */
    static String table() {
        StringBuilder table = new StringBuilder(
                "\n| days before due | running | breached | rule | flagged | precision | recall |\n|---|---|---|---|---|---|---|\n");
        for (int before : new int[] { 7, 3 }) {
            for (String rule : RULE_NAMES) {
                Score s = SCORES.get(before).get(rule);
                table.append(String.format(Locale.ROOT, "| %d | %d | %d | %s | %d | %.2f | %.2f |%n", before,
                        s.running(), s.breached(), rule, s.flagged(), s.precision(), s.recall()));
            }
        }
        table.append("\n| every running day | ")
            .append(String.join(" | ", RULE_NAMES))
            .append(" |\n|---|---|---|---|\n");
        row(table, "interval-days running", d -> String.valueOf(d.running()));
        row(table, "flagged",
                d -> String.format(Locale.ROOT, "%d (%.0f %%)", d.flagged(), 100.0 * d.flagged() / d.running()));
        row(table, "precision over the flagged days", d -> String.format(Locale.ROOT, "%.2f", d.precision()));
        row(table, "days flagged with more than 7 days left, of intervals that were met",
                d -> String.valueOf(d.earlyFalseAlarms()));
        row(table, "breached intervals first flagged 7 or more days before due",
                d -> String.format(Locale.ROOT, "%.2f", d.warnedAWeekAhead()));
        return table.toString();
    }

    private static void row(StringBuilder table, String label, Function<Days, String> cell) {
        table.append("| ").append(label);
        RULE_NAMES.forEach(rule -> table.append(" | ").append(cell.apply(DAYS.get(rule))));
        table.append(" |\n");
    }

    /**
     * The counts over every day on which an interval ran (start up to the due date, while
     * not ended), per rule.
     */
    record Days(long running, long flagged, long flaggedBreached, long earlyFalseAlarms, long breachedIntervals,
            long breachedWarnedAWeekAhead) {

        double precision() {
            return flagged == 0 ? 0 : (double) flaggedBreached / flagged;
        }

        double warnedAWeekAhead() {
            return breachedIntervals == 0 ? 0 : (double) breachedWarnedAWeekAhead / breachedIntervals;
        }

    }

    /** rule name -> counts over every running day. */
    static final Map<String, Days> DAYS = new HashMap<>();

    static final Map<LocalDate, IntervalDurations> LEARNED_ON = new HashMap<>();

    static final Map<LocalDate, List<Sim>> FINISHED_ON = new HashMap<>();

    static final Map<String, Integer> OLD_ESTIMATES = new HashMap<>();

    static List<Sim> evaluated() {
        return HISTORY.stream().filter(s -> !s.a().isBefore(EVALUATED_FROM)).toList();
    }

    static Map<String, IntervalTime> byInterval(List<IntervalTime> times) {
        Map<String, IntervalTime> map = new HashMap<>();
        times.forEach(t -> map.put(t.interval(), t));
        return map;
    }

    /**
     * Null when the interval is not running on {@code day}; else what each rule of
     * {@link #RULE_NAMES} says, in that order.
     */
    static boolean[] flags(Sim sim, IntervalRule interval, LocalDate day) {
        List<IntervalTime> times = TIMES.of(sim.codes(day), day);
        IntervalTime time = byInterval(times).get(interval.name());
        if (time.status() != Status.PENDING || time.start() == null) {
            return null;
        }
        List<Sim> finished = FINISHED_ON.computeIfAbsent(day, AtRiskBackTest::finishedBefore);
        IntervalDurations durations = LEARNED_ON.computeIfAbsent(day,
                d -> IntervalDurations.learn(TIMES, finished.stream().map(f -> f.codes(d)).toList(), d));
        AtRiskWorklist.Assessment assessment = AtRiskWorklist
            .assessAll(RULES, times, sim.hospital(), durations, day, AtRiskWorklist.DEFAULT_WITHIN_DAYS,
                    AtRiskWorklist.DEFAULT_DAYS_LEFT)
            .stream()
            .filter(a -> a.interval().name().equals(interval.name()))
            .findFirst()
            .orElseThrow();
        return new boolean[] { oldRule(interval, sim, day, time.due(), finished), assessment.atRisk(),
                assessment.predictedBreach() || assessment.fewDaysLeft() };
    }

    static void everyRunningDay() {
        int rules = RULE_NAMES.size();
        long[][] c = new long[rules][6];
        for (Sim sim : evaluated()) {
            Map<String, IntervalTime> whole = byInterval(TIMES.of(sim.codes(NEVER), NEVER));
            for (IntervalRule interval : RULES.intervals()) {
                IntervalTime outcome = whole.get(interval.name());
                if (outcome.start() == null) {
                    continue;
                }
                boolean breached = outcome.status() == Status.BREACHED;
                long[] firstWarning = new long[rules];
                Arrays.fill(firstWarning, -1);
                for (LocalDate day = outcome.start(); !day.isAfter(outcome.due()); day = day.plusDays(1)) {
                    boolean[] flags = flags(sim, interval, day);
                    if (flags == null) {
                        break;
                    }
                    long daysLeft = ChronoUnit.DAYS.between(day, outcome.due());
                    for (int rule = 0; rule < rules; rule++) {
                        c[rule][0]++;
                        if (flags[rule]) {
                            c[rule][1]++;
                            c[rule][2] += breached ? 1 : 0;
                            c[rule][3] += !breached && daysLeft > 7 ? 1 : 0;
                            if (firstWarning[rule] < 0) {
                                firstWarning[rule] = daysLeft;
                            }
                        }
                    }
                }
                if (breached) {
                    for (int rule = 0; rule < rules; rule++) {
                        c[rule][4]++;
                        c[rule][5] += firstWarning[rule] >= 7 ? 1 : 0;
                    }
                }
            }
        }
        for (int rule = 0; rule < rules; rule++) {
            DAYS.put(RULE_NAMES.get(rule),
                    new Days(c[rule][0], c[rule][1], c[rule][2], c[rule][3], c[rule][4], c[rule][5]));
        }
    }

    /** At least one day; a log-normal around the median with this spread. */
    static int days(Random random, double median, double sigma) {
        return (int) Math.max(1, Math.round(median * Math.exp(sigma * random.nextGaussian())));
    }

    /** The pathways whose final code is dated within the 12 months up to {@code day}. */
    static List<Sim> finishedBefore(LocalDate day) {
        LocalDate from = day.minusMonths(RemainingTimes.LEARNING_MONTHS);
        return HISTORY.stream().filter(s -> !s.endDate().isAfter(day) && !s.endDate().isBefore(from)).toList();
    }

    /**
     * The rule before this change: due within 3 days, or today + the median days from the
     * last milestone reached to the interval's end (of at least 20 known; else the
     * standard days from there) past the due date.
     */
    static boolean oldRule(IntervalRule interval, Sim sim, LocalDate day, LocalDate due, List<Sim> finished) {
        if (ChronoUnit.DAYS.between(day, due) <= AtRiskWorklist.DEFAULT_WITHIN_DAYS) {
            return true;
        }
        int from = milestone(interval.from());
        int to = milestone(interval.to());
        LocalDate[] dates = sim.milestones();
        int reached = from;
        for (int m = from; m < to; m++) {
            if (dates[m] != null && !dates[m].isAfter(day)) {
                reached = m;
            }
        }
        int r = reached;
        int estimate = OLD_ESTIMATES.computeIfAbsent(day + ":" + r + ">" + to, k -> oldEstimate(r, to, finished));
        return day.plusDays(estimate).isAfter(due);
    }

    /**
     * The median days from milestone {@code r} to {@code to} over the finished pathways
     * (at least 20 known), else the standard days between them.
     */
    static int oldEstimate(int r, int to, List<Sim> finished) {
        List<Integer> known = new ArrayList<>();
        for (Sim f : finished) {
            LocalDate[] d = f.milestones();
            if (d[r] != null && d[to] != null) {
                known.add((int) ChronoUnit.DAYS.between(d[r], d[to]));
            }
        }
        if (known.size() < IntervalDurations.MIN_KNOWN) {
            int[] standard = { 8, 21, 14 };
            int estimate = 0;
            for (int m = r; m < to; m++) {
                estimate += standard[m];
            }
            return estimate;
        }
        return IntervalDurations.quantile(known.stream().mapToInt(Integer::intValue).sorted().toArray(), 0, 0.5);
    }

    static int milestone(Set<String> suffixes) {
        if (suffixes.contains("A")) {
            return 0;
        }
        if (suffixes.contains("S")) {
            return 1;
        }
        return suffixes.contains("CK") ? 2 : 3;
    }

    // Floors a little under what this simulation measures (the table in the README): a
    // change of the rule that loses precision or recall fails here.

    @Test
    void sevenDaysBeforeTheDueDateTheAtRiskFlagFindsFourOfFiveBreachesAsPreciselyAsTheOldList() {
        Score atRisk = SCORES.get(7).get("atRisk");
        Score old = SCORES.get(7).get("old");
        assertThat(atRisk.running()).isGreaterThan(3000);
        assertThat(atRisk.breached()).isGreaterThan(800);
        assertThat(atRisk.recall()).isGreaterThan(0.75);
        assertThat(atRisk.precision()).isGreaterThan(0.37).isGreaterThan(old.precision() - 0.02);
    }

    @Test
    void threeDaysBeforeTheDueDateTheAtRiskFlagLeavesOutSomeThatWillBeMetAndKeepsNearlyEveryBreach() {
        Score atRisk = SCORES.get(3).get("atRisk");
        Score old = SCORES.get(3).get("old");
        // the old list held every interval due within 3 days: its precision is the base
        // rate
        assertThat(old.flagged()).isEqualTo(old.running());
        assertThat(atRisk.flagged()).isLessThan(old.flagged());
        assertThat(atRisk.precision()).isGreaterThan(old.precision());
        assertThat(atRisk.recall()).isGreaterThan(0.93);
    }

    @Test
    void aPredictedBreachIsRightThreeTimesOutOfFourAndAlmostNeverEarlyOnAnIntervalThatIsMet() {
        Days predicted = DAYS.get("predictedBreach");
        Days old = DAYS.get("old");
        assertThat(predicted.precision()).isGreaterThan(0.72).isGreaterThan(old.precision() + 0.25);
        assertThat(predicted.earlyFalseAlarms()).isLessThan(old.earlyFalseAlarms() / 20);
        assertThat(SCORES.get(3).get("predictedBreach").precision()).isGreaterThan(0.64);
        assertThat(SCORES.get(3).get("predictedBreach").recall()).isGreaterThan(0.5);
    }

    @Test
    void overEveryRunningDayTheAtRiskFlagWarnsOfFourInFiveBreachesAWeekAhead() {
        Days atRisk = DAYS.get("atRisk");
        assertThat(atRisk.running()).isGreaterThan(90_000);
        assertThat(atRisk.warnedAWeekAhead()).isGreaterThan(0.75);
        assertThat(atRisk.precision()).isGreaterThan(0.37);
        // measured, not wished: the cautious bound flags more interval-days than the old
        // rule (see the README); a change that floods further fails here
        assertThat((double) atRisk.flagged() / atRisk.running()).isLessThan(0.56);
    }

}
