package no.pakkeforlop.process;

import static org.camunda.bpm.model.bpmn.impl.BpmnModelConstants.CAMUNDA_NS;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import no.pakkeforlop.milestones.MilestoneValidation;
import no.pakkeforlop.testsupport.FormFiles;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.Activity;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.CallActivity;
import org.camunda.bpm.model.bpmn.instance.Event;
import org.camunda.bpm.model.bpmn.instance.FlowElement;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.camunda.bpm.model.bpmn.instance.StartEvent;
import org.camunda.bpm.model.bpmn.instance.TimerEventDefinition;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnEdge;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnShape;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaFailedJobRetryTimeCycle;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaTaskListener;
import org.camunda.bpm.model.dmn.DmnModelInstance;
import org.camunda.bpm.model.dmn.instance.Decision;

/**
 * The conventions every model in {@code processes/} keeps, whoever edits it (Camunda
 * Modeler or by hand), checked with Camunda's model API. {@link #check} returns what is
 * wrong, one line per finding, so a test can show all of them at once, and the checker
 * itself can be tested on a broken copy.
 *
 * <ul>
 * <li>a user task has a Camunda Form ({@code camunda:formRef} to a form in {@code forms/}
 * with that id, binding {@code deployment}), a candidate group, and as its first
 * completion listener the server-side check: {@code ${milestoneValidation}} for the
 * milestone and administrative tasks ({@link MilestoneValidation#TASKS}),
 * {@code ${dialogueCompletion}} for every other (dialogue and follow-up: a checklist)
 * task;</li>
 * <li>an asynchronous step has a {@code camunda:failedJobRetryTimeCycle};</li>
 * <li>a timer's due date is {@code ${deadlines.due(execution, '<INTERVAL>')}} with an
 * interval of the rules table;</li>
 * <li>a service task whose delegate expression is one of an element template's choices
 * carries that template ({@code camunda:modelerTemplate},
 * {@code camunda:modelerTemplateVersion}), and a task that carries a template has one of
 * its choices;</li>
 * <li>every flow node has a diagram shape and every sequence flow an edge; every task and
 * event a name;</li>
 * <li>the process, and every DMN decision ({@link #checkDecisions}), a
 * {@code camunda:historyTimeToLive}.</li>
 * </ul>
 */
final class ModelConventions {

    static final Path PROCESSES = Path.of("processes");
    static final Path ELEMENT_TEMPLATES = Path.of(".camunda", "element-templates");
    static final String DIALOGUE_CHECK = "${dialogueCompletion}";
    static final String MILESTONE_CHECK = "${milestoneValidation}";

    private static final Pattern TIMER = Pattern.compile("\\$\\{deadlines\\.due\\(execution, '([A-Z0-9_]+)'\\)}");

    private static final Pattern RETRY_CYCLE = Pattern.compile("R\\d+/P\\S+");

    /** A template choice: {@code ${bean.method('ARGUMENT')}}. */
    private static final Pattern CHOICE = Pattern.compile("\\$\\{(\\w+\\.\\w+)\\('([A-Z0-9_]+)'\\)}");

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * An element template of {@code .camunda/element-templates/}: id, version and its
     * dropdown's values.
     */
    record Template(String id, int version, Set<String> choices) {

        /**
         * {@code registerCode.forEvent} for {@code ${registerCode.forEvent('REFERRAL')}}:
         * what all choices call.
         */
        Set<String> calls() {
            Set<String> calls = new HashSet<>();
            choices.forEach(choice -> calls.add(call(choice)));
            return calls;
        }
    }

    private final Set<String> intervals;

    private final List<Template> templates;

    private final Path forms;

    ModelConventions(Set<String> intervals, List<Template> templates, Path forms) {
        this.intervals = intervals;
        this.templates = templates;
        this.forms = forms;
    }

    /**
     * The conventions for a model in {@code processes/}: its rules table beside it, the
     * templates, the forms.
     */
    static ModelConventions forModel(Path bpmn) {
        return new ModelConventions(intervalNames(rulesTableOf(bpmn)), elementTemplates(),
                Path.of("forms").resolve(bpmn.getParent().getFileName()));
    }

