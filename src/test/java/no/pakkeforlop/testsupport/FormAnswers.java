package no.pakkeforlop.testsupport;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import no.pakkeforlop.checks.Field;

/**
 * What staff submit on a dialogue or follow-up form when they have done everything it
 * asks for.
 */
public final class FormAnswers {

    private static final Set<String> DIALOGUE_TASKS = FormFiles.dialogueTasks();

    private FormAnswers() {
    }

    public static Map<String, Object> complete(String taskKey) {
        Map<String, Object> answers = new HashMap<>();
        if (!DIALOGUE_TASKS.contains(taskKey)) {
            return answers;
        }
        for (Field field : BuiltTaskVersions.A32.task(taskKey).form().fields()) {
            if (field instanceof Field.YesNo c) {
                answers.put(c.key(), true);
            }
            else if (field instanceof Field.OneOf c) {
                answers.put(c.key(), c.values().get(0));
            }
            else if (field instanceof Field.WholeNumber n) {
                answers.put(n.key(), n.min());
            }
            else if (field instanceof Field.Text n) {
                answers.put(n.key(), "Fulgt opp av forløpskoordinator.");
            }
            else {
                throw new IllegalStateException(field.key() + ": no answer for a dialogue field of this kind ("
                        + field.getClass().getSimpleName() + ")");
            }
        }
        return answers;
    }

}
