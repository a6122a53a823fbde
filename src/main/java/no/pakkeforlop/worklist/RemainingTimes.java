package no.pakkeforlop.worklist;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import no.pakkeforlop.codes.CodeRegistry;
import no.pakkeforlop.codes.RegisteredCode;
import no.pakkeforlop.reports.PathwayTimes;
import no.pakkeforlop.rules.PathwayCatalog;
import no.pakkeforlop.rules.PathwayRules;
import org.springframework.stereotype.Component;

/**
 * How long the standard-time intervals take, learned from the pathways finished (final
 * code registered) in the last {@value #LEARNING_MONTHS} months, see
 * {@link IntervalDurations}, per pathway (a pathway's intervals are learned from its own
 * finished pathways, measured by its rules as built). Learned again when a code is
 * registered or corrected or a new day begins, so the API and the Cockpit plugin always
 * predict alike.
 */
@Component
public class RemainingTimes {

    public static final int LEARNING_MONTHS = 12;

    private record Learned(LocalDate today, String changeMark, Map<String, IntervalDurations> durations) {
    }

    private final PathwayCatalog catalog;

    private final CodeRegistry codes;

    private final AtomicReference<Learned> learned = new AtomicReference<>();

    public RemainingTimes(PathwayCatalog catalog, CodeRegistry codes) {
        this.catalog = catalog;
        this.codes = codes;
    }

    /**
     * What is learned as of {@code today}, by pathway ("A32"): every pathway of the
     * catalog has its entry.
     */
    Map<String, IntervalDurations> durations(LocalDate today) {
        String changeMark = codes.changeMark();
        Learned current = learned.get();
        if (current != null && current.today().equals(today) && current.changeMark().equals(changeMark)) {
            return current.durations();
        }
        Map<String, IntervalDurations> durations = new LinkedHashMap<>();
        for (PathwayRules rules : catalog.current()) {
            durations.put(rules.pathway(),
                    IntervalDurations.learn(new PathwayTimes(rules), finishedPathways(rules, today), today));
        }
        Learned now = new Learned(today, changeMark, Map.copyOf(durations));
        learned.set(now);
        return now.durations();
    }

    /**
     * One query per pathway for the codes of its pathways finished (a final code of that
     * pathway) in the last 12 months (a region's year: about 10,000 pathways, 40,000
     * codes), per pathway in the order registered.
     */
    private Collection<List<RegisteredCode>> finishedPathways(PathwayRules rules, LocalDate today) {
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
