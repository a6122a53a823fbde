package no.pakkeforlop.testsupport;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.Date;
import java.util.List;
import java.util.stream.Stream;
import org.camunda.bpm.engine.impl.util.ClockUtil;

/**
 * "Today" for the tests, in Oslo: a fixed moment, never the machine's date, so that a
 * test means the same on every day of the year and in every time zone. The product reads
 * "today" from the engine clock ({@code rules.PathwayDates.today}), which {@link #set()}
 * and {@link #run()} put on this moment.
 *
 * <p>
 * {@code -Dtest.today=yyyy-MM-dd} and {@code -Dtest.time=HH:mm} choose another moment
 * (README "Tests"); {@link #AWKWARD} are the moments the date-sensitive tests run on
 * besides it, whatever it is.
 */
public final class TestClock {

    /**
     * The default: 10 September 2026 at 10:00 in Oslo. Its tomorrow and the days before
     * it have one-digit days (11.09 is two-digit, 03.09 is not), which is where a date
     * shown without leading zeros shows.
     */
    static final String DEFAULT_DAY = "2026-09-10";

    static final String DEFAULT_TIME = "10:00";

    /**
     * The days on which dates go wrong if anything does: the first of a month (and of a
     * year), 9 and 10 September (one- and two-digit days in a one-digit month), the two
     * days Oslo changes to and from summer time, the last day of the year, a leap day;
     * each just after midnight, at noon and just before midnight in Oslo (when the date
     * in UTC is another one).
     */
    public static final List<ZonedDateTime> AWKWARD = Stream
        .of("2026-01-01", "2026-03-01", "2026-03-29", "2026-09-09", "2026-09-10", "2026-10-25", "2026-12-31",
                "2028-02-29")
        .flatMap(day -> Stream.of("00:30", "12:00", "23:30")
            .map(time -> ZonedDateTime.of(LocalDate.parse(day), LocalTime.parse(time), TestData.OSLO)))
        .toList();

    private TestClock() {
    }

    /** The tests' moment in Oslo. */
    public static ZonedDateTime now() {
        return ZonedDateTime.of(LocalDate.parse(System.getProperty("test.today", DEFAULT_DAY)),
                LocalTime.parse(System.getProperty("test.time", DEFAULT_TIME)), TestData.OSLO);
    }

    /** The tests' day in Oslo. */
    public static LocalDate today() {
        return now().toLocalDate();
    }

    /**
     * Stops the engine clock at the tests' moment. Reset it with
     * {@code ClockUtil.reset()}.
     */
    public static void set() {
        set(now());
    }

    /** Stops the engine clock at this moment. */
    public static void set(ZonedDateTime moment) {
        ClockUtil.setCurrentTime(Date.from(moment.toInstant()));
    }

    /**
     * Lets the engine clock run from the tests' moment on (for a browser, whose requests
     * take real time). Reset it with {@code ClockUtil.reset()}.
     */
    public static void run() {
        run(now());
    }

    /** Lets the engine clock run from this moment on. */
    public static void run(ZonedDateTime moment) {
        ClockUtil.reset();
        ClockUtil.offset(moment.toInstant().toEpochMilli() - Instant.now().toEpochMilli());
    }

}
