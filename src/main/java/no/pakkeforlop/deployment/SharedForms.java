package no.pakkeforlop.deployment;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import no.pakkeforlop.rules.PathwayData;
import no.pakkeforlop.rules.PathwayRules;

/**
 * The forms every organ-specific pathway shares ({@code forms/shared/<task>.form}: first
 * attendance, transfer and termination, the breach follow-up, additional referrals, the
 * talks at referral and before treatment, care after termination), written once and
 * deployed with each pathway whose model refers to them, made that pathway's own on the
 * way: a placeholder {@code ${name}} in the form's text becomes
 * <ul>
 * <li>{@code ${code}}: the pathway's code prefix ("A32"), so that {@code ${code}X} reads
 * "A32X";</li>
 * <li>any key of the pathway's {@code formTexts}
 * ({@code processes/<folder>/pathway.json}), e.g. {@code ${cancerFound}}.</li>
 * </ul>
 * A shared form's id is {@code pakkeforlop-<task>} in every pathway: each pathway deploys
 * its own copy, and its tasks find it in their own deployment
 * ({@code camunda:formRefBinding="deployment"}), so the same id never meets another
 * pathway's form. A pathway whose task needs a form of its own refers to its own
 * ({@code forms/<folder>/<task>.form}, {@code <prefix>-<task>}); the shared one is then
 * not deployed with it. A placeholder the pathway does not fill, or a shared form whose
 * id is not {@code pakkeforlop-<task>}, stops the deployment.
 */
public final class SharedForms {

    /** The folder of the shared forms, under {@code forms/}. */
    public static final String FOLDER = PathwayFolders.SHARED;

    /** The prefix of a shared form's id ({@code pakkeforlop-registerFirstAttendance}). */
    public static final String ID_PREFIX = "pakkeforlop-";

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z][A-Za-z0-9]*)}");

    private static final Pattern FORM_REF = Pattern.compile("camunda:formRef=\"([^\"]+)\"");

    private static final ObjectMapper JSON = new ObjectMapper();

    private SharedForms() {
    }

    /** What the placeholders of the shared forms become for one pathway. */
    public static Map<String, String> placeholders(PathwayRules rules, PathwayData data) {
        Map<String, String> values = new LinkedHashMap<>(data.formTexts());
        if (values.put("code", rules.codePrefix()) != null) {
            throw new IllegalStateException("Pathway data " + data.source()
                    + ": formTexts may not name code, which every pathway has from its rules table");
        }
        return values;
    }

    /** The form ids a model refers to ({@code camunda:formRef}). */
    public static Set<String> formRefs(String bpmn) {
        Set<String> ids = new TreeSet<>();
        Matcher refs = FORM_REF.matcher(bpmn);
        while (refs.find()) {
            ids.add(refs.group(1));
        }
        return ids;
    }

    /**
     * A shared form made a pathway's own: every placeholder filled (as JSON text, so a
     * quote in a pathway's words cannot break the form), and the result checked to be a
     * form whose id is {@code pakkeforlop-<task>}.
     * @param source the shared form's name, for errors ("forms/shared/x.form")
     * @param task the task the form is for (its file name without ".form")
     */
    public static byte[] render(byte[] form, Map<String, String> placeholders, String source, String task,
            String pathway) {
        String text = new String(form, StandardCharsets.UTF_8);
        Matcher matcher = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder();
        Set<String> unknown = new TreeSet<>();
        while (matcher.find()) {
            String value = placeholders.get(matcher.group(1));
            if (value == null) {
                unknown.add(matcher.group(1));
                continue;
            }
            matcher.appendReplacement(out,
                    Matcher.quoteReplacement(new String(JsonStringEncoder.getInstance().quoteAsString(value))));
        }
        matcher.appendTail(out);
        if (!unknown.isEmpty()) {
            throw new IllegalStateException("The shared form " + source + " uses " + unknown + ", which the pathway "
                    + pathway + " does not fill (formTexts in its pathway.json; known: "
                    + new TreeSet<>(placeholders.keySet()) + ")");
        }
        byte[] rendered = out.toString().getBytes(StandardCharsets.UTF_8);
        String id;
        try {
            JsonNode json = JSON.readTree(rendered);
            id = json == null ? null : json.path("id").asText(null);
        }
        catch (IOException e) {
            throw new IllegalStateException("The shared form " + source + " is no JSON once made the pathway " + pathway
                    + "'s: " + e.getMessage(), e);
        }
        if (!(ID_PREFIX + task).equals(id)) {
            throw new IllegalStateException(
                    "The shared form " + source + " has the id " + id + "; a shared form's id is " + ID_PREFIX + task);
        }
        return rendered;
    }

}