    /** {@code x.rules.json} beside {@code x.bpmn}. */
    static Path rulesTableOf(Path bpmn) {
        return bpmn.resolveSibling(bpmn.getFileName().toString().replaceFirst("\\.bpmn$", ".rules.json"));
    }

    static JsonNode readJson(Path file) {
        try {
            return JSON.readTree(file.toFile());
        }
        catch (IOException e) {
            throw new UncheckedIOException("Could not read " + file, e);
        }
    }

    static Set<String> intervalNames(Path rulesTable) {
        Set<String> names = new LinkedHashSet<>();
        if (Files.exists(rulesTable)) {
            readJson(rulesTable).path("intervals").forEach(interval -> names.add(interval.path("name").asText()));
        }
        return names;
    }

    static List<Template> elementTemplates() {
        List<Template> templates = new ArrayList<>();
        try (Stream<Path> files = Files.list(ELEMENT_TEMPLATES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                for (JsonNode template : readJson(file)) {
                    Set<String> choices = new LinkedHashSet<>();
                    template.path("properties").forEach(property -> {
                        if ("camunda:delegateExpression".equals(property.path("binding").path("name").asText())) {
                            property.path("choices").forEach(choice -> choices.add(choice.path("value").asText()));
                        }
                    });
                    templates
                        .add(new Template(template.path("id").asText(), template.path("version").asInt(), choices));
                }
            }
        }
        catch (IOException e) {
            throw new UncheckedIOException("Could not read " + ELEMENT_TEMPLATES, e);
        }
        return templates;
    }

    // ------------------------------------------------------------------ the checks

    List<String> check(BpmnModelInstance model) {
        List<String> findings = new ArrayList<>();
        for (Process process : model.getModelElementsByType(Process.class)) {
            if (blank(process.getCamundaHistoryTimeToLiveString())) {
                findings.add(describe(process) + ": process without camunda:historyTimeToLive");
            }
        }
        for (UserTask task : model.getModelElementsByType(UserTask.class)) {
            checkForm(task, task.getCamundaFormRef(), task.getCamundaFormRefBinding(), findings);
            if (blank(task.getCamundaCandidateGroups())) {
                findings.add(describe(task) + ": user task without a candidate group (camunda:candidateGroups)");
            }
            checkCompletionCheck(task, findings);
        }
        for (StartEvent start : model.getModelElementsByType(StartEvent.class)) {
            if (start.getCamundaFormRef() != null) {
                checkForm(start, start.getCamundaFormRef(), start.getCamundaFormRefBinding(), findings);
            }
        }
        for (FlowNode node : model.getModelElementsByType(FlowNode.class)) {
            if ((node.isCamundaAsyncBefore() || node.isCamundaAsyncAfter()) && !hasRetryCycle(node)) {
                findings.add(describe(node)
                        + ": asynchronous step without a camunda:failedJobRetryTimeCycle (R<n>/<duration>)");
            }
            if ((node instanceof Activity || node instanceof Event) && blank(node.getName())) {
                findings.add(describe(node) + ": " + node.getElementType().getTypeName() + " without a name (label)");
            }
        }
        for (TimerEventDefinition timer : model.getModelElementsByType(TimerEventDefinition.class)) {
            checkTimer(timer, findings);
        }
        for (ServiceTask task : model.getModelElementsByType(ServiceTask.class)) {
            checkTemplate(task, findings);
        }
        for (CallActivity call : model.getModelElementsByType(CallActivity.class)) {
            checkCall(call, findings);
        }
        checkDiagram(model, findings);
        return findings;
    }

