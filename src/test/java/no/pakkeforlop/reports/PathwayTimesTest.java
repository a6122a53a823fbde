package no.pakkeforlop.reports;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import no.pakkeforlop.codes.RegisteredCode;
import no.pakkeforlop.reports.PathwayTimes.IntervalTime;
import no.pakkeforlop.rules.PathwayRules;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The interval rules on codes alone, and the median of a histogram. */
@Tag("dates")
class PathwayTimesTest {

    final PathwayTimes times = new PathwayTimes(PathwayRules.load());

    static RegisteredCode code(String code, String date) {
        return new RegisteredCode("HEN-1", "pi-1", code, code, LocalDate.parse(date), "Helse Bergen HF", "test", "A32");
    }

    static List<String> describe(List<IntervalTime> intervals) {
        return intervals.stream().map(i -> i.interval() + " " + i.due() + " " + i.days() + " " + i.status()).toList();
    }

    @Test
    void theLastDayWithinTheStandardIsStartPlusDays() {
        PathwayRules.IntervalRule referralToFirstAttendance = PathwayRules.load()
            .interval("REFERRAL_TO_FIRST_ATTENDANCE");
        assertThat(
                times.measure(referralToFirstAttendance, LocalDate.parse("2026-03-02"), LocalDate.parse("2026-03-10")))
            .isEqualTo(new PathwayTimes.Measure(8, true));
        assertThat(
                times.measure(referralToFirstAttendance, LocalDate.parse("2026-03-02"), LocalDate.parse("2026-03-11")))
            .isEqualTo(new PathwayTimes.Measure(9, false));
    }

    @Test
    void aClosedPathwayWithoutCancerHasNoTreatmentIntervals() {
        assertThat(describe(
                times.of(List.of(code("A32A", "2026-03-02"), code("A32S", "2026-03-04"), code("A32CA", "2026-03-20")),
                        LocalDate.parse("2026-06-01"))))
            .containsExactly("REFERRAL_TO_FIRST_ATTENDANCE 2026-03-10 2 MET",
                    "FIRST_ATTENDANCE_TO_DECISION 2026-03-25 16 MET",
                    "DECISION_TO_TREATMENT 2026-04-03 null NOT_APPLICABLE",
                    "REFERRAL_TO_TREATMENT 2026-04-14 null NOT_APPLICABLE");
    }

    @Test
    void aPathwayTerminatedAfterTheLastDayOfAnOpenIntervalBreachedIt() {
        assertThat(describe(
                times.of(List.of(code("A32A", "2026-03-02"), code("A32O", "2026-03-05"), code("A32X", "2026-03-12")),
                        LocalDate.parse("2026-06-01"))))
            .containsExactly("REFERRAL_TO_FIRST_ATTENDANCE 2026-03-10 null BREACHED",
                    "FIRST_ATTENDANCE_TO_DECISION null null NOT_APPLICABLE",
                    "DECISION_TO_TREATMENT null null NOT_APPLICABLE",
                    "REFERRAL_TO_TREATMENT 2026-04-14 null NOT_APPLICABLE");
    }

    @Test
    void medianOfAHistogram() {
        assertThat(PathwayTimesReport.median(Map.of(), 0)).isNull();
        assertThat(PathwayTimesReport.median(Map.of(5, 1L), 1)).isEqualTo(5.0);
        assertThat(PathwayTimesReport.median(Map.of(5, 1L, 9, 1L), 2)).isEqualTo(7.0);
        assertThat(PathwayTimesReport.median(Map.of(3, 2L, 10, 1L), 3)).isEqualTo(3.0);
        assertThat(PathwayTimesReport.median(Map.of(3, 2L, 10, 2L), 4)).isEqualTo(6.5);
        assertThat(PathwayTimesReport.median(Map.of(1, 1L, 2, 5L, 30, 1L), 7)).isEqualTo(2.0);
    }

}
