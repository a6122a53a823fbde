package no.pakkeforlop.corrections;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.Set;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BoundaryEvent;
import org.camunda.bpm.model.bpmn.instance.EndEvent;
import org.camunda.bpm.model.bpmn.instance.EscalationEventDefinition;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.IntermediateThrowEvent;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.StartEvent;
import org.camunda.bpm.model.bpmn.instance.SubProcess;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;

/**
 * What followed a step of the pathway, read from the model: every flow node reached from
 * it along the sequence flows, into the subprocesses it enters, out of the subprocesses
 * it ends, and to the boundary events that catch the escalations it throws ("Beslutning
 * tatt" raises the talks and the GP's letter beside the milestones). Timer and message
 * boundary events are not followed: a deadline's breach and its follow-up belong to the
 * standard time, not to the step. A withdrawn code's step is undone by cancelling what
 * followed it.
 */
final class ModelReach {

    private ModelReach() {
    }

    static Set<String> following(BpmnModelInstance model, String stepId) {
        Set<String> reached = new LinkedHashSet<>();
        Deque<FlowNode> todo = new ArrayDeque<>();
        FlowNode step = model.getModelElementById(stepId);
        if (step == null) {
            throw new IllegalStateException("The model has no step " + stepId);
        }
        step.getOutgoing().forEach(flow -> todo.add(flow.getTarget()));
        while (!todo.isEmpty()) {
            FlowNode node = todo.pop();
            if (!reached.add(node.getId())) {
                continue;
            }
            for (SequenceFlow flow : node.getOutgoing()) {
                todo.add(flow.getTarget());
            }
            if (node instanceof SubProcess subProcess) {
                subProcess.getChildElementsByType(StartEvent.class)
                    .stream()
                    .filter(start -> start.getEventDefinitions().isEmpty())
                    .forEach(todo::add);
            }
            if (node instanceof EndEvent && node.getParentElement() instanceof SubProcess parent) {
                parent.getOutgoing().forEach(flow -> todo.add(flow.getTarget()));
            }
            if (node instanceof IntermediateThrowEvent thrown) {
                thrown.getEventDefinitions()
                    .stream()
                    .filter(EscalationEventDefinition.class::isInstance)
                    .map(definition -> ((EscalationEventDefinition) definition).getEscalation())
                    .forEach(escalation -> catchers(model, thrown, escalation).forEach(todo::add));
            }
        }
        return reached;
    }

    /** The escalation boundary events on the throwing node's enclosing subprocesses. */
    private static Set<BoundaryEvent> catchers(BpmnModelInstance model, FlowNode thrown,
            ModelElementInstance escalation) {
        Set<BoundaryEvent> catchers = new LinkedHashSet<>();
        for (BoundaryEvent boundary : model.getModelElementsByType(BoundaryEvent.class)) {
            boolean catches = boundary.getEventDefinitions()
                .stream()
                .anyMatch(definition -> definition instanceof EscalationEventDefinition caught
                        && (caught.getEscalation() == null || caught.getEscalation() == escalation));
            if (catches && encloses(boundary.getAttachedTo(), thrown)) {
                catchers.add(boundary);
            }
        }
        return catchers;
    }

    private static boolean encloses(ModelElementInstance scope, ModelElementInstance node) {
        for (ModelElementInstance parent = node.getParentElement(); parent != null; parent = parent
            .getParentElement()) {
            if (parent == scope) {
                return true;
            }
        }
        return false;
    }

}
