package no.pakkeforlop.bench;

import java.util.Map;
import no.pakkeforlop.testsupport.FormAnswers;

/** What the dialogue and follow-up forms submit, so the benchmark completes them as staff would. */
final class BenchForms {

  private BenchForms() {
  }

  static Map<String, Object> dialogueVariables(String taskKey) {
    return FormAnswers.complete(taskKey);
  }
}
