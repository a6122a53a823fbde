package no.pakkeforlop.worklist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import no.pakkeforlop.codes.RegisteredCode;
import no.pakkeforlop.reports.PathwayTimes;
import no.pakkeforlop.rules.PathwayRules;
import no.pakkeforlop.worklist.AtRiskWorklist.Assessment;
import org.junit.jupiter.api.Test;

/**
 * The at-risk rule on its own, without a database: what it predicts from, and its
 * setting.
 */
class AtRiskRuleTest {

    static final PathwayRules RULES = PathwayRules.load();

    static final PathwayTimes TIMES = new PathwayTimes(RULES);

    static final String BERGEN = "Helse Bergen HF";

    static List<RegisteredCode> codes(String id, String... dates) {
        String[][] steps = { { "REFERRAL", "A32A" }, { "FIRST_ATTENDANCE", "A32S" }, { "DECISION", "A32CK" },
                { "TREATMENT_START", "A32FM" } };
        List<RegisteredCode> codes = new ArrayList<>();
        for (int i = 0; i < dates.length; i++) {
            codes.add(new RegisteredCode(id, "pi-" + id, steps[i][0], steps[i][1], LocalDate.parse(dates[i]), BERGEN,
                    "test", "A32"));
        }
        return codes;
    }

    /**
     * 25 finished pathways took 40 days from referral to treatment, 30 of them before the
     * decision and 10 after it. A running pathway decided on day 30 whose treatment is
     * planned for 8 days later: the 43 days are predicted from what is left after the
     * decision (10 days, due within the 43), not from the 40 of the whole (which, after
     * 36 days used, says nothing).
     */
    @Test
    void theLongIntervalIsPredictedFromTheShorterOneThatStartedLaterAndEndsAtTheSameStep() {
        List<List<RegisteredCode>> finished = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            finished.add(codes("L" + i, "2031-01-01", "2031-01-06", "2031-01-31", "2031-02-10"));
        }
        LocalDate today = LocalDate.parse("2031-07-07");
        IntervalDurations durations = IntervalDurations.learn(TIMES, finished, today);
        List<RegisteredCode> running = codes("R", "2031-06-01", "2031-06-05", "2031-07-01");

        List<Assessment> assessments = AtRiskWorklist.assessAll(RULES, TIMES.of(running, today), BERGEN, durations,
                today, 3, 2);

        Assessment whole = assessments.stream()
            .filter(a -> a.interval().name().equals("REFERRAL_TO_TREATMENT"))
            .findFirst()
            .orElseThrow();
        assertThat(whole.basis().interval()).isEqualTo("DECISION_TO_TREATMENT");
        assertThat(whole.predictedEnd()).isEqualTo("2031-07-11");
        assertThat(whole.cautiousEnd()).isEqualTo("2031-07-11");
        assertThat(whole.time().due()).isEqualTo("2031-07-14");
        assertThat(whole.atRisk()).isFalse();
        assertThat(whole.daysUsed(today)).isEqualTo(36);
        assertThat(AtRiskWorklist.explain(whole, today, 2))
            .startsWith("Brukt 36 av 43 dager, frist 14.07.2031 (7 dager igjen). Steget som gjenstår, avslutter også "
                    + "fristen på 14 dager fra 01.07.2031 (brukt 6 dager); anslaget bygger på den. Av 25 fullførte "
                    + "forløp som hadde brukt minst 6 dager ved Helse Bergen HF tok halvparten 10 dager");
        Assessment afterDecision = assessments.stream()
            .filter(a -> a.interval().name().equals("DECISION_TO_TREATMENT"))
            .findFirst()
            .orElseThrow();
        assertThat(afterDecision.basis()).isSameAs(afterDecision.time());
        assertThat(afterDecision.predictedEnd()).isEqualTo("2031-07-11");

        // without the decision the whole is predicted on its own: all 25 took 40 days
        List<RegisteredCode> undecided = codes("U", "2031-06-01", "2031-06-05");
        Assessment alone = AtRiskWorklist.assessAll(RULES, TIMES.of(undecided, today), BERGEN, durations, today, 3, 2)
            .stream()
            .filter(a -> a.interval().name().equals("REFERRAL_TO_TREATMENT"))
            .findFirst()
            .orElseThrow();
        assertThat(alone.basis()).isSameAs(alone.time());
        assertThat(alone.prediction().medianDays()).isEqualTo(40);
    }

    @Test
    void theDaysLeftSettingIsAWholeNumberOfDaysOrTheApplicationDoesNotStart() {
        assertThat(AtRiskWorklist.daysLeftLimit("2")).isEqualTo(2);
        assertThat(AtRiskWorklist.daysLeftLimit(" 0 ")).isZero();
        for (String bad : List.of("two", "-1", "366", "1.5", "")) {
            assertThatThrownBy(() -> AtRiskWorklist.daysLeftLimit(bad)).as(bad)
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("pakkeforlop.at-risk.days-left must be a whole number of days from 0 to 365 (default 2), "
                        + "not '" + bad + "'");
        }
    }

}
