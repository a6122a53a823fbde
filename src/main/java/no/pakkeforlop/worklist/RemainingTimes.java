package no.pakkeforlop.worklist;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import no.pakkeforlop.codes.CodeRegistry;
import no.pakkeforlop.codes.RegisteredCode;
import no.pakkeforlop.reports.PathwayTimes;
import no.pakkeforlop.rules.PathwayRules;
import org.springframework.stereotype.Component;

/**
 * How long the standard-time intervals take, learned from the pathways finished (final
 * code registered) in the last {@value #LEARNING_MONTHS} months, see
 * {@link IntervalDurations}. Learned again when a code is registered or corrected or a
 * new day begins, so the API and the Cockpit plugin always predict alike.
 */
@Component
public class RemainingTimes {

    public static final int LEARNING_MONTHS = 12;

    private record Learned(LocalDate today, String changeMark, IntervalDurations durations) {
    }

    private final PathwayRules rules;

    private final PathwayTimes times;

    private final CodeRegistry codes;

    private final AtomicReference<Learned> learned = new AtomicReference<>();

    public RemainingTimes(PathwayRules rules, PathwayTimes times, CodeRegistry codes) {
        this.rules = rules;
        this.times = times;
        this.codes = codes;
    }

    /** What is learned as of {@code today}. */
    IntervalDurations durations(LocalDate today) {
        String changeMark = codes.changeMark();
        Learned current = learned.get();
        if (current != null && current.today().equals(today) && current.changeMark().equals(changeMark)) {
            return current.durations();
        }
        IntervalDurations durations = IntervalDurations.learn(times, finishedPathways(today), today);
        learned.set(new Learned(today, changeMark, durations));
        return durations;
    }

    /**
     * One query for the codes of the pathways finished in the last 12 months (a region's
     * year: about 10,000 pathways, 40,000 codes), per pathway in the order registered.
     */
    private Collection<List<RegisteredCode>> finishedPathways(LocalDate today) {
        List<String> finalCodes = rules.finalCodes();
        List<Object> parameters = new ArrayList<>(finalCodes);
        parameters.add(today.minusMonths(LEARNING_MONTHS));
        parameters.add(today);
        return codes
            .codesOfPathways("select o.process_instance_id from pathway_code o where o.code in ("
                    + String.join(", ", Collections.nCopies(finalCodes.size(), "?"))
                    + ") and o.code_date between ? and ?", parameters.toArray())
            .values();
    }

}
