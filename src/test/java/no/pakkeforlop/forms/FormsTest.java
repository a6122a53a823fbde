package no.pakkeforlop.forms;

import static no.pakkeforlop.decisions.TreatmentGroupProposal.DECISION_KEY;
import static no.pakkeforlop.testsupport.FormFiles.components;

import no.pakkeforlop.testsupport.BuiltTaskVersions;
import no.pakkeforlop.deployment.PathwayFolders;
import no.pakkeforlop.deployment.SharedForms;
import no.pakkeforlop.testsupport.FormFiles;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import no.pakkeforlop.checks.FormFields;
import no.pakkeforlop.codes.CodeRegistry;
import no.pakkeforlop.decisions.TreatmentGroupProposal;
import no.pakkeforlop.dialogue.DialogueCompletion;
import no.pakkeforlop.dialogue.Interpreter;
import no.pakkeforlop.intake.ReferralValidation;
import no.pakkeforlop.milestones.MilestoneValidation;
import no.pakkeforlop.refusals.FieldError;
import no.pakkeforlop.refusals.InputRefusedException;
import no.pakkeforlop.rules.FrailtyScale;
import no.pakkeforlop.rules.PathwayDates;
import no.pakkeforlop.rules.PathwayRules;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.StartEvent;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaExecutionListener;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaTaskListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The Camunda Forms in {@code forms/} against the models in {@code processes/}, for every
 * pathway folder ({@code processes/<folder>/} with {@code forms/<folder>/}): every user
 * task and start event has its form in its pathway's folder, with an id namespaced by the
 * pathway, Tasklist 7.24 (form-js 1.8, schema version 16) can render it, every field is a
 * variable the process reads, every option the form offers is one the server accepts, and
 * a dialogue form hides a field on the condition the server asks for it on (the server
 * reads each task's own rules from its form, {@code checks.FormFields}). What the process
 * reads is not listed here: it is recorded by running the listener the model wires for
 * the completion (or start) with the form's own values, against the forms, rules table
 * and data of the form's own pathway folder.
 */
class FormsTest {

    static final Path PROCESSES = Path.of("processes");

    /** form-js 1.8.x, embedded in Tasklist 7.22-7.24. */
    static final int MAX_SCHEMA_VERSION = 16;

    /**
     * The components used here, each seen rendered in Tasklist 7.24 (see the browser test
     * and the README).
     */
    static final Set<String> RENDERED_TYPES = Set.of("text", "textfield", "textarea", "number", "datetime", "select",
            "radio", "checkbox", "checklist", "group");
    static final Set<String> CHOICE_TYPES = Set.of("select", "radio", "checklist");
    static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Where a form is used: the element that refers to it and the listener that reads
     * what it submits.
     */
    record Usage(String folder, String model, String elementId, boolean startEvent, String formRef, String binding,
            String reader) {
        @Override
        public String toString() {
            return elementId + " (" + folder + "/" + model + ")";
        }
    }

    /**
     * One input of a form (a keyed component), with the values it can submit when it is a
     * choice.
     */
    record Field(String key, String type, String label, JsonNode component) {
        boolean required() {
            return component.path("validate").path("required").asBoolean(false);
        }

        List<Object> options() {
            List<Object> options = new ArrayList<>();
            component.path("values").forEach(option -> options.add(javaValue(option.path("value"))));
            return options;
        }

        Map<Object, String> optionLabels() {
            Map<Object, String> labels = new LinkedHashMap<>();
            component.path("values")
                .forEach(option -> labels.put(javaValue(option.path("value")), option.path("label").asText()));
            return labels;
        }
    }

    // ------------------------------------------------------------------ the forms and
    // where they are used

    static List<Usage> usages() throws IOException {
        List<Usage> usages = new ArrayList<>();
        // every pathway folder's models as it deploys them: its own and the shared ones
        // it calls (processes/shared/), whose tasks are the pathway's
        for (PathwayFolders.Folder pathway : PathwayFolders.onClasspath()) {
            String folder = pathway.name();
            for (var resource : new java.util.TreeMap<>(pathway.resources()).entrySet()) {
                if (!resource.getKey().endsWith(".bpmn")) {
                    continue;
                }
                BpmnModelInstance model;
                try (var in = resource.getValue().getInputStream()) {
                    model = Bpmn.readModelFromStream(in);
                }
                boolean own = resource.getKey().startsWith("processes/" + folder + "/");
                String name = own ? resource.getKey().substring(resource.getKey().lastIndexOf('/') + 1)
                        : resource.getKey().substring("processes/".length());
                for (UserTask task : model.getModelElementsByType(UserTask.class)) {
                    usages.add(new Usage(folder, name, task.getId(), false, task.getCamundaFormRef(),
                            task.getCamundaFormRefBinding(), listener(task, CamundaTaskListener.class, "complete")));
                }
                for (StartEvent start : model.getModelElementsByType(StartEvent.class)) {
                    // a shared part starts when its pathway calls it: no start form
                    if (own && start.getParentElement() instanceof Process) {
                        usages.add(new Usage(folder, name, start.getId(), true, start.getCamundaFormRef(),
                                start.getCamundaFormRefBinding(),
                                listener(start, CamundaExecutionListener.class, "start")));
                    }
                }
            }
        }
        return usages;
    }

    /**
     * The bean name of the listener on the given event, from its delegate expression
     * ${bean}.
     */
    private static String listener(BaseElement element,
            Class<? extends org.camunda.bpm.model.xml.instance.ModelElementInstance> type, String event) {
        if (element.getExtensionElements() == null) {
            return null;
        }
        return element.getExtensionElements()
            .getElementsQuery()
            .filterByType(type)
            .list()
            .stream()
            .map(l -> l instanceof CamundaTaskListener t
                    ? new String[] { t.getCamundaEvent(), t.getCamundaDelegateExpression() }
                    : new String[] { ((CamundaExecutionListener) l).getCamundaEvent(),
                            ((CamundaExecutionListener) l).getCamundaDelegateExpression() })
            .filter(l -> event.equals(l[0]) && l[1] != null && l[1].matches("\\$\\{\\w+}"))
            .map(l -> l[1].substring(2, l[1].length() - 1))
            .findFirst()
            .orElse(null);
    }

    /** The form of a usage, from its pathway's folder. */
    static JsonNode form(Usage usage) throws IOException {
        return form(usage.folder(), usage.formRef());
    }

    static JsonNode form(String folder, String formRef) throws IOException {
        return FormFiles.deployedFormJson(folder, FormFiles.taskOf(formRef));
    }

    /** The usages of one pathway folder's model. */
    static List<Usage> usagesOf(String folder) throws IOException {
        return usages().stream().filter(u -> u.folder().equals(folder)).toList();
    }

    /** The pathway folders, each once. */
    static Stream<String> pathwayFolders() {
        return FormFiles.pathwayFolders().stream();
    }

    /**
     * The inputs a form submits; a disabled field only shows a variable (form-js does not
     * submit it).
     */
    static List<Field> fields(JsonNode form) {
        return components(form).stream()
            .filter(c -> c.hasNonNull("key") && !c.path("disabled").asBoolean(false))
            .map(c -> new Field(c.get("key").asText(), c.path("type").asText(),
                    c.has("dateLabel") ? c.path("dateLabel").asText() : c.path("label").asText(), c))
            .toList();
    }

    static Object javaValue(JsonNode value) {
        if (value.isBoolean()) {
            return value.asBoolean();
        }
        if (value.isInt()) {
            return value.asInt();
        }
        return value.asText();
    }

    // ------------------------------------------------------------------ tests

    @ParameterizedTest(name = "{0}")
    @MethodSource("usages")
    void everyUserTaskAndStartEventHasAFormTasklistCanRender(Usage usage) throws IOException {
        assertThat(usage.formRef()).as("camunda:formRef of " + usage).isNotBlank();
        String prefix = FormFiles.formIdPrefix(usage.folder());
        assertThat(usage.formRef())
            .as("a form's id is namespaced with its pathway's code prefix, or is a shared form's (forms/shared/)")
            .matches("(" + prefix + "|pakkeforlop)-.+");
        if (!usage.startEvent()) {
            assertThat(usage.formRef()).as("a task's form carries the task's id, namespaced")
                .isIn(prefix + "-" + usage.elementId(), SharedForms.ID_PREFIX + usage.elementId());
            assertThat(usage.formRef().startsWith(SharedForms.ID_PREFIX))
                .as(usage + ": a shared form's id (pakkeforlop-) exactly when it is in forms/shared/")
                .isEqualTo(Files.exists(FormFiles.SHARED.resolve(usage.elementId() + ".form")));
        }
        assertThat(usage.binding()).as("formRefBinding: the form is deployed with its process").isEqualTo("deployment");
        assertThat(FormFiles.sourceOf(usage.folder(), FormFiles.taskOf(usage.formRef())))
            .as("form file of " + usage + " in its pathway's folder or in forms/shared/")
            .exists();

        JsonNode form = form(usage);
        assertThat(form.path("id").asText()).as("form id").isEqualTo(usage.formRef());
        assertThat(form.path("type").asText()).isEqualTo("default");
        assertThat(form.path("schemaVersion").isInt()).as("schemaVersion is a number").isTrue();
        assertThat(form.path("schemaVersion").asInt()).as("schemaVersion Tasklist 7.24 renders")
            .isBetween(1, MAX_SCHEMA_VERSION);

        List<JsonNode> components = components(form);
        assertThat(components).extracting(c -> c.path("type").asText())
            .as("component types")
            .isNotEmpty()
            .allMatch(RENDERED_TYPES::contains);
        assertThat(components).extracting(c -> c.path("id").asText())
            .as("component ids")
            .doesNotContain("")
            .doesNotHaveDuplicates();
        List<Field> fields = fields(form);
        assertThat(fields).as("inputs").isNotEmpty();
        assertThat(fields).extracting(Field::key).as("field keys").doesNotHaveDuplicates();
        for (Field field : fields) {
            assertThat(field.label()).as("label of " + field.key()).isNotBlank();
            if (field.type().equals("datetime")) {
                // Camunda Forms submit a date field as "yyyy-MM-dd", the form of every
                // pathway date
                assertThat(field.component().path("subtype").asText()).as(field.key() + " subtype").isEqualTo("date");
            }
            if (CHOICE_TYPES.contains(field.type())) {
                assertThat(field.options()).as("options of " + field.key()).isNotEmpty().doesNotHaveDuplicates();
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pathwayFolders")
    void everyFormInTheFolderBelongsToATaskOrAStart(String folder) throws IOException {
        assertThat(PROCESSES.resolve(folder)).as("forms/" + folder + " is a pathway's: processes/" + folder)
            .isDirectory();
        String prefix = FormFiles.formIdPrefix(folder);
        Set<String> referenced = usagesOf(folder).stream().map(Usage::formRef).collect(Collectors.toSet());
        try (Stream<Path> files = Files.list(FormFiles.formsOf(folder))) {
            assertThat(files.map(f -> f.getFileName().toString())).as("files in forms/" + folder)
                .isNotEmpty()
                .allMatch(name -> name.endsWith(".form"))
                .allMatch(name -> referenced
                    .contains(prefix + "-" + name.substring(0, name.length() - ".form".length())));
        }
    }

    /**
     * Two pathways deploy side by side: no form of a pathway's own has the id of another
     * pathway's form. The shared forms are each pathway's own copy in its own deployment,
     * with the shared id ({@code pakkeforlop-<task>}).
     */
    @Test
    void noTwoPathwaysShareAFormId() throws IOException {
        Map<String, String> pathwayOf = new HashMap<>();
        for (String folder : FormFiles.pathwayFolders()) {
            for (byte[] form : FormFiles.deployedForms(folder).values()) {
                String id = JSON.readTree(form).path("id").asText();
                if (id.startsWith(SharedForms.ID_PREFIX)) {
                    continue;
                }
                String other = pathwayOf.put(id, folder);
                assertThat(other).as("form id " + id + " deployed by " + folder + " is also deployed by " + other)
                    .isNull();
            }
        }
        assertThat(pathwayOf).as("form ids").isNotEmpty();
    }

    /**
     * A form two pathways share is written once ({@code forms/shared/}), used by at least
     * one pathway, and deployed as each pathway's own: its codes and words are the
     * pathway's, none of another pathway's, no placeholder left.
     */
    @Test
    void aSharedFormIsWrittenOnceAndDeployedAsEachPathwaysOwn() throws IOException {
        List<String> shared;
        try (Stream<Path> files = Files.list(FormFiles.SHARED)) {
            shared = files.map(f -> f.getFileName().toString())
                .filter(name -> name.endsWith(".form"))
                .map(name -> name.substring(0, name.length() - ".form".length()))
                .sorted()
                .toList();
        }
        assertThat(shared).as("forms/shared/")
            .contains("registerFirstAttendance", "pathwayAdministration", "followUpBreach", "reviewAdditionalReferral",
                    "informGpOfTermination");
        Map<String, String> prefixes = new HashMap<>();
        FormFiles.pathwayFolders().forEach(folder -> prefixes.put(folder, FormFiles.rulesOf(folder).codePrefix()));
        for (String task : shared) {
            List<String> users = FormFiles.pathwayFolders()
                .stream()
                .filter(folder -> FormFiles.deployedForms(folder).containsKey(task)
                        && !Files.exists(FormFiles.formsOf(folder).resolve(task + ".form")))
                .toList();
            assertThat(users).as("pathways that deploy forms/shared/" + task + ".form").isNotEmpty();
            for (String folder : users) {
                String deployed = new String(FormFiles.deployedForm(folder, task), StandardCharsets.UTF_8);
                assertThat(deployed).as(task + " as " + folder + " deploys it").doesNotContain("${");
                assertThat(JSON.readTree(deployed).path("id").asText()).isEqualTo(SharedForms.ID_PREFIX + task);
                prefixes.forEach((other, prefix) -> {
                    if (!other.equals(folder)) {
                        assertThat(deployed).as(task + " as " + folder + " deploys it names no code of " + other)
                            .doesNotContainPattern(prefix + "[A-Z]");
                    }
                });
            }
        }
        String a32 = new String(FormFiles.deployedForm(FormFiles.A32_FOLDER, "pathwayAdministration"),
                StandardCharsets.UTF_8);
        assertThat(a32).contains("Avslutt forløpet (A32X)", "(A32O)");
    }

    /**
     * Keys written by more than one form on purpose: the physician's reason for symptom
     * relief only in a curative group, given at the decision (a symptom-relief plan) or
     * at the treatment start (A32FL), is the same reason: given at the decision it stands
     * pre-filled at the treatment start, where it may be corrected.
     */
    static final Map<String, Set<String>> SHARED_ON_PURPOSE = Map.of("planChangeReason",
            Set.of("clinicalDecision.form", "registerTreatmentStart.form"));

    /**
     * Within a pathway (one process instance's variables); a task two pathways share
     * writes the same variables in both on purpose: the same completion check applies.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("pathwayFolders")
    void noTwoFormsWriteTheSameVariable(String folder) throws IOException {
        // Tasklist pre-fills a form from the process variables of the same name: a shared
        // key would show one task's answer on another task's form
        Map<String, String> owner = new HashMap<>();
        for (String formRef : usagesOf(folder).stream().map(Usage::formRef).distinct().toList()) {
            for (Field field : fields(form(folder, formRef))) {
                if (SHARED_ON_PURPOSE.getOrDefault(field.key(), Set.of()).contains(FormFiles.fileName(formRef))) {
                    continue;
                }
                String previous = owner.put(field.key(), formRef);
                assertThat(previous).as("key " + field.key() + " of " + formRef + " also on").isNull();
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("usages")
    void everyFieldIsAVariableTheProcessReads(Usage usage) throws IOException {
        assertThat(usage.reader()).as(usage + " has a form, so a listener must check what it submits").isNotNull();
        JsonNode form = form(usage);
        Set<String> read = new TreeSet<>();
        for (Map<String, Object> values : probeValues(fields(form))) {
            read.addAll(probe(usage, values).read());
        }
        assertThat(read).as("variables read by ${" + usage.reader() + "} completing " + usage)
            .containsAll(fields(form).stream().map(Field::key).toList());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("usages")
    void everyOptionTheFormOffersIsAcceptedByTheServer(Usage usage) throws IOException {
        List<Field> fields = fields(form(usage));
        for (Field field : fields.stream().filter(f -> CHOICE_TYPES.contains(f.type())).toList()) {
            for (Object option : field.options()) {
                Map<String, Object> values = firstOptions(fields);
                values.put(field.key(), field.type().equals("checklist") ? List.of(option) : option);
                List<String> refused = probe(usage, values).errors()
                    .stream()
                    .filter(e -> e.field().equals(field.key()))
                    .map(FieldError::message)
                    .toList();
                assertThat(refused).as(usage + ": " + field.key() + " = " + option).isEmpty();
            }
        }
    }

    /**
     * A dialogue form is its checklist: the server reads its fields from the deployed
     * form ({@code checks.FormFields}); what it cannot read there is when a field the
     * form hides is asked for, which is Java ({@code DialogueCompletion.SHOWN}) and must
     * be the form's condition.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("dialogueForms")
    void aDialogueFormHidesAFieldOnTheConditionTheServerAsksForItOn(Usage usage) {
        String taskKey = usage.elementId();
        FormFields form = FormFiles.fields(usage.folder(), taskKey);
        assertThat(form.inputs()).as("fields of " + usage).isNotEmpty();
        for (FormFields.Input input : form.inputs()) {
            DialogueCompletion.Shown shown = DialogueCompletion.SHOWN.get(input.key());
            assertThat(String.join(" or ", input.hidden()))
                .as(usage + ": " + input.key() + ": hidden on the condition the server asks for it on")
                .isEqualTo(shown == null ? "" : shown.hide());
        }
    }

    /**
     * Every field the server asks for only on a condition
     * ({@code DialogueCompletion.SHOWN}: the checklists' and the conversations' questions
     * about the interpreter) is a field of some pathway's task form, so its condition is
     * compared with the form's
     * ({@link #aDialogueFormHidesAFieldOnTheConditionTheServerAsksForItOn},
     * {@link #aConversationWithThePatientShowsTheNeedForAnInterpreterAndAsksWhetherOneWasUsed}),
     * in every pathway that has the task; and every pathway has dialogue forms.
     */
    @Test
    void everyConditionOfTheDialogueChecksIsAFieldOfAPathwaysForm() throws IOException {
        Set<String> keys = new TreeSet<>();
        for (Usage usage : usages().stream().filter(u -> !u.startEvent()).toList()) {
            FormFiles.fields(usage.folder(), usage.elementId()).inputs().forEach(input -> keys.add(input.key()));
        }
        assertThat(keys).as("fields of the task forms").containsAll(DialogueCompletion.SHOWN.keySet());
        assertThat(dialogueForms().stream().map(Usage::folder).distinct().sorted().toList())
            .as("pathways with dialogue forms compared")
            .isEqualTo(FormFiles.pathwayFolders());
    }

    /** Every conversation that asks about the interpreter is a task of some pathway. */
    @Test
    void everyConversationIsATaskOfAPathway() throws IOException {
        assertThat(usages().stream().map(Usage::elementId).collect(Collectors.toSet()))
            .as("conversations with a task in a model")
            .containsAll(Interpreter.CONVERSATIONS.keySet());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("conversations")
    void aConversationWithThePatientShowsTheNeedForAnInterpreterAndAsksWhetherOneWasUsed(Usage usage)
            throws IOException {
        String taskKey = usage.elementId();
        Interpreter.Question question = Interpreter.CONVERSATIONS.get(taskKey);
        JsonNode form = form(usage);
        assertThat(components(form)).as(taskKey + ": the need shown, only when there is one")
            .anyMatch(c -> c.path("type").asText().equals("text")
                    && c.path("text").asText().contains("Pasienten trenger tolk:")
                    && c.path("text").asText().contains(Interpreter.LANGUAGE)
                    && c.path("conditional").path("hide").asText().equals(Interpreter.HIDDEN_UNLESS_NEEDED));
        Map<String, Field> fields = fields(form).stream().collect(Collectors.toMap(Field::key, f -> f));
        Field used = fields.get(question.usedKey());
        assertThat(used).as(taskKey + ": " + question.usedKey()).isNotNull();
        assertThat(used.type()).isEqualTo("radio");
        assertThat(used.label()).isEqualTo(USED_LABEL);
        assertThat(used.options()).containsExactly(true, false);
        assertThat(used.required()).isTrue();
        assertThat(used.component().path("conditional").path("hide").asText())
            .isEqualTo(Interpreter.HIDDEN_UNLESS_NEEDED);
        Field reason = fields.get(question.reasonKey());
        assertThat(reason).as(taskKey + ": " + question.reasonKey()).isNotNull();
        assertThat(reason.type()).isEqualTo("textfield");
        assertThat(reason.label()).isEqualTo(REASON_LABEL);
        assertThat(reason.component().path("validate").path("maxLength").asInt()).isEqualTo(REASON_MAX);
        assertThat(reason.required()).isTrue();
        assertThat(reason.component().path("conditional").path("hide").asText()).isEqualTo(question.reasonHidden());
    }

    /** What every conversation's form asks, in the same words and length. */
    static final String USED_LABEL = "Bruk av tolk";

    static final String REASON_LABEL = "Begrunnelse for at tolk ikke ble brukt";

    static final int REASON_MAX = 200;

    /** The conversations with the patient, in every pathway that has them. */
    static List<Usage> conversations() throws IOException {
        return usages().stream().filter(u -> Interpreter.CONVERSATIONS.containsKey(u.elementId())).toList();
    }

    /** The start forms, one per pathway. */
    static List<Usage> startForms() throws IOException {
        return usages().stream().filter(Usage::startEvent).toList();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("startForms")
    void theStartFormAsksForTheReferrerOrForTheResponsibleDepartmentByTheStartBasis(Usage start) throws IOException {
        JsonNode form = form(start);
        JsonNode referrer = components(form).stream()
            .filter(c -> c.path("id").asText().equals("Group_5"))
            .findFirst()
            .orElseThrow();
        assertThat(referrer.path("conditional").path("hide").asText())
            .isEqualTo("=startBasis = \"SUSPICION_IN_SPECIALIST_CARE\"");
        Field department = fields(form).stream()
            .filter(f -> f.key().equals("responsibleDepartment"))
            .findFirst()
            .orElseThrow();
        assertThat(department.required()).isTrue();
        assertThat(department.component().path("conditional").path("hide").asText())
            .isEqualTo("=startBasis != \"SUSPICION_IN_SPECIALIST_CARE\"");
        assertThat(fields(form)).extracting(Field::key).contains(Interpreter.LANGUAGE);
    }

    /**
     * The dialogue and follow-up tasks (checked by {@code ${dialogueCompletion}}), in
     * every pathway that has them.
     */
    static List<Usage> dialogueForms() throws IOException {
        return usages().stream().filter(u -> "dialogueCompletion".equals(u.reader())).toList();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pathwayFolders")
    void codesNamedInTheFormsAreThePathwaysCodes(String folder) throws IOException {
        PathwayRules rules = FormFiles.rulesOf(folder);
        Set<String> codes = new HashSet<>();
        rules.events().values().forEach(e -> e.codes().values().forEach(suffix -> codes.add(rules.code(suffix))));
        Pattern code = Pattern.compile("\\b" + rules.codePrefix() + "[A-Z]*");
        // a pathway's forms name its own codes, never another pathway's
        Pattern otherPathway = Pattern.compile("\\bA\\d\\d(?=[A-Z]|\\b)");
        for (Usage usage : usagesOf(folder)) {
            JsonNode form = form(usage);
            Matcher other = otherPathway.matcher(form.toString());
            while (other.find()) {
                assertThat(other.group()).as(usage + " names a code of pathway " + other.group())
                    .isEqualTo(rules.codePrefix());
            }
            Matcher mentioned = code.matcher(form.toString());
            while (mentioned.find()) {
                String named = mentioned.group();
                assertThat(codes).as(usage + " names " + named + ": a code or a family of codes of the rules table")
                    .anyMatch(c -> c.startsWith(named));
            }
            // where an option selects the code (decision, planned treatment), its label
            // names exactly that code
            for (Field field : fields(form)) {
                for (PathwayRules.EventRule event : rules.events().values()) {
                    if (!field.key().equals(event.selector())) {
                        continue;
                    }
                    field.optionLabels()
                        .forEach((value, label) -> event.suffixFor(value)
                            .ifPresent(suffix -> assertThat(label).as(usage + ": " + field.key() + " = " + value)
                                .contains("(" + rules.code(suffix))));
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pathwayFolders")
    void wordsForIntervalsAndFrailtyScalesCoverEachPathwaysNames(String folder) throws IOException {
        PathwayRules rules = FormFiles.rulesOf(folder);
        assertThat(comparedValues(form(folder, "followUpBreach"), "breachedInterval"))
            .as(folder + ": intervals put in words")
            .containsExactlyInAnyOrderElementsOf(
                    rules.intervals().stream().map(PathwayRules.IntervalRule::name).toList());

        Field scale = fields(form(folder, "registerReferral")).stream()
            .filter(f -> f.key().equals("frailtyScale"))
            .findFirst()
            .orElseThrow();
        for (FrailtyScale s : FrailtyScale.values()) {
            assertThat(scale.optionLabels().get(s.name())).as(folder + ": label of " + s)
                .contains(s.min() + "–" + s.max());
        }
    }

    @Test
    void wordsForTreatmentGroupsCoverTheDecisionTablesNames() throws IOException {

        String dmn = Files.readString(PROCESSES.resolve(FormFiles.A32_FOLDER).resolve("treatment-group.dmn"));
        Set<String> groups = new TreeSet<>();
        Matcher output = Pattern.compile("<outputEntry[^>]*>\\s*<text>\"(\\w+)\"</text>").matcher(dmn);
        while (output.find()) {
            groups.add(output.group(1));
        }
        assertThat(groups).as("treatment groups of the decision table").hasSize(5);
        assertThat(comparedValues(form(FormFiles.A32_FOLDER, "clinicalDecision"), "treatmentGroup"))
            .as("treatment groups put in words")
            .containsExactlyInAnyOrderElementsOf(groups);
    }

    /**
     * The string values a form's FEEL expressions compare the variable with
     * ({@code variable = "VALUE"}).
     */
    private static Set<String> comparedValues(JsonNode form, String variable) {
        Set<String> values = new TreeSet<>();
        Matcher compared = Pattern.compile("\\b" + variable + " = \"(\\w+)\"")
            .matcher(form.toString().replace("\\\"", "\""));
        while (compared.find()) {
            values.add(compared.group(1));
        }
        return values;
    }

    // ------------------------------------------------------------------ running the
    // model's listener

    /** What a listener read, and what it refused, for one set of submitted values. */
    record Probe(Set<String> read, List<FieldError> errors) {
    }

    /**
     * Values to run the listener with: nothing, then each option of each choice (others
     * at their first option).
     */
    static List<Map<String, Object>> probeValues(List<Field> fields) {
        List<Map<String, Object>> all = new ArrayList<>();
        all.add(Map.of());
        for (Field field : fields.stream().filter(f -> CHOICE_TYPES.contains(f.type())).toList()) {
            for (Object option : field.options()) {
                Map<String, Object> values = firstOptions(fields);
                values.put(field.key(), field.type().equals("checklist") ? List.of(option) : option);
                all.add(values);
            }
        }
        return all;
    }

    private static Map<String, Object> firstOptions(List<Field> fields) {
        Map<String, Object> values = new HashMap<>();
        for (Field field : fields) {
            if (CHOICE_TYPES.contains(field.type())) {
                Object first = field.options().get(0);
                values.put(field.key(), field.type().equals("checklist") ? List.of(first) : first);
            }
        }
        return values;
    }

    /**
     * What the pathway holds when its last decision is taken, by pathway folder: in the
     * oesophageal and gastric cancer pathway, cancer found at the gastroscopy and placed
     * in a group by the MDT; a pathway without such steps holds nothing they set.
     */
    static final Map<String, Map<String, Object>> PATHWAY_SO_FAR = Map.of(FormFiles.A32_FOLDER,
            Map.of("endoscopyResult", "OESOPHAGEAL_OR_GASTRIC_CANCER", "treatmentGroup",
                    "SURGERY_WITH_NEOADJUVANT_OR_CURATIVE_CHEMORADIATION"));

    /** The decision table as the engine evaluates it, without an engine. */
    static final TreatmentGroupProposal TABLE = new TreatmentGroupProposal() {
        private final org.camunda.bpm.dmn.engine.DmnEngine dmn = org.camunda.bpm.dmn.engine.DmnEngineConfiguration
            .createDefaultDmnEngineConfiguration()
            .buildEngine();

        @Override
        public java.util.Optional<String> propose(org.camunda.bpm.engine.ProcessEngineServices engine,
                Map<String, Object> staging) {
            try (java.io.InputStream in = Files
                .newInputStream(PROCESSES.resolve(FormFiles.A32_FOLDER).resolve("treatment-group.dmn"))) {
                var result = dmn.evaluateDecision(dmn.parseDecision(DECISION_KEY, in), staging);
                return result.isEmpty() ? java.util.Optional.empty()
                        : java.util.Optional.ofNullable(result.getSingleResult().getSingleEntry());
            }
            catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    };

    /**
     * Runs the listener the model wires (by its bean name) as if the form had submitted
     * the given values.
     */
    static Probe probe(Usage usage, Map<String, Object> submitted) {
        Set<String> read = new TreeSet<>();
        PathwayRules rules = FormFiles.rulesOf(usage.folder());
        Map<String, Object> variables = new HashMap<>(PATHWAY_SO_FAR.getOrDefault(usage.folder(), Map.of()));
        variables.putAll(submitted);
        List<FieldError> errors = switch (usage.reader()) {
            // ReferralIntake applies ReferralValidation to the start variables (and the
            // DMN for reasoned suspicion)
            case "referralIntake" -> ReferralValidation.validate(new HashMap<>(variables) {
                @Override
                public Object get(Object key) {
                    read.add((String) key);
                    return super.get(key);
                }
            }, PathwayDates.today(rules.zone()), criteria -> true).errors();
            case "milestoneValidation" ->
                complete(new MilestoneValidation(mock(CodeRegistry.class), TABLE, BuiltTaskVersions.of(usage.folder())),
                        usage.elementId(), variables, read);
            case "dialogueCompletion" -> complete(new DialogueCompletion(BuiltTaskVersions.of(usage.folder())),
                    usage.elementId(), variables, read);
            default -> fail("No probe for the listener ${" + usage.reader() + "} of " + usage);
        };
        return new Probe(read, errors);
    }

    private static List<FieldError> complete(TaskListener listener, String taskKey, Map<String, Object> variables,
            Set<String> read) {
        DelegateTask task = mock(DelegateTask.class);
        when(task.getTaskDefinitionKey()).thenReturn(taskKey);
        when(task.getProcessInstanceId()).thenReturn("probe");
        when(task.getVariable(anyString())).thenAnswer(call -> {
            read.add(call.getArgument(0));
            return variables.get(call.<String>getArgument(0));
        });
        doAnswer(call -> variables.put(call.getArgument(0), call.getArgument(1))).when(task)
            .setVariable(anyString(), any());
        try {
            listener.notify(task);
            return List.of();
        }
        catch (InputRefusedException refusal) {
            return refusal.errors();
        }
    }

}
