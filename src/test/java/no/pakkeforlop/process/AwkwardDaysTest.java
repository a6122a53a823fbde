package no.pakkeforlop.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.taskService;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import no.pakkeforlop.refusals.FieldError;
import no.pakkeforlop.refusals.InputRefusedException;
import no.pakkeforlop.reports.PathwayTimes;
import no.pakkeforlop.rules.PathwayDates;
import no.pakkeforlop.testsupport.PathwayEngine;
import no.pakkeforlop.testsupport.TestClock;
import no.pakkeforlop.testsupport.TestData;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What "today" is, on the days where dates go wrong if anything does
 * ({@link TestClock#AWKWARD}: the first of a month, 9 and 10 September, the changes of
 * summer time, 31 December, a leap day; just after midnight, at noon and just before
 * midnight in Oslo), and on the tests' own day: a referral received today is accepted,
 * one received tomorrow is refused; the first attendance today registers A32S on that
 * day, tomorrow is refused with the date as staff read it (dd.mm.åååå); the 8- and 21-day
 * timers fire at 00:00 in Oslo on the day after the standard time and the tasks are due
 * at 23:59:59 on its last day; the interval status counts the days in Oslo. The quick
 * loop runs this with the JVM in UTC, the full loop once more in Europe/Oslo (tag
 * "dates"): both give the same dates.
 */
@Tag("dates")
class AwkwardDaysTest extends PathwayTestSupport {

    static final PathwayEngine ENGINE = PathwayEngine.create();

    @RegisterExtension
    static ProcessEngineExtension extension = ProcessEngineExtension.builder()
        .useProcessEngine(ENGINE.configuration.buildProcessEngine())
        .build();

    @Override
    PathwayEngine engine() {
        return ENGINE;
    }

    static Stream<ZonedDateTime> moments() {
        return Stream.concat(Stream.of(TestClock.now()), TestClock.AWKWARD.stream());
    }

    private static Instant osloMidnight(LocalDate day) {
        return day.atStartOfDay(TestData.OSLO).toInstant();
    }

    private static Instant lastMoment(LocalDate day) {
        return day.plusDays(1).atStartOfDay(TestData.OSLO).toInstant().minusSeconds(1);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("moments")
    void todayIsTheDayInOsloWhateverTheMomentAndTheJvmsZone(ZonedDateTime moment) {
        LocalDate today = moment.toLocalDate();
        LocalDate tomorrow = today.plusDays(1);
        TestClock.set(moment);

        // a referral received tomorrow is refused, one received today starts the pathway
        String early = "HEN-DAGER-" + System.nanoTime();
        Throwable futureReferral = catchThrowable(
                () -> org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService()
                    .startProcessInstanceByKey(TestData.PROCESS_KEY, early,
                            TestData.referralVariables(early, tomorrow.toString(), TestData.HOSPITAL)));
        assertThat(futureReferral).isInstanceOf(InputRefusedException.class);
        assertThat(((InputRefusedException) futureReferral).errors()).extracting(FieldError::message)
            .anyMatch(message -> message.contains(PathwayDates.display(tomorrow)));

        Pathway p = startAt(moment, today);
        assertThat(p.codes()).containsExactly("A32A " + today);
        assertThat(p.task("registerFirstAttendance").getDueDate().toInstant()).isEqualTo(lastMoment(today.plusDays(8)));
        assertThat(p.timer("deadlineFirstAttendance").getDuedate().toInstant())
            .isEqualTo(osloMidnight(today.plusDays(9)));

        // the first attendance tomorrow is refused with its date as staff read it
        Throwable future = catchThrowable(() -> taskService().complete(p.task("registerFirstAttendance").getId(),
                Map.of("firstAttendanceDate", tomorrow.toString(), "firstAttendanceType", "OUTPATIENT")));
        assertThat(future).isInstanceOf(InputRefusedException.class);
        assertThat(((InputRefusedException) future).errors()).containsExactly(new FieldError("firstAttendanceDate",
                "Dato for første fremmøte (" + PathwayDates.display(tomorrow) + ") kan ikke være fram i tid."));

        // today is taken, and registers A32S on today
        taskService().complete(p.task("registerFirstAttendance").getId(),
                Map.of("firstAttendanceDate", today.toString(), "firstAttendanceType", "OUTPATIENT"));
        p.runJob("registerFirstAttendanceCode");
        assertThat(p.codes()).containsExactly("A32A " + today, "A32S " + today);
        assertThat(p.timer("deadlineDecision").getDuedate().toInstant()).isEqualTo(osloMidnight(today.plusDays(22)));
        assertThat(p.task("registerEndoscopyResult").getDueDate().toInstant())
            .isEqualTo(lastMoment(today.plusDays(21)));

        // the status counts calendar days in Oslo: met today, due in 21 days
        List<PathwayTimes.IntervalTime> times = new PathwayTimes(ENGINE.rules).of(p.registrations(), today);
        assertThat(times).filteredOn(t -> t.interval().equals("REFERRAL_TO_FIRST_ATTENDANCE"))
            .singleElement()
            .satisfies(t -> {
                assertThat(t.days()).isZero();
                assertThat(t.status()).isEqualTo(PathwayTimes.Status.MET);
            });
        assertThat(times).filteredOn(t -> t.interval().equals("FIRST_ATTENDANCE_TO_DECISION"))
            .singleElement()
            .satisfies(t -> {
                assertThat(t.due()).isEqualTo(today.plusDays(21));
                assertThat(t.status()).isEqualTo(PathwayTimes.Status.PENDING);
            });
    }

    /** A pathway received on this day, registered at this moment. */
    private Pathway startAt(ZonedDateTime moment, LocalDate received) {
        String referralId = "HEN-DAGER-" + System.nanoTime();
        var pi = org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService()
            .startProcessInstanceByKey(TestData.PROCESS_KEY, referralId,
                    TestData.referralVariables(referralId, received.toString(), TestData.HOSPITAL));
        TestClock.set(moment);
        return new Pathway(pi);
    }

}
