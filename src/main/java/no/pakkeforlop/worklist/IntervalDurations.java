package no.pakkeforlop.worklist;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import no.pakkeforlop.codes.RegisteredCode;
import no.pakkeforlop.reports.PathwayTimes;
import no.pakkeforlop.reports.PathwayTimes.IntervalTime;
import no.pakkeforlop.rules.PathwayRules.IntervalRule;

/**
 * How long each standard-time interval took in finished pathways, per hospital and
 * overall, and what that says about a pathway that has already used {@code e} days of it:
 * of the finished intervals that lasted at least {@code e} days, the median and the 80th
 * percentile (the cautious bound). The hospital's own when at least {@value #MIN_KNOWN}
 * of its intervals lasted that long, else all hospitals', else the standard time. Plain
 * data: learned once from codes, then asked many times.
 */
public final class IntervalDurations {

    /**
     * Below this many comparable pathways a median says too little: the next broader
     * scope is used instead.
     */
    public static final int MIN_KNOWN = 20;

    /** Where a prediction comes from. */
    public enum Scope {

        /** The pathway's own hospital's finished pathways. */
        HOSPITAL,
        /** All hospitals' finished pathways. */
        ALL,
        /** Too few comparable pathways: the standard time itself. */
        STANDARD

    }

    /**
     * The predicted length of an interval for a pathway that has used {@code daysUsed} of
     * it: from {@code known} finished pathways of {@code scope} that lasted at least that
     * long, their median and 80th percentile in whole days (rounded up: the prediction
     * errs toward warning). For STANDARD both are the standard days and {@code known} is
     * how many comparable pathways there were in all (fewer than {@value #MIN_KNOWN}).
     */
    public record Prediction(Scope scope, long known, int daysUsed, int medianDays, int p80Days) {
    }

    private static final int[] NONE = new int[0];

    /** interval name -> sorted durations. */
    private final Map<String, int[]> all;

    /** interval name -> hospital -> sorted durations. */
    private final Map<String, Map<String, int[]>> byHospital;

    private IntervalDurations(Map<String, int[]> all, Map<String, Map<String, int[]>> byHospital) {
        this.all = all;
        this.byHospital = byHospital;
    }

    /**
     * Learns from finished pathways' codes (each list in the order registered): every
     * interval with a start and an end counts, at the hospital of the pathway's last
     * code. An interval that never ended (the pathway ended another way) says nothing
     * about how long it takes and is left out.
     */
    public static IntervalDurations learn(PathwayTimes times, Collection<List<RegisteredCode>> finished,
            LocalDate today) {
        Map<String, IntList> all = new HashMap<>();
        Map<String, Map<String, IntList>> byHospital = new HashMap<>();
        for (List<RegisteredCode> codes : finished) {
            if (codes.isEmpty()) {
                continue;
            }
            String hospital = codes.get(codes.size() - 1).hospital();
            for (IntervalTime time : times.of(codes, today)) {
                if (time.days() != null) {
                    all.computeIfAbsent(time.interval(), k -> new IntList()).add(time.days());
                    byHospital.computeIfAbsent(time.interval(), k -> new HashMap<>())
                        .computeIfAbsent(hospital, k -> new IntList())
                        .add(time.days());
                }
            }
        }
        Map<String, int[]> sortedAll = new HashMap<>();
        all.forEach((interval, list) -> sortedAll.put(interval, list.sorted()));
        Map<String, Map<String, int[]>> sortedByHospital = new HashMap<>();
        byHospital.forEach((interval, hospitals) -> {
            Map<String, int[]> sorted = new HashMap<>();
            hospitals.forEach((hospital, list) -> sorted.put(hospital, list.sorted()));
            sortedByHospital.put(interval, sorted);
        });
        return new IntervalDurations(sortedAll, sortedByHospital);
    }

    /** How many finished intervals of this name were learned from, all hospitals. */
    public int known(String interval) {
        return all.getOrDefault(interval, NONE).length;
    }

    /**
     * The prediction for a pathway at {@code hospital} that has used {@code daysUsed}
     * days of {@code interval}.
     */
    public Prediction predict(IntervalRule interval, String hospital, int daysUsed) {
        int used = Math.max(0, daysUsed);
        int[] own = hospital == null ? NONE
                : byHospital.getOrDefault(interval.name(), Map.of()).getOrDefault(hospital, NONE);
        Prediction fromOwn = of(Scope.HOSPITAL, own, used);
        if (fromOwn != null) {
            return fromOwn;
        }
        int[] every = all.getOrDefault(interval.name(), NONE);
        Prediction fromAll = of(Scope.ALL, every, used);
        if (fromAll != null) {
            return fromAll;
        }
        return new Prediction(Scope.STANDARD, every.length - firstAtLeast(every, used), used, interval.days(),
                interval.days());
    }

    /**
     * Null when fewer than MIN_KNOWN of {@code sorted} lasted at least {@code used} days.
     */
    private static Prediction of(Scope scope, int[] sorted, int used) {
        int from = firstAtLeast(sorted, used);
        int known = sorted.length - from;
        if (known < MIN_KNOWN) {
            return null;
        }
        return new Prediction(scope, known, used, quantile(sorted, from, 0.5), quantile(sorted, from, 0.8));
    }

    /**
     * The {@code p} quantile of {@code sorted[from..]}, interpolated between neighbours
     * and rounded up to a whole day.
     */
    static int quantile(int[] sorted, int from, double p) {
        int n = sorted.length - from;
        double position = from + p * (n - 1);
        int below = (int) Math.floor(position);
        int above = Math.min(below + 1, sorted.length - 1);
        double value = sorted[below] + (position - below) * (sorted[above] - sorted[below]);
        // 1e-9: 17.000000000000004 is 17 days, not 18
        return (int) Math.ceil(value - 1e-9);
    }

    /** The index of the first value at least {@code days} (sorted.length when none). */
    private static int firstAtLeast(int[] sorted, int days) {
        int low = 0;
        int high = sorted.length;
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (sorted[middle] < days) {
                low = middle + 1;
            }
            else {
                high = middle;
            }
        }
        return low;
    }

    private static final class IntList {

        private int[] values = new int[16];

        private int size;

        void add(int value) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = value;
        }

        int[] sorted() {
            int[] copy = Arrays.copyOf(values, size);
            Arrays.sort(copy);
            return copy;
        }

    }

}
