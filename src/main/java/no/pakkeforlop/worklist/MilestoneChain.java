package no.pakkeforlop.worklist;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import no.pakkeforlop.rules.PathwayRules.IntervalRule;
import no.pakkeforlop.rules.PathwayRules;

/**
 * The milestones of the pathway in their order, read from the standard times in
 * {@link PathwayRules}: each set of codes that starts or ends an interval is a milestone
 * (A, S, C*, FK/FM/FS here), ordered by how many intervals lie before it. Tells which
 * milestone a pathway has reached within a running interval, and what the standard times
 * allow from there to the interval's end.
 */
final class MilestoneChain {

    /** A milestone: its index in the chain and the code suffixes that register it. */
    record Milestone(int index, Set<String> suffixes) {
    }

    private final PathwayRules rules;

    private final List<Milestone> milestones;

    MilestoneChain(PathwayRules rules) {
        this.rules = rules;
        Map<Set<String>, Integer> rank = new LinkedHashMap<>();
        for (IntervalRule interval : rules.intervals()) {
            rank.putIfAbsent(interval.from(), 0);
            rank.putIfAbsent(interval.to(), 0);
        }
        // longest path from a first milestone: a few intervals, so relaxing until nothing
        // changes is enough
        boolean changed = true;
        while (changed) {
            changed = false;
            for (IntervalRule interval : rules.intervals()) {
                int candidate = rank.get(interval.from()) + 1;
                if (rank.get(interval.to()) < candidate) {
                    rank.put(interval.to(), candidate);
                    changed = true;
                }
            }
        }
        List<Set<String>> ordered = new ArrayList<>(rank.keySet());
        ordered.sort(Comparator.comparingInt(rank::get));
        List<Milestone> list = new ArrayList<>();
        for (int i = 0; i < ordered.size(); i++) {
            list.add(new Milestone(i, ordered.get(i)));
        }
        this.milestones = List.copyOf(list);
    }

    List<Milestone> milestones() {
        return milestones;
    }

    Milestone of(Set<String> suffixes) {
        return milestones.stream()
            .filter(m -> m.suffixes().equals(suffixes))
            .findFirst()
            .orElseThrow(() -> new IllegalArgumentException("Not a milestone: " + suffixes));
    }

    /** The full codes (A32S, ...) of a milestone. */
    List<String> codes(Milestone milestone) {
        return milestone.suffixes().stream().sorted().map(rules::code).toList();
    }

    /**
     * The last milestone the pathway has reached on the way through the interval: its
     * start, or a later milestone before the interval's end (e.g. the first attendance
     * within referral-to-treatment).
     */
    Milestone reached(IntervalRule interval, Collection<String> registeredSuffixes) {
        Milestone start = of(interval.from());
        Milestone end = of(interval.to());
        Milestone reached = start;
        for (Milestone m : milestones.subList(start.index(), end.index())) {
            if (m.suffixes().stream().anyMatch(registeredSuffixes::contains)) {
                reached = m;
            }
        }
        return reached;
    }

    /**
     * The days the standard times allow from one milestone to a later one: the interval
     * between them, or the sum along the intervals that lead there (first attendance to
     * treatment: 21 + 14).
     */
    int standardDays(Milestone from, Milestone to) {
        if (from.index() >= to.index()) {
            return 0;
        }
        int best = Integer.MAX_VALUE;
        for (IntervalRule interval : rules.intervals()) {
            Milestone start = of(interval.from());
            Milestone end = of(interval.to());
            if (start.equals(from) && end.index() <= to.index()) {
                int rest = end.equals(to) ? 0 : standardDays(end, to);
                if (rest != Integer.MAX_VALUE) {
                    best = Math.min(best, interval.days() + rest);
                }
            }
        }
        return best;
    }

}
