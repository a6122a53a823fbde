package no.pakkeforlop.checks;

import java.time.LocalDate;
import java.util.List;
import no.pakkeforlop.refusals.FieldError;
import no.pakkeforlop.rules.PathwayDates;

/**
 * One value a form or a request carries, with the rule the server holds it to. The label
 * is what staff see on the form, so a refusal names the field as they know it. Evaluated
 * by {@link Checker}: an acceptable value is recorded as accepted (in its normal form: a
 * whole number as an Integer, an optional yes/no left empty as false), a refused one as a
 * {@link FieldError} with a Norwegian message.
 */
public sealed interface Field extends Check {

    String key();

    String label();

    /**
     * The value in its normal form, or null after recording the refusal (or when an
     * optional value is absent).
     */
    Object accept(Object value, Checker checker);

    /**
     * The same field, not required: its rule for a value sent where the form does not ask
     * for it (see {@link Check#shownWhen}).
     */
    Field optional();

    @Override
    default void apply(Checker checker) {
        checker.accept(key(), accept(checker.value(key()), checker));
    }

    static boolean blank(Object value) {
        return value == null || value instanceof String text && text.isBlank();
    }

    /**
     * Free text up to {@code max} characters; blank counts as empty. One line (a name, a
     * hospital) unless {@code lines}: a line break or any other control character would
     * let a name forge a row of the access log or the export, or a line of the log. Text
     * of several lines (a note, a recommendation) may hold line breaks and tabs, nothing
     * else of the kind.
     */
    record Text(String key, String label, int max, boolean required, boolean lines) implements Field {

        /** One line of text. */
        public Text(String key, String label, int max, boolean required) {
            this(key, label, max, required, false);
        }

        /** Text of several lines (a form's text area). */
        public static Text lines(String key, String label, int max, boolean required) {
            return new Text(key, label, max, required, true);
        }

        @Override
        public Object accept(Object value, Checker checker) {
            if (blank(value)) {
                return required ? checker.refuse(this, "må fylles ut.") : null;
            }
            if (!(value instanceof String text)) {
                return checker.refuse(this, "må være tekst.");
            }
            if (text.length() > max) {
                return checker.refuse(this, "kan ha høyst " + max + " tegn (nå " + text.length() + ").");
            }
            if (text.chars().anyMatch(c -> control(c, lines))) {
                return checker.refuse(this, lines ? "kan ikke inneholde kontrolltegn."
                        : "må stå på én linje, uten linjeskift eller andre kontrolltegn.");
            }
            return text;
        }

        @Override
        public Field optional() {
            return new Text(key, label, max, false, lines);
        }

        /** A character no text of ours holds (line breaks and tabs only where lines). */
        public static boolean control(int c, boolean lines) {
            if (lines && (c == '\n' || c == '\r' || c == '\t')) {
                return false;
            }
            return Character.isISOControl(c) || c == '\u2028' || c == '\u2029';
        }

    }

    /**
     * One of a value list (a code); the refusal of an unknown value lists the valid ones,
     * and so does the refusal of a missing one where {@code namesValuesWhenMissing} (a
     * request typed by hand, where no dropdown shows them).
     */
    record OneOf(String key, String label, List<String> values, boolean required,
            boolean namesValuesWhenMissing) implements Field {

        public OneOf {
            values = List.copyOf(values);
        }

        public OneOf(String key, String label, List<String> values, boolean required) {
            this(key, label, values, required, false);
        }

        @Override
        public Field optional() {
            return new OneOf(key, label, values, false, namesValuesWhenMissing);
        }

        @Override
        public Object accept(Object value, Checker checker) {
            if (value == null || "".equals(value)) {
                return required
                        ? checker.refuse(this, "må fylles ut."
                                + (namesValuesWhenMissing ? " Gyldige verdier: " + Messages.values(values) + "." : ""))
                        : null;
            }
            if (!(value instanceof String text) || !values.contains(text)) {
                return checker.refuse(this, "har ukjent verdi «" + Messages.shorten(value) + "». Gyldige verdier: "
                        + Messages.values(values) + ".");
            }
            return text;
        }
    }

    /**
     * Yes or no: optional (empty means no), required (either), or ticked (a checklist
     * item that must be done).
     */
    record YesNo(String key, String label, Need need) implements Field {
        public enum Need {

            OPTIONAL, REQUIRED, TICKED

        }

        @Override
        public Object accept(Object value, Checker checker) {
            if (value == null && need == Need.REQUIRED) {
                return checker.refuse(this, "må fylles ut (ja eller nei).");
            }
            if (value != null && !(value instanceof Boolean)) {
                return checker.refuse(this, "må være ja eller nei, ikke «" + Messages.shorten(value) + "».");
            }
            if (need == Need.TICKED && !Boolean.TRUE.equals(value)) {
                return checker.refuse(this, "må være krysset av før oppgaven kan fullføres.");
            }
            return Boolean.TRUE.equals(value);
        }

        @Override
        public Field optional() {
            return new YesNo(key, label, Need.OPTIONAL);
        }
    }

    /**
     * A whole number from {@code min} to {@code max} (forms submit numbers as Long or
     * Double).
     */
    record WholeNumber(String key, String label, int min, int max, boolean required) implements Field {
        @Override
        public Object accept(Object value, Checker checker) {
            if (value == null) {
                return required ? checker.refuse(this, "må fylles ut.") : null;
            }
            if (value instanceof Number number && number.doubleValue() == Math.rint(number.doubleValue())
                    && number.doubleValue() >= min && number.doubleValue() <= max) {
                return number.intValue();
            }
            return checker.refuse(this,
                    "må være et heltall fra " + min + " til " + max + ", ikke «" + Messages.shorten(value) + "».");
        }

        @Override
        public Field optional() {
            return new WholeNumber(key, label, min, max, false);
        }
    }

    /**
     * A calendar date {@code yyyy-MM-dd}; a date of the pathway may not lie in the
     * future.
     */
    record Date(String key, String label, boolean required, boolean notInFuture) implements Field {
        @Override
        public Object accept(Object value, Checker checker) {
            if (blank(value)) {
                return required ? checker.refuse(this, "må fylles ut.") : null;
            }
            LocalDate date = PathwayDates.parseOrNull(value);
            if (date == null) {
                return checker.refuse(this,
                        "må være en gyldig dato på formen ÅÅÅÅ-MM-DD, ikke «" + Messages.shorten(value) + "».");
            }
            if (notInFuture && date.isAfter(checker.today())) {
                return checker.refuse(this, "(" + PathwayDates.display(date) + ") kan ikke være fram i tid.");
            }
            return date;
        }

        @Override
        public Field optional() {
            return new Date(key, label, false, notInFuture);
        }

        /**
         * The same date, not allowed to lie in the future: a rule a form cannot express
         * (form-js has no "not after today").
         */
        public Date notInTheFuture() {
            return new Date(key, label, required, true);
        }
    }

}
