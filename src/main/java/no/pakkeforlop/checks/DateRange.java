package no.pakkeforlop.checks;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import no.pakkeforlop.rules.PathwayDates;

/** A date range from query parameters {@code from} and {@code to}, both included; 400 when it is not one. */
public record DateRange(LocalDate from, LocalDate to) {

  public static DateRange parse(String from, String to) {
    List<FieldError> errors = new ArrayList<>();
    LocalDate start = date("from", "Fra-dato", from, errors);
    LocalDate end = date("to", "Til-dato", to, errors);
    if (start != null && end != null && start.isAfter(end)) {
      errors.add(new FieldError("from", "Fra-dato (" + start + ") kan ikke være etter til-dato (" + end + ")."));
    }
    if (!errors.isEmpty()) {
      throw new InputRefusedException(errors);
    }
    return new DateRange(start, end);
  }

  private static LocalDate date(String field, String label, String value, List<FieldError> errors) {
    if (value == null || value.isBlank()) {
      errors.add(new FieldError(field, label + " må fylles ut (ÅÅÅÅ-MM-DD)."));
      return null;
    }
    LocalDate date = PathwayDates.parseOrNull(value);
    if (date == null) {
      errors.add(new FieldError(field, label + " må være en gyldig dato på formen ÅÅÅÅ-MM-DD, ikke «"
          + (value.length() > 40 ? value.substring(0, 40) + "…" : value) + "»."));
    }
    return date;
  }
}
