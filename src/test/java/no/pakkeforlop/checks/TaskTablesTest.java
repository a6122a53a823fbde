package no.pakkeforlop.checks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import no.pakkeforlop.refusals.FieldError;
import no.pakkeforlop.rules.PathwayData;
import no.pakkeforlop.rules.PathwayRules;
import no.pakkeforlop.testsupport.FormFiles;
import org.junit.jupiter.api.Test;

/**
 * A task's check table: the Java rule registered for its pathway and task key on the
 * fields of its form, then the form's other fields with their own rules; a rule that
 * names a field the form lacks, or a required field the form hides on a condition no rule
 * knows, refuses the table loudly.
 */
class TaskTablesTest {

    static final PathwayRules RULES = PathwayRules.load();

    static final PathwayData DATA = PathwayData.load();

    static TaskVersion version(String components) {
        return new TaskVersion(RULES, FormFieldsTest.form(components), DATA);
    }

    static final String FORM = """
            {"key": "startDate", "type": "datetime", "subtype": "date", "dateLabel": "Startdato",
             "validate": {"required": true}},
            {"key": "kind", "type": "radio", "label": "Type", "validate": {"required": true},
             "values": [{"label": "A", "value": "A"}, {"label": "B", "value": "B"}]},
            {"key": "note", "type": "textarea", "label": "Merknad", "validate": {"maxLength": 10}}""";

    static List<FieldError> errors(TaskTables.Table table, Map<String, Object> values) {
        return Checker.of(values, LocalDate.parse("2026-03-10")).check(table.checks()).errors();
    }

    @Test
    void aTaskOfAPathwayWithoutJavaRulesIsCheckedAgainstItsFormAlone() {
        TaskTables tables = new TaskTables(task -> null, Map.of());
        TaskTables.Table table = tables.build("anyTask", version(FORM));
        assertThat(errors(table, Map.of("note", "x".repeat(11)))).containsExactly(
                new FieldError("startDate", "Startdato må fylles ut."), new FieldError("kind", "Type må fylles ut."),
                new FieldError("note", "Merknad kan ha høyst 10 tegn (nå 11)."));
    }

    @Test
    void theRegisteredRuleComesFirstOnTheFormsFieldsAndTheOtherFieldsFollowInTheFormsOrder() {
        TaskRule rule = form -> List.of(form.field("kind"), form.date("startDate").notInTheFuture(),
                checker -> checker.error("kind", "på tvers"));
        TaskTables tables = new TaskTables(task -> null,
                Map.of("A32", new TaskTables.Registration(Map.of("registerSomething", rule), TaskRule.FORM_ONLY)));
        Map<String, Object> values = new HashMap<>(Map.of("startDate", "2026-03-11", "note", "x".repeat(11)));
        assertThat(errors(tables.build("registerSomething", version(FORM)), values)).containsExactly(
                new FieldError("kind", "Type må fylles ut."),
                new FieldError("startDate", "Startdato (11.03.2026) kan ikke være fram i tid."),
                new FieldError("kind", "på tvers"), new FieldError("note", "Merknad kan ha høyst 10 tegn (nå 11)."));
        // another task of the pathway: the form's own rules (the date may lie in the
        // future)
        assertThat(errors(tables.build("otherTask", version(FORM)), values)).extracting(FieldError::field)
            .containsExactly("kind", "note");
    }