    /**
     * A call is to a part every pathway shares ({@code processes/shared/}), deployed with
     * the pathway: binding {@code deployment}, so the pathway calls its own version's.
     */
    private static void checkCall(CallActivity call, List<String> findings) {
        if (!SHARED_PROCESSES.contains(call.getCalledElement())) {
            findings.add(describe(call) + ": calls '" + call.getCalledElement()
                    + "', which is no shared part in processes/shared/ " + SHARED_PROCESSES);
        }
        if (!"deployment".equals(call.getCamundaCalledElementBinding())) {
            findings.add(describe(call) + ": call without camunda:calledElementBinding=\"deployment\"");
        }
    }

    /** The process ids of the shared parts ({@code processes/shared/*.bpmn}). */
    static final Set<String> SHARED_PROCESSES = sharedProcesses();

    private static Set<String> sharedProcesses() {
        Set<String> ids = new java.util.TreeSet<>();
        try (var files = Files.list(Path.of("processes", "shared"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".bpmn")).toList()) {
                Bpmn.readModelFromFile(file.toFile())
                    .getModelElementsByType(Process.class)
                    .forEach(process -> ids.add(process.getId()));
            }
        }
        catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return ids;
    }

    List<String> checkDecisions(DmnModelInstance dmn) {
        List<String> findings = new ArrayList<>();
        for (Decision decision : dmn.getModelElementsByType(Decision.class)) {
            if (blank(decision.getCamundaHistoryTimeToLiveString())) {
                findings.add(
                        decision.getId() + " (" + decision.getName() + "): decision without camunda:historyTimeToLive");
            }
        }
        return findings;
    }

    private void checkForm(FlowNode element, String formRef, String binding, List<String> findings) {
        if (blank(formRef)) {
            findings.add(describe(element) + ": user task without a Camunda Form (camunda:formRef)");
            return;
        }
        Path file = forms.resolve(FormFiles.fileName(formRef));
        // a form the pathways share is written once, with its id as a placeholder
        Path shared = FormFiles.SHARED.resolve(FormFiles.fileName(formRef));
        String expected = formRef;
        if (!Files.isRegularFile(file) && Files.isRegularFile(shared)) {
            file = shared;
            expected = "pakkeforlop-" + FormFiles.taskOf(formRef);
        }
        if (!Files.isRegularFile(file)) {
            findings.add(describe(element) + ": camunda:formRef '" + formRef + "' but no " + file + " nor " + shared);
        }
        else {
            try {
                String id = JSON.readTree(file.toFile()).path("id").asText();
                if (!expected.equals(id)) {
                    findings.add(describe(element) + ": " + file + " has the id '" + id + "', not '" + expected + "'");
                }
            }
            catch (IOException e) {
                findings.add(describe(element) + ": " + file + " does not parse: " + e.getMessage());
            }
        }
        if (!"deployment".equals(binding)) {
            findings.add(describe(element) + ": camunda:formRefBinding is '" + binding
                    + "', not 'deployment' (the form is deployed with its process)");
        }
    }

    private void checkCompletionCheck(UserTask task, List<String> findings) {
        String expected = MilestoneValidation.TASKS.contains(task.getId()) ? MILESTONE_CHECK : DIALOGUE_CHECK;
        Optional<String> first = task.getExtensionElements() == null ? Optional.empty()
                : task.getExtensionElements()
                    .getElementsQuery()
                    .filterByType(CamundaTaskListener.class)
                    .list()
                    .stream()
                    .filter(listener -> "complete".equals(listener.getCamundaEvent()))
                    .map(listener -> String.valueOf(listener.getCamundaDelegateExpression()))
                    .findFirst();
        if (first.isEmpty()) {
            findings
                .add(describe(task) + ": user task without its completion check (complete listener " + expected + ")");
        }
        else if (!first.get().equals(expected)) {
            findings.add(describe(task) + ": first complete listener is " + first.get() + ", not the completion check "
                    + expected);
        }
    }

    private static boolean hasRetryCycle(FlowNode node) {
        return node.getExtensionElements() != null && node.getExtensionElements()
            .getElementsQuery()
            .filterByType(CamundaFailedJobRetryTimeCycle.class)
            .list()
            .stream()
            .anyMatch(cycle -> cycle.getTextContent() != null
                    && RETRY_CYCLE.matcher(cycle.getTextContent().trim()).matches());
    }

    private void checkTimer(TimerEventDefinition timer, List<String> findings) {
        String where = describe((BaseElement) timer.getParentElement());
        if (timer.getTimeDate() == null) {
            findings.add(where + ": timer without a due date (timeDate ${deadlines.due(execution, '<INTERVAL>')})");
            return;
        }
        Matcher m = TIMER.matcher(timer.getTimeDate().getTextContent().trim());
        if (!m.matches()) {
            findings.add(where + ": timer due date '" + timer.getTimeDate().getTextContent().trim()
                    + "' is not ${deadlines.due(execution, '<INTERVAL>')}");
        }
        else if (!intervals.contains(m.group(1))) {
            findings.add(where + ": timer for interval '" + m.group(1) + "', which the rules table does not have "
                    + intervals);
        }
    }

    private void checkTemplate(ServiceTask task, List<String> findings) {
        String expression = task.getCamundaDelegateExpression();
        String templateId = task.getAttributeValueNs(CAMUNDA_NS, "modelerTemplate");
        String version = task.getAttributeValueNs(CAMUNDA_NS, "modelerTemplateVersion");
        Optional<Template> byCall = expression == null ? Optional.empty()
                : templates.stream().filter(t -> t.calls().contains(call(expression))).findFirst();
        Optional<Template> byId = templates.stream().filter(t -> t.id().equals(templateId)).findFirst();
        if (byCall.isPresent() && !byCall.get().id().equals(templateId)) {
            findings.add(describe(task) + ": " + expression
                    + " without its element template (camunda:modelerTemplate=\"" + byCall.get().id() + "\")");
        }
        if (templateId == null) {
            return;
        }
        if (byId.isEmpty()) {
            findings
                .add(describe(task) + ": camunda:modelerTemplate '" + templateId + "' is not in " + ELEMENT_TEMPLATES);
            return;
        }
        if (!String.valueOf(byId.get().version()).equals(version)) {
            findings.add(describe(task) + ": camunda:modelerTemplateVersion is '" + version + "', the template "
                    + templateId + " is version " + byId.get().version());
        }
        if (!byId.get().choices().contains(expression)) {
            findings
                .add(describe(task) + ": " + expression + " is not one of the choices of the template " + templateId);
        }
    }

    private static void checkDiagram(BpmnModelInstance model, List<String> findings) {
        Set<String> shapes = new HashSet<>();
        model.getModelElementsByType(BpmnShape.class).forEach(s -> shapes.add(idOf(s.getBpmnElement())));
        Set<String> edges = new HashSet<>();
        model.getModelElementsByType(BpmnEdge.class).forEach(e -> edges.add(idOf(e.getBpmnElement())));
        for (FlowNode node : model.getModelElementsByType(FlowNode.class)) {
            if (!shapes.contains(node.getId())) {
                findings.add(describe(node) + ": no diagram shape (bpmndi:BPMNShape)");
            }
        }
        for (SequenceFlow flow : model.getModelElementsByType(SequenceFlow.class)) {
            if (!edges.contains(flow.getId())) {
                findings.add(describe(flow) + ": no diagram edge (bpmndi:BPMNEdge)");
            }
        }
    }

    private static String call(String expression) {
        Matcher m = CHOICE.matcher(expression);
        return m.matches() ? m.group(1) : expression;
    }

    private static String idOf(BaseElement element) {
        return element == null ? null : element.getId();
    }

    private static String describe(BaseElement element) {
        String name = element instanceof FlowElement f ? f.getName()
                : element instanceof Process p ? p.getName() : null;
        return blank(name) ? element.getId() : element.getId() + " (" + name.replace('\n', ' ') + ")";
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    /** Findings by model file, for a readable failure message. */
    static String report(Map<String, List<String>> findings) {
        StringBuilder sb = new StringBuilder();
        new LinkedHashMap<>(findings)
            .forEach((model, list) -> list.forEach(f -> sb.append("\n  ").append(model).append(": ").append(f)));
        return sb.toString();
    }

}
