package no.pakkeforlop.pathways;

import java.time.LocalDate;
import java.util.List;
import no.pakkeforlop.reports.PathwayTimes.IntervalTime;

/**
 * A pathway as the API shows it: its state, its codes in the order registered, and the
 * four standard intervals.
 */
public record PathwayStatus(String referralId, String processInstanceId, State state, List<Code> codes,
        List<IntervalTime> intervals) {

    public enum State {

        ACTIVE, COMPLETED, TERMINATED

    }

    public record Code(String code, LocalDate date) {
    }
}
