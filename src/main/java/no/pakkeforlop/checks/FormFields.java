package no.pakkeforlop.checks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import no.pakkeforlop.checks.Field.YesNo.Need;

/**
 * The input fields of one Camunda Form (form-js schema, as Tasklist 7.24 renders it),
 * each with its own rule as a {@link Field}: what the form itself says about the value it
 * submits. The form is the one source of a field's key, label, required flag, options and
 * length; the server checks a completion against the form of the version the task runs on
 * ({@link DeployedTaskVersions}), and only the rules across fields are Java.
 *
 * <p>
 * How a component becomes a rule:
 * <ul>
 * <li>{@code textfield}: {@link Field.Text} of one line, {@code textarea}: of several
 * lines; {@code validate.maxLength} is the length (required: the server stores no text
 * without a limit);</li>
 * <li>{@code datetime} with {@code subtype} {@code date}: {@link Field.Date} (that a date
 * may not lie in the future is a rule the form cannot express: the task's Java rule adds
 * it, {@link Field.Date#notInTheFuture()});</li>
 * <li>{@code number} with {@code validate.min} and {@code validate.max}:
 * {@link Field.WholeNumber};</li>
 * <li>{@code select} and {@code radio}: {@link Field.OneOf} of the options' values;
 * options {@code true}/{@code false}: {@link Field.YesNo}; whole numbers without a gap:
 * {@link Field.WholeNumber} from the least to the greatest;</li>
 * <li>{@code checkbox}: {@link Field.YesNo}, required meaning it must be ticked.</li>
 * </ul>
 * {@code validate.required} makes a field required. The label is the component's
 * {@code label} ({@code dateLabel} for a date), or, where the label on the form is not a
 * name a message can begin with (a question, a name inside a group), the custom property
 * {@value #MESSAGE_LABEL} (form-js {@code properties}, which Tasklist does not show).
 * Disabled and read-only components only show a value and are not inputs. Anything the
 * server cannot hold a value to (options from a variable, a FEEL expression as a limit, a
 * pattern, a checklist, a component type not listed) refuses the form with a message
 * naming the field: a rule of the form is never silently left unchecked.
 * <p>
 * A field shown only on a condition ({@code conditional.hide}, its own or a group's) is
 * marked {@link Input#conditional()}: the server cannot evaluate FEEL, so the task's Java
 * rule says when it is asked for ({@link Check#shownWhen}); without one, a required
 * conditional field refuses the task's table ({@link TaskForm}).
 */
public final class FormFields {

    /**
     * The custom property (form-js {@code properties}) that names a field in the server's
     * messages where its label on the form cannot.
     */
    public static final String MESSAGE_LABEL = "messageLabel";

    /** One input of the form: its rule, its label as the form shows it, its condition. */
    public record Input(Field rule, String type, String label, List<String> hidden) {

        public Input {
            hidden = List.copyOf(hidden);
        }

        public String key() {
            return rule.key();
        }

        /** Whether the form may hide the field (then it submits nothing for it). */
        public boolean conditional() {
            return !hidden.isEmpty();
        }

        /** Whether the form requires a value (a checkbox: ticked). */
        public boolean required() {
            if (rule instanceof Field.YesNo yesNo) {
                return yesNo.need() != Need.OPTIONAL;
            }
            if (rule instanceof Field.Text text) {
                return text.required();
            }
            if (rule instanceof Field.OneOf oneOf) {
                return oneOf.required();
            }
            if (rule instanceof Field.WholeNumber number) {
                return number.required();
            }
            return ((Field.Date) rule).required();
        }

    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final Set<String> TEXT_VALIDATION = Set.of("required", "maxLength");

    private static final Set<String> RANGE_VALIDATION = Set.of("required", "min", "max");

    private static final Set<String> REQUIRED_ONLY = Set.of("required");

    private final String formId;

    private final String source;

    private final Map<String, Input> inputs;

