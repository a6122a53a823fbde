package no.pakkeforlop.rules;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import org.camunda.bpm.engine.impl.util.ClockUtil;

/**
 * Calendar dates of the pathway: strict {@code yyyy-MM-dd}, and "today" in the pathway's
 * time zone by the engine clock.
 */
public final class PathwayDates {

    /** Strict ISO date: rejects 2026-02-30 and years outside 0001-9999. */
    private static final DateTimeFormatter ISO = DateTimeFormatter.ofPattern("uuuu-MM-dd")
        .withResolverStyle(ResolverStyle.STRICT);

    private static final DateTimeFormatter DISPLAY = DateTimeFormatter.ofPattern("dd.MM.uuuu");

    private PathwayDates() {
    }

    /**
     * Parses a date, or returns null when the text is not a valid calendar date in the
     * form yyyy-MM-dd.
     */
    public static LocalDate parseOrNull(Object value) {
        if (value instanceof LocalDate date) {
            return date;
        }
        if (!(value instanceof String text) || text.length() != 10) {
            return null;
        }
        try {
            LocalDate date = LocalDate.parse(text, ISO);
            return date.getYear() < 1 ? null : date;
        }
        catch (DateTimeParseException e) {
            return null;
        }
    }

    public static String format(LocalDate date) {
        return date.format(ISO);
    }

    /**
     * A date as staff read it in a message: dd.MM.yyyy (never the ambiguous or the ISO
     * order).
     */
    public static String display(LocalDate date) {
        return date.format(DISPLAY);
    }

    /**
     * Today in the pathway's zone, by the engine clock (which tests move with ClockUtil).
     */
    public static LocalDate today(ZoneId zone) {
        return ClockUtil.getCurrentTime().toInstant().atZone(zone).toLocalDate();
    }

}
