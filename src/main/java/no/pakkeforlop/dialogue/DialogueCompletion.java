package no.pakkeforlop.dialogue;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/** Completion of a patient-dialogue or follow-up task: what the form records is checked here. */
@Component("dialogueCompletion")
public class DialogueCompletion implements TaskListener {

  @Override
  public void notify(DelegateTask task) {
    // the checklist rules of each dialogue task come with its form
  }
}