    private FormFields(String formId, String source, Map<String, Input> inputs) {
        this.formId = formId;
        this.source = source;
        this.inputs = Collections.unmodifiableMap(inputs);
    }

    /**
     * The form in the stream; {@code source} names it in errors (a deployment's
     * resource).
     * @throws IllegalStateException when it is no form, or has a field the server cannot
     * check
     */
    public static FormFields read(InputStream in, String source) {
        JsonNode form;
        try {
            form = JSON.readTree(in);
        }
        catch (IOException e) {
            throw new IllegalStateException("The form " + source + " is not JSON: " + e.getMessage(), e);
        }
        return read(form, source);
    }

    /**
     * @throws IllegalStateException when it is no form, or has a field the server cannot
     * check
     */
    public static FormFields read(JsonNode form, String source) {
        if (form == null || !form.isObject() || !form.path("id").isTextual() || !form.path("components").isArray()) {
            throw new IllegalStateException(
                    "The form " + source + " is not a Camunda Form: it needs an \"id\" and a list of \"components\"");
        }
        String formId = form.get("id").asText();
        Map<String, Input> inputs = new LinkedHashMap<>();
        collect(form, List.of(), inputs, formId + " (" + source + ")");
        return new FormFields(formId, source, inputs);
    }

    private static void collect(JsonNode container, List<String> hidden, Map<String, Input> inputs, String form) {
        for (JsonNode component : container.path("components")) {
            List<String> hiddenHere = new ArrayList<>(hidden);
            if (component.path("conditional").hasNonNull("hide")) {
                hiddenHere.add(component.path("conditional").path("hide").asText());
            }
            boolean shows = component.path("disabled").asBoolean(false) || component.path("readonly").asBoolean(false);
            if (component.hasNonNull("key") && !shows) {
                Input input = input(component, hiddenHere, form);
                if (inputs.put(input.key(), input) != null) {
                    throw new IllegalStateException("The form " + form + " has the field " + input.key() + " twice");
                }
            }
            collect(component, hiddenHere, inputs, form);
        }
    }

    private static Input input(JsonNode component, List<String> hidden, String form) {
        String key = component.get("key").asText();
        String type = component.path("type").asText();
        String what = "The field " + key + " (" + type + ") of the form " + form;
        String shown = "datetime".equals(type) ? component.path("dateLabel").asText("")
                : component.path("label").asText("");
        if (shown.isBlank()) {
            throw new IllegalStateException(what + " has no label: the server's messages name a field by it");
        }
        String label = component.path("properties").path(MESSAGE_LABEL).asText(shown);
        JsonNode validate = component.path("validate");
        boolean required = validate.path("required").asBoolean(false);
        Field rule = switch (type) {
            case "textfield", "textarea" -> {
                only(validate, TEXT_VALIDATION, what);
                if (!validate.path("maxLength").canConvertToInt() || validate.path("maxLength").asInt() <= 0) {
                    throw new IllegalStateException(
                            what + " has no validate.maxLength: the server keeps no text" + " without a limit");
                }
                int max = validate.path("maxLength").asInt();
                yield "textarea".equals(type) ? Field.Text.lines(key, label, max, required)
                        : new Field.Text(key, label, max, required);
            }
            case "datetime" -> {
                only(validate, REQUIRED_ONLY, what);
                if (!"date".equals(component.path("subtype").asText())) {
                    throw new IllegalStateException(what + " is not a date (subtype \"date\"): a pathway's dates are"
                            + " days, submitted as yyyy-MM-dd");
                }
                if (component.path("disallowPassedDates").asBoolean(false)) {
                    throw new IllegalStateException(what + " disallows passed dates, which the server does not check");
                }
                yield new Field.Date(key, label, required, false);
            }
            case "number" -> {
                only(validate, RANGE_VALIDATION, what);
                if (!validate.path("min").isIntegralNumber() || !validate.path("max").isIntegralNumber()) {
                    throw new IllegalStateException(what + " needs validate.min and validate.max as whole numbers"
                            + " (not FEEL): the server holds the value to them");
                }
                yield new Field.WholeNumber(key, label, validate.path("min").asInt(), validate.path("max").asInt(),
                        required);
            }
            case "select", "radio" -> {
                only(validate, REQUIRED_ONLY, what);
                yield choice(key, label, required, options(component, what), what);
            }
            case "checkbox" -> {
                only(validate, REQUIRED_ONLY, what);
                yield new Field.YesNo(key, label, required ? Need.TICKED : Need.OPTIONAL);
            }
            default -> throw new IllegalStateException(what + ": the server cannot check a field of this type");
        };
        return new Input(rule, type, shown, hidden);
    }

