package no.pakkeforlop.process;

import static no.pakkeforlop.process.ModelConventions.PROCESSES;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.model.bpmn.impl.BpmnModelConstants.CAMUNDA_NS;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.Event;
import org.camunda.bpm.model.bpmn.instance.CallActivity;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.camunda.bpm.model.bpmn.instance.TimerEventDefinition;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnShape;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaFailedJobRetryTimeCycle;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaTaskListener;
import org.camunda.bpm.model.dmn.Dmn;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every model in {@code processes/} keeps the conventions of {@link ModelConventions}
 * (beside bpmnlint, which checks BPMN itself); and the checker finds each kind of breach
 * in a deliberately broken copy of the model, so a passing model test means something.
 */
class ModelConventionsTest {

    static List<Path> models() throws IOException {
        return files(".bpmn");
    }

    static List<Path> decisionTables() throws IOException {
        return files(".dmn");
    }

    private static List<Path> files(String suffix) throws IOException {
        try (Stream<Path> files = Files.walk(PROCESSES)) {
            return files.filter(f -> f.toString().endsWith(suffix)).sorted().toList();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void theModelKeepsTheConventions(Path model) {
        BpmnModelInstance instance = Bpmn.readModelFromFile(model.toFile());
        List<String> findings = ModelConventions.forModel(model).check(instance);
        assertThat(findings)
            .as("convention findings in " + model + ModelConventions.report(Map.of(model.toString(), findings)))
            .isEmpty();
        // the checks had something to look at
        assertThat(instance.getModelElementsByType(UserTask.class)).as("user tasks").isNotEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("decisionTables")
    void everyDecisionKeepsItsHistoryForAStatedTime(Path dmn) {
        ModelConventions conventions = new ModelConventions(java.util.Set.of(), List.of(), Path.of("forms"));
        assertThat(conventions.checkDecisions(Dmn.readModelFromFile(dmn.toFile()))).as("findings in " + dmn).isEmpty();
    }

    // ------------------------------------------------------------------ the checker on
    // broken copies

    /**
     * One way to break the model in memory; returns the finding the checker must report
     * for it.
     */
    record Breakage(String name, BiFunction<BpmnModelInstance, Path, String> apply) {
        @Override
        public String toString() {
            return name;
        }
    }

    static List<Breakage> breakages() {
        List<Breakage> all = new ArrayList<>();
        all.add(new Breakage("a user task without its form", (m, model) -> {
            UserTask task = first(m, UserTask.class);
            task.removeAttributeNs(CAMUNDA_NS, "formRef");
            return task.getId() + " (" + task.getName() + "): user task without a Camunda Form (camunda:formRef)";
        }));
        all.add(new Breakage("a user task without a candidate group", (m, model) -> {
            UserTask task = first(m, UserTask.class);
            task.removeAttributeNs(CAMUNDA_NS, "candidateGroups");
            return task.getId() + " (" + task.getName() + "): user task without a candidate group";
        }));
        all.add(new Breakage("a user task whose form is missing from forms/", (m, model) -> {
            UserTask task = first(m, UserTask.class);
            task.setCamundaFormRef("noSuchForm");
            return task.getId() + " (" + task.getName() + "): camunda:formRef 'noSuchForm' but no "
                    + Path.of("forms", model.getParent().getFileName().toString(), "noSuchForm.form") + " nor "
                    + Path.of("forms", "shared", "noSuchForm.form");
        }));
        all.add(new Breakage("a user task without its completion check", (m, model) -> {
            UserTask task = first(m, UserTask.class);
            task.getExtensionElements()
                .getElementsQuery()
                .filterByType(CamundaTaskListener.class)
                .list()
                .forEach(l -> task.getExtensionElements().removeChildElement(l));
            return task.getId() + " (" + task.getName() + "): user task without its completion check";
        }));
        all.add(new Breakage("an asynchronous step without a retry cycle", (m, model) -> {
            FlowNode node = m.getModelElementsByType(FlowNode.class)
                .stream()
                .filter(FlowNode::isCamundaAsyncBefore)
                .findFirst()
                .orElseThrow();
            node.getExtensionElements()
                .getElementsQuery()
                .filterByType(CamundaFailedJobRetryTimeCycle.class)
                .list()
                .forEach(c -> node.getExtensionElements().removeChildElement(c));
            return node.getId() + " (" + node.getName()
                    + "): asynchronous step without a camunda:failedJobRetryTimeCycle";
        }));
        all.add(new Breakage("a timer for an interval the rules table does not have", (m, model) -> {
            TimerEventDefinition timer = first(m, TimerEventDefinition.class);
            timer.getTimeDate().setTextContent("${deadlines.due(execution, 'REFERRAL_TO_NOWHERE')}");
            return ((FlowNode) timer.getParentElement()).getId() + " ("
                    + ((FlowNode) timer.getParentElement()).getName()
                    + "): timer for interval 'REFERRAL_TO_NOWHERE', which the rules table does not have";
        }));
        all.add(new Breakage("a code-registering task without its element template", (m, model) -> {
            ServiceTask task = m.getModelElementsByType(ServiceTask.class)
                .stream()
                .filter(t -> String.valueOf(t.getCamundaDelegateExpression()).startsWith("${registerCode.forEvent("))
                .findFirst()
                .orElseThrow();
            task.removeAttributeNs(CAMUNDA_NS, "modelerTemplate");
            return task.getId() + " (" + task.getName() + "): " + task.getCamundaDelegateExpression()
                    + " without its element template (camunda:modelerTemplate=\"no.pakkeforlop.registerCode\")";
        }));
        all.add(new Breakage("a breach task whose interval is not a choice of its template", (m, model) -> {
            ServiceTask task = m.getModelElementsByType(ServiceTask.class)
                .stream()
                .filter(t -> String.valueOf(t.getCamundaDelegateExpression()).startsWith("${recordBreach.forInterval("))
                .findFirst()
                .orElseThrow();
            task.setCamundaDelegateExpression("${recordBreach.forInterval('REFERRAL_TO_NOWHERE')}");
            return task.getId() + " (" + task.getName()
                    + "): ${recordBreach.forInterval('REFERRAL_TO_NOWHERE')} is not one"
                    + " of the choices of the template no.pakkeforlop.recordBreach";
        }));
        all.add(new Breakage("a flow node without a diagram shape", (m, model) -> {
            UserTask task = first(m, UserTask.class);
            BpmnShape shape = m.getModelElementsByType(BpmnShape.class)
                .stream()
                .filter(s -> s.getBpmnElement() == task)
                .findFirst()
                .orElseThrow();
            shape.getParentElement().removeChildElement(shape);
            return task.getId() + " (" + task.getName() + "): no diagram shape";
        }));
        all.add(new Breakage("an event without a name", (m, model) -> {
            Event event = first(m, Event.class);
            event.removeAttribute("name");
            return event.getId() + ": " + event.getElementType().getTypeName() + " without a name (label)";
        }));
        all.add(new Breakage("a call to no shared part", (m, model) -> {
            CallActivity call = first(m, CallActivity.class);
            call.setCalledElement("pakkeforlop-copied-part");
            return call.getId() + " (" + call.getName() + "): calls 'pakkeforlop-copied-part', which is no shared part";
        }));
        all.add(new Breakage("a call to the latest version, not the pathway's own", (m, model) -> {
            CallActivity call = first(m, CallActivity.class);
            call.setCamundaCalledElementBinding("latest");
            return call.getId() + " (" + call.getName() + "): call without camunda:calledElementBinding=\"deployment\"";
        }));
        all.add(new Breakage("a process without a history time to live", (m, model) -> {
            Process process = first(m, Process.class);
            process.removeAttributeNs(CAMUNDA_NS, "historyTimeToLive");
            return process.getId() + " (" + process.getName() + "): process without camunda:historyTimeToLive";
        }));
        return all;
    }

    /**
     * Every breakage, on a copy of every model that has what it breaks: the checker works
     * on each pathway's and on each shared part's (which has no timer or code, say).
     */
    static List<Arguments> brokenCopies() throws IOException {
        List<Arguments> all = new ArrayList<>();
        for (Path model : models()) {
            for (Breakage breakage : breakages()) {
                try {
                    breakage.apply().apply(Bpmn.readModelFromFile(model.toFile()), model);
                }
                catch (java.util.NoSuchElementException nothingToBreak) {
                    continue;
                }
                all.add(Arguments.of(model, breakage));
            }
        }
        assertThat(all).as("breakages tried").hasSizeGreaterThan(2 * breakages().size());
        return all;
    }

    @ParameterizedTest(name = "{1} in {0}")
    @MethodSource("brokenCopies")
    void theCheckerFindsABrokenCopy(Path model, Breakage breakage) throws IOException {
        BpmnModelInstance copy = Bpmn.readModelFromFile(model.toFile());
        String expected = breakage.apply().apply(copy, model);
        List<String> findings = ModelConventions.forModel(model).check(copy);
        System.out.println("Broken copy (" + breakage + ") of " + model + ":"
                + ModelConventions.report(Map.of(model.toString(), findings)));
        assertThat(findings).as("findings for " + breakage).hasSize(1);
        assertThat(findings.get(0)).startsWith(expected);
    }

    private static <T extends org.camunda.bpm.model.xml.instance.ModelElementInstance> T first(BpmnModelInstance model,
            Class<T> type) {
        return model.getModelElementsByType(type).iterator().next();
    }

}
