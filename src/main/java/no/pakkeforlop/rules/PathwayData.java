package no.pakkeforlop.rules;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the checks of a pathway's tasks need besides the tasks' forms, as data
 * ({@code processes/<pathway folder>/pathway.json}, deployed with the folder): the order
 * of the pathway's dates with the names staff know them by, the MDT's specialties and
 * those without whom it places no patient in a group nor gives its recommendation, and
 * the treatment groups in words (a pathway whose MDT places no patient in a group has
 * none), and the pathway's own words in the forms the pathways share ({@code formTexts}).
 * Read for the version a pathway runs on ({@link PathwayCatalog#dataForDefinition}).
 * Identity is the object's own: one is read per deployment.
 */
public final class PathwayData {

    /**
     * Read-only after it is made, so shared (building one per table costs more than
     * reading it).
     */
    private static final ObjectMapper JSON = new ObjectMapper()
        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /** The name of the file in a pathway folder, and of the deployment's resource. */
    public static final String FILE = "pathway.json";

    /** The data of the oesophageal and gastric cancer pathway (A32), as built. */
    public static final String RESOURCE = "processes/a32-spiseror-magesekk/" + FILE;

    /**
     * A date of the pathway's order. One with {@code maxDaysBeforeReferral} may lie
     * before the dates before it (a gastroscopy done as the filter function lies before
     * the referral), but not more than that many days before the referral; the dates
     * after it are still checked against it.
     */
    @JsonIgnoreProperties("_comment")
    public record OrderedDate(String variable, String name, Integer maxDaysBeforeReferral) {

        public boolean mayPrecedeEarlierDates() {
            return maxDaysBeforeReferral != null;
        }

    }

    /**
     * The MDT's specialties (the yes/no fields of the MDT's form that record who took
     * part) and those required: without them the MDT places no patient in a treatment
     * group, nor gives a recommendation.
     */
    @JsonIgnoreProperties("_comment")
    public record Mdt(List<String> specialties, List<String> required) {

        public Mdt {
            specialties = specialties == null ? List.of() : List.copyOf(specialties);
            required = required == null ? List.of() : List.copyOf(required);
        }

    }

    /** A treatment group: its value, its intent, and the words staff read. */
    @JsonIgnoreProperties("_comment")
    public record TreatmentGroup(String value, Intent intent, String words) {
    }

    public enum Intent {

        CURATIVE, PALLIATIVE

    }

    @JsonIgnoreProperties("_comment")
    private record Content(List<OrderedDate> dateOrder, Mdt mdt, List<TreatmentGroup> treatmentGroups,
            Map<String, String> formTexts) {
    }

    private final String source;

    private final List<OrderedDate> dateOrder;

    private final Mdt mdt;

    private final Map<String, TreatmentGroup> groups;

    private final Map<String, String> formTexts;

    private PathwayData(String source, Content content) {
        this.source = source;
        this.dateOrder = List.copyOf(content.dateOrder());
        this.mdt = content.mdt() == null ? new Mdt(List.of(), List.of()) : content.mdt();
        Map<String, TreatmentGroup> byValue = new LinkedHashMap<>();
        for (TreatmentGroup group : content.treatmentGroups() == null ? List.<TreatmentGroup>of()
                : content.treatmentGroups()) {
            if (group.value() == null || group.intent() == null || group.words() == null
                    || byValue.put(group.value(), group) != null) {
                throw new IllegalStateException("Pathway data " + source + ": a treatment group needs a value of its"
                        + " own, an intent (CURATIVE, PALLIATIVE) and words: " + group);
            }
        }
        this.groups = java.util.Collections.unmodifiableMap(byValue);
        Map<String, String> texts = new LinkedHashMap<>(content.formTexts() == null ? Map.of() : content.formTexts());
        texts.keySet().removeIf(key -> key.startsWith("_"));
        this.formTexts = Map.copyOf(texts);
        if (formTexts.values().stream().anyMatch(text -> text == null || text.isBlank())) {
            throw new IllegalStateException("Pathway data " + source + ": a text of formTexts is empty");
        }
        if (!mdt.specialties().containsAll(mdt.required())) {
            throw new IllegalStateException(
                    "Pathway data " + source + ": mdt.required names a specialty not in mdt.specialties");
        }
    }

    /** The data of the oesophageal and gastric cancer pathway, as built. */
    public static PathwayData load() {
        return load(RESOURCE);
    }

    /** The pathway data at the given classpath resource. */
    public static PathwayData load(String resource) {
        try (InputStream in = PathwayData.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Pathway data not found on the classpath: " + resource);
            }
            return read(in, resource);
        }
        catch (IOException e) {
            throw new UncheckedIOException("Pathway data cannot be read: " + resource, e);
        }
    }

    /**
     * Pathway data read from a stream (a deployment's resource); {@code source} names it
     * in errors.
     */
    public static PathwayData read(InputStream in, String source) {
        Content content;
        try {
            content = JSON.readValue(in, Content.class);
        }
        catch (IOException e) {
            throw new IllegalStateException("Pathway data cannot be read: " + source + ": " + e.getMessage(), e);
        }
        if (content == null || content.dateOrder() == null
                || content.dateOrder().stream().anyMatch(date -> date.variable() == null || date.name() == null)) {
            throw new IllegalStateException(
                    "Pathway data " + source + " lacks dateOrder, or a date in it lacks its variable or name");
        }
        return new PathwayData(source, content);
    }

    /** Where the data was read from, for errors. */
    public String source() {
        return source;
    }

    /** The pathway's dates in order. */
    public List<OrderedDate> dateOrder() {
        return dateOrder;
    }

    /** The date of the order held in this variable. */
    public Optional<OrderedDate> orderedDate(String variable) {
        return dateOrder.stream().filter(date -> date.variable().equals(variable)).findFirst();
    }

    /** The dates of the order before the one held in this variable, in order. */
    public List<OrderedDate> datesBefore(String variable) {
        List<String> variables = dateOrder.stream().map(OrderedDate::variable).toList();
        int at = variables.indexOf(variable);
        if (at < 0) {
            throw new IllegalArgumentException("Pathway data " + source + ": " + variable + " is not in dateOrder");
        }
        return dateOrder.subList(0, at);
    }

    public Mdt mdt() {
        return mdt;
    }

    /** The treatment groups in order, by value. */
    public Map<String, TreatmentGroup> treatmentGroups() {
        return groups;
    }

    /**
     * Whether the value is a treatment group of the given intent; never for no group (a
     * pathway without groups, or a patient not placed in one).
     */
    public boolean isGroupOf(Object group, Intent intent) {
        TreatmentGroup known = group instanceof String value ? groups.get(value) : null;
        return known != null && known.intent() == intent;
    }

    /**
     * The pathway's words for the shared forms ({@code forms/shared/}): each key is a
     * placeholder {@code ${key}} there ({@code deployment.SharedForms}).
     */
    public Map<String, String> formTexts() {
        return formTexts;
    }

    /** The group in words, e.g. "gruppe 2: resektabel, ...", or the value itself. */
    public String describe(String group) {
        TreatmentGroup known = group == null ? null : groups.get(group);
        return known == null ? group : known.words();
    }

}