    private static void only(JsonNode validate, Set<String> known, String what) {
        Set<String> unknown = new TreeSet<>();
        validate.fieldNames().forEachRemaining(name -> {
            if (!known.contains(name)) {
                unknown.add(name);
            }
        });
        if (!unknown.isEmpty()) {
            throw new IllegalStateException(what + " has validate." + String.join(", validate.", unknown)
                    + ", which the server does not check (it checks " + String.join(", ", new TreeSet<>(known))
                    + " here)");
        }
    }

    private static List<JsonNode> options(JsonNode component, String what) {
        if (component.has("valuesKey") || component.has("valuesExpression")) {
            throw new IllegalStateException(what + " takes its options from a variable or an expression: the server"
                    + " checks against options written in the form");
        }
        List<JsonNode> values = new ArrayList<>();
        component.path("values").forEach(option -> values.add(option.path("value")));
        if (values.isEmpty() || values.stream().anyMatch(JsonNode::isMissingNode)) {
            throw new IllegalStateException(what + " has no options (values with a value each)");
        }
        return values;
    }

    private static Field choice(String key, String label, boolean required, List<JsonNode> values, String what) {
        if (values.stream().allMatch(JsonNode::isBoolean)) {
            if (values.size() != 2 || values.get(0).asBoolean() == values.get(1).asBoolean()) {
                throw new IllegalStateException(what + ": a yes/no choice has the options true and false");
            }
            return new Field.YesNo(key, label, required ? Need.REQUIRED : Need.OPTIONAL);
        }
        if (values.stream().allMatch(JsonNode::isIntegralNumber)) {
            TreeSet<Integer> numbers = new TreeSet<>();
            values.forEach(value -> numbers.add(value.asInt()));
            if (numbers.size() != values.size() || numbers.last() - numbers.first() + 1 != numbers.size()) {
                throw new IllegalStateException(what + ": a choice of numbers has whole numbers without a gap"
                        + " (the server holds the value to the range), not " + numbers);
            }
            return new Field.WholeNumber(key, label, numbers.first(), numbers.last(), required);
        }
        if (values.stream().allMatch(JsonNode::isTextual)) {
            List<String> texts = values.stream().map(JsonNode::asText).toList();
            if (texts.size() != new java.util.HashSet<>(texts).size()) {
                throw new IllegalStateException(what + " has an option twice");
            }
            return new Field.OneOf(key, label, texts, required);
        }
        throw new IllegalStateException(
                what + ": options of one kind (texts, whole numbers, or true and false), not " + values);
    }

    /** The form's id ({@code a32-registerFirstAttendance}). */
    public String formId() {
        return formId;
    }

    /** Where the form was read from, for errors. */
    public String source() {
        return source;
    }

    /** The inputs in the form's order (depth first, a group's inside it). */
    public List<Input> inputs() {
        return List.copyOf(inputs.values());
    }

    public Optional<Input> input(String key) {
        return Optional.ofNullable(inputs.get(key));
    }

    /** The fields' own rules, in the form's order. */
    public List<Field> fields() {
        return inputs.values().stream().map(Input::rule).toList();
    }

    @Override
    public String toString() {
        return formId + " (" + source + ")";
    }

}
