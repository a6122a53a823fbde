package no.pakkeforlop.dialogue;

import java.util.List;
import java.util.Optional;

/**
 * One value a dialogue or follow-up form records, with the rule the server holds it to. The label is the form
 * field's label (the form test keeps the two equal), so a refusal names the field as staff see it.
 */
public sealed interface DialogueField {

  String key();

  String label();

  /** The refusal for this value, in Norwegian, or empty when the value is acceptable. */
  Optional<String> problem(Object value);

  /** A checklist item, ticked (true) or not (false); a mandatory item must be ticked. */
  record Confirmation(String key, String label, boolean mandatory) implements DialogueField {
    @Override
    public Optional<String> problem(Object value) {
      if (value != null && !(value instanceof Boolean)) {
        return Optional.of("«" + label + "» må være ja eller nei, ikke «" + shorten(value) + "».");
      }
      if (mandatory && !Boolean.TRUE.equals(value)) {
        return Optional.of("«" + label + "» må være krysset av før oppgaven kan fullføres.");
      }
      return Optional.empty();
    }
  }

  /** One of a fixed list of values. */
  record Choice(String key, String label, List<String> values, boolean required) implements DialogueField {
    public Choice {
      values = List.copyOf(values);
    }

    @Override
    public Optional<String> problem(Object value) {
      if (value == null || "".equals(value)) {
        return required ? Optional.of("«" + label + "» må fylles ut.") : Optional.empty();
      }
      if (!(value instanceof String text) || !values.contains(text)) {
        return Optional.of("«" + label + "» har ukjent verdi «" + shorten(value) + "». Gyldige verdier: "
            + String.join(", ", values) + ".");
      }
      return Optional.empty();
    }
  }

  /** Free text with a length limit; blank counts as empty. */
  record Note(String key, String label, int maxLength, boolean required) implements DialogueField {
    @Override
    public Optional<String> problem(Object value) {
      if (value == null || value instanceof String text && text.isBlank()) {
        return required ? Optional.of("«" + label + "» må fylles ut.") : Optional.empty();
      }
      if (!(value instanceof String text)) {
        return Optional.of("«" + label + "» må være tekst.");
      }
      if (text.length() > maxLength) {
        return Optional.of("«" + label + "» kan ha høyst " + maxLength + " tegn (nå " + text.length() + ").");
      }
      return Optional.empty();
    }
  }

  private static String shorten(Object value) {
    String text = String.valueOf(value);
    return text.length() > 40 ? text.substring(0, 40) + "…" : text;
  }
}
