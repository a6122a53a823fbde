package no.pakkeforlop.testsupport;

import java.util.HashMap;
import java.util.Map;
import no.pakkeforlop.dialogue.DialogueCompletion;
import no.pakkeforlop.dialogue.DialogueField;

/** What staff submit on a dialogue or follow-up form when they have done everything it asks for. */
public final class FormAnswers {

  private FormAnswers() {
  }

  public static Map<String, Object> complete(String taskKey) {
    Map<String, Object> answers = new HashMap<>();
    for (DialogueField field : DialogueCompletion.RULES.getOrDefault(taskKey, java.util.List.of())) {
      if (field instanceof DialogueField.Confirmation c) {
        answers.put(c.key(), true);
      } else if (field instanceof DialogueField.Choice c) {
        answers.put(c.key(), c.values().get(0));
      } else if (field instanceof DialogueField.Note n) {
        answers.put(n.key(), "Fulgt opp av forløpskoordinator.");
      }
    }
    return answers;
  }
}