    /**
     * A rule registered by task key for every pathway checks a task of that key in
     * whichever pathway's model it is (no Java names the pathway); a pathway with a
     * registration of its own is checked by that one instead.
     */
    @Test
    void aRuleRegisteredForEveryPathwayChecksTheTaskOfThatKeyInAnyPathway() {
        TaskRule rule = form -> List.of(form.date("startDate").notInTheFuture(),
                checker -> checker.error("kind", "på tvers i " + form.rules().pathway()));
        TaskTables tables = TaskTables.forEveryPathway(task -> null,
                new TaskTables.Registration(Map.of("registerSomething", rule), TaskRule.FORM_ONLY));
        PathwayRules second = FormFiles.rulesOf("a12-tykk-endetarm");
        TaskVersion ofSecond = new TaskVersion(second, FormFieldsTest.form(FORM), DATA);
        Map<String, Object> values = Map.of("startDate", "2026-03-11", "kind", "A");

        assertThat(errors(tables.build("registerSomething", version(FORM)), values)).containsExactly(
                new FieldError("startDate", "Startdato (11.03.2026) kan ikke være fram i tid."),
                new FieldError("kind", "på tvers i A32"));
        assertThat(errors(tables.build("registerSomething", ofSecond), values)).containsExactly(
                new FieldError("startDate", "Startdato (11.03.2026) kan ikke være fram i tid."),
                new FieldError("kind", "på tvers i " + second.pathway()));
        // another task: the form's own rules
        assertThat(errors(tables.build("otherTask", ofSecond), values)).isEmpty();

        TaskTables own = new TaskTables(task -> null,
                Map.of(second.pathway(), new TaskTables.Registration(Map.of(), TaskRule.FORM_ONLY)),
                new TaskTables.Registration(Map.of("registerSomething", rule), TaskRule.FORM_ONLY));
        assertThat(errors(own.build("registerSomething", ofSecond), values)).isEmpty();
        assertThat(errors(own.build("registerSomething", version(FORM)), values)).hasSize(2);
    }

    @Test
    void aRuleThatNamesAFieldTheFormLacksRefusesTheTableNamingFieldFormAndTask() {
        TaskRule rule = form -> List.of(form.field("endDate"));
        TaskTables tables = new TaskTables(task -> null,
                Map.of("A32", new TaskTables.Registration(Map.of("registerSomething", rule), TaskRule.FORM_ONLY)));
        assertThatThrownBy(() -> tables.build("registerSomething", version(FORM)))
            .isInstanceOf(IllegalStateException.class)
            .hasMessage("The server's rules for the task registerSomething (pathway A32) name the field endDate,"
                    + " which its form a32-test (test.form) does not have: add the field to the form, or the rule is"
                    + " wrong for this version");
    }

    @Test
    void aRuleThatTakesAFieldAsAnotherKindRefusesTheTable() {
        TaskRule rule = form -> List.of(form.date("kind"));
        TaskTables tables = new TaskTables(task -> null,
                Map.of("A32", new TaskTables.Registration(Map.of("registerSomething", rule), TaskRule.FORM_ONLY)));
        assertThatThrownBy(() -> tables.build("registerSomething", version(FORM)))
            .hasMessageContaining("take the field kind as Date, but its form a32-test (test.form) makes it OneOf");
    }

    @Test
    void aRequiredFieldShownOnAConditionNoRuleKnowsRefusesTheTableAnOptionalOneIsHeldToItsRule() {
        String conditional = FORM + """
                ,
                {"key": "reason", "type": "textfield", "label": "Begrunnelse", "validate": {"maxLength": 5},
                 "conditional": {"hide": "=kind != \\"B\\""}}""";
        TaskTables tables = new TaskTables(task -> null, Map.of());
        assertThat(errors(tables.build("anyTask", version(conditional)),
                Map.of("startDate", "2026-03-01", "kind", "A", "reason", "for lang")))
            .containsExactly(new FieldError("reason", "Begrunnelse kan ha høyst 5 tegn (nå 8)."));
        assertThatThrownBy(() -> tables.build("anyTask",
                version(conditional.replace("\"validate\": {\"maxLength\": 5}",
                        "\"validate\": {\"required\": true, \"maxLength\": 5}"))))
            .isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("The field reason of the form a32-test (test.form) is required but shown only on a"
                    + " condition (=kind != \"B\")")
            .hasMessageContaining("needs a Java rule that says when it is asked for (Check.shownWhen)");
    }

}
