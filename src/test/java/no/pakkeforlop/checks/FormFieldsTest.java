package no.pakkeforlop.checks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import no.pakkeforlop.checks.Field.YesNo.Need;
import no.pakkeforlop.testsupport.FormFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The server's reader of a Camunda Form: each kind of field the forms use becomes its own
 * rule, and a form it cannot hold a value to is refused with a message that names the
 * field and why.
 */
class FormFieldsTest {

    static FormFields form(String components) {
        String json = "{\"id\": \"a32-test\", \"type\": \"default\", \"schemaVersion\": 16, \"components\": ["
                + components + "]}";
        return FormFields.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "test.form");
    }

    static Field only(String component) {
        FormFields form = form(component);
        assertThat(form.inputs()).hasSize(1);
        return form.fields().get(0);
    }

    // ------------------------------------------------------------------ each kind of
    // field

    @Test
    void aTextFieldIsOneLineOfTextUpToItsMaxLength() {
        assertThat(only("""
                {"key": "toHospital", "type": "textfield", "label": "Sykehuset",
                 "validate": {"required": true, "maxLength": 200}}"""))
            .isEqualTo(new Field.Text("toHospital", "Sykehuset", 200, true, false));
    }

    @Test
    void aTextAreaIsTextOfSeveralLines() {
        assertThat(only("""
                {"key": "note", "type": "textarea", "label": "Merknad", "validate": {"maxLength": 1000}}"""))
            .isEqualTo(new Field.Text("note", "Merknad", 1000, false, true));
    }

    @Test
    void aDateIsADayByItsDateLabelAndMayLieInTheFutureUnlessTheTasksRuleSaysNot() {
        Field date = only("""
                {"key": "mdtDate", "type": "datetime", "subtype": "date", "dateLabel": "Dato for MDT-møtet",
                 "validate": {"required": true}}""");
        assertThat(date).isEqualTo(new Field.Date("mdtDate", "Dato for MDT-møtet", true, false));
        assertThat(((Field.Date) date).notInTheFuture())
            .isEqualTo(new Field.Date("mdtDate", "Dato for MDT-møtet", true, true));
    }

    @Test
    void aNumberIsAWholeNumberFromItsMinToItsMax() {
        assertThat(
                only("""
                        {"key": "nrs", "type": "number", "label": "NRS", "validate": {"required": true, "min": 0, "max": 3}}"""))
            .isEqualTo(new Field.WholeNumber("nrs", "NRS", 0, 3, true));
    }

    @Test
    void aChoiceOfTextsIsOneOfItsOptionsInTheFormsOrder() {
        assertThat(only("""
                {"key": "mStage", "type": "select", "label": "M-stadium", "validate": {"required": true},
                 "values": [{"label": "M0 – ingen", "value": "M0"}, {"label": "M1 – fjern", "value": "M1"}]}"""))
            .isEqualTo(new Field.OneOf("mStage", "M-stadium", List.of("M0", "M1"), true));
        assertThat(only("""
                {"key": "answer", "type": "radio", "label": "Svar",
                 "values": [{"label": "Ja", "value": "ACCEPTED"}, {"label": "Nei", "value": "DECLINED"}]}"""))
            .isEqualTo(new Field.OneOf("answer", "Svar", List.of("ACCEPTED", "DECLINED"), false));
    }

    @Test
    void aChoiceOfWholeNumbersIsAWholeNumberFromTheLeastToTheGreatest() {
        assertThat(only("""
                {"key": "ecog", "type": "select", "label": "ECOG funksjonsstatus", "validate": {"required": true},
                 "values": [{"label": "0", "value": 0}, {"label": "1", "value": 1}, {"label": "2", "value": 2}]}"""))
            .isEqualTo(new Field.WholeNumber("ecog", "ECOG funksjonsstatus", 0, 2, true));
    }

    @Test
    void aChoiceOfYesAndNoIsYesOrNo() {
        String yesNo = """
                {"key": "used", "type": "radio", "label": "Bruk av tolk", %s
                 "values": [{"label": "Ja", "value": true}, {"label": "Nei", "value": false}]}""";
        assertThat(only(yesNo.formatted("\"validate\": {\"required\": true},")))
            .isEqualTo(new Field.YesNo("used", "Bruk av tolk", Need.REQUIRED));
        assertThat(only(yesNo.formatted(""))).isEqualTo(new Field.YesNo("used", "Bruk av tolk", Need.OPTIONAL));
    }

    @Test
    void aCheckboxIsYesOrNoAndARequiredOneMustBeTicked() {
        assertThat(only("""
                {"key": "done", "type": "checkbox", "label": "Gjort", "validate": {"required": true}}"""))
            .isEqualTo(new Field.YesNo("done", "Gjort", Need.TICKED));
        assertThat(only("""
                {"key": "extra", "type": "checkbox", "label": "Ekstra"}"""))
            .isEqualTo(new Field.YesNo("extra", "Ekstra", Need.OPTIONAL));
    }

    @Test
    void aMessageLabelNamesTheFieldInTheServersMessagesTheLabelStaysWhatTheFormShows() {
        FormFields form = form("""
                {"key": "medicallyOperable", "type": "radio", "label": "Medisinsk operabel?",
                 "properties": {"messageLabel": "Medisinsk operabel"}, "validate": {"required": true},
                 "values": [{"label": "Ja", "value": true}, {"label": "Nei", "value": false}]}""");
        assertThat(form.fields().get(0).label()).isEqualTo("Medisinsk operabel");
        assertThat(form.inputs().get(0).label()).isEqualTo("Medisinsk operabel?");
    }

    @Test
    void fieldsInGroupsAreReadInTheFormsOrderAndShownTextsAndDisabledFieldsAreNoInputs() {
        FormFields form = form("""
                {"id": "Text_1", "type": "text", "text": "#### Henvisning {{referralId}}"},
                {"key": "shown", "type": "textarea", "label": "MDTs anbefaling", "disabled": true},
                {"key": "a", "type": "checkbox", "label": "A"},
                {"type": "group", "label": "Gruppe", "components": [
                  {"key": "b", "type": "checkbox", "label": "B"},
                  {"key": "c", "type": "checkbox", "label": "C", "readonly": true}]},
                {"key": "d", "type": "checkbox", "label": "D"}""");
        assertThat(form.formId()).isEqualTo("a32-test");
        assertThat(form.fields()).extracting(Field::key).containsExactly("a", "b", "d");
    }

    @Test
    void aFieldShownOnAConditionItsOwnOrItsGroupsIsMarkedWithTheConditions() {
        FormFields form = form(
                """
                        {"key": "reason", "type": "textfield", "label": "Begrunnelse", "validate": {"maxLength": 200},
                         "conditional": {"hide": "=used != false"}},
                        {"type": "group", "label": "Henviser", "conditional": {"hide": "=startBasis = \\"X\\""}, "components": [
                          {"key": "referrerName", "type": "textfield", "label": "Navn", "validate": {"required": true, "maxLength": 200},
                           "conditional": {"hide": "=referrerType = null"}}]},
                        {"key": "always", "type": "checkbox", "label": "Alltid"}""");
        assertThat(form.inputs()).extracting(FormFields.Input::hidden)
            .containsExactly(List.of("=used != false"), List.of("=startBasis = \"X\"", "=referrerType = null"),
                    List.of());
        assertThat(form.inputs()).extracting(FormFields.Input::conditional).containsExactly(true, true, false);
        assertThat(form.inputs()).extracting(FormFields.Input::required).containsExactly(false, true, false);
    }

    // ------------------------------------------------------------------ forms the server
    // cannot check

    @Test
    void whatIsNoFormIsRefused() {
        assertThatThrownBy(() -> FormFields.read(new ByteArrayInputStream("{\"id\": ".getBytes(StandardCharsets.UTF_8)),
                "broken.form"))
            .isInstanceOf(IllegalStateException.class)
            .hasMessageStartingWith("The form broken.form is not JSON");
        assertThatThrownBy(() -> FormFields
            .read(new ByteArrayInputStream("{\"components\": []}".getBytes(StandardCharsets.UTF_8)), "noid.form"))
            .hasMessage("The form noid.form is not a Camunda Form: it needs an \"id\" and a list of \"components\"");
    }

    @Test
    void textWithoutAMaxLengthIsRefused() {
        assertThatThrownBy(() -> form("""
                {"key": "note", "type": "textarea", "label": "Merknad"}""")).isInstanceOf(IllegalStateException.class)
            .hasMessage("The field note (textarea) of the form a32-test (test.form) has no validate.maxLength: the"
                    + " server keeps no text without a limit");
    }

    @Test
    void aRuleOfTheFormTheServerDoesNotCheckIsRefusedNeverLeftUnchecked() {
        assertThatThrownBy(() -> form("""
                {"key": "id", "type": "textfield", "label": "Id",
                 "validate": {"maxLength": 11, "minLength": 11, "pattern": "[0-9]+"}}"""))
            .hasMessage("The field id (textfield) of the form a32-test (test.form) has validate.minLength,"
                    + " validate.pattern, which the server does not check (it checks maxLength, required here)");
        assertThatThrownBy(() -> form(
                """
                        {"key": "score", "type": "number", "label": "Skår", "validate": {"min": "=if a then 1 else 0", "max": 9}}"""))
            .hasMessageContaining("needs validate.min and validate.max as whole numbers (not FEEL)");
        assertThatThrownBy(() -> form("""
                {"key": "when", "type": "datetime", "subtype": "datetime", "dateLabel": "Når"}"""))
            .hasMessageContaining("is not a date (subtype \"date\")");
    }

    @Test
    void optionsTheServerCannotKnowOrCannotHoldAValueToAreRefused() {
        assertThatThrownBy(() -> form("""
                {"key": "site", "type": "select", "label": "Sted", "valuesKey": "sites"}"""))
            .hasMessageContaining("takes its options from a variable or an expression");
        assertThatThrownBy(() -> form("""
                {"key": "ecog", "type": "select", "label": "ECOG",
                 "values": [{"label": "0", "value": 0}, {"label": "2", "value": 2}]}"""))
            .hasMessageContaining("a choice of numbers has whole numbers without a gap");
        assertThatThrownBy(() -> form("""
                {"key": "mixed", "type": "radio", "label": "Blandet",
                 "values": [{"label": "Ja", "value": true}, {"label": "Kanskje", "value": "MAYBE"}]}"""))
            .hasMessageContaining("options of one kind");
        assertThatThrownBy(() -> form("""
                {"key": "criteria", "type": "checklist", "label": "Kriterier",
                 "values": [{"label": "A", "value": "A"}]}"""))
            .hasMessage("The field criteria (checklist) of the form a32-test (test.form): the server cannot check a"
                    + " field of this type");
    }

    @Test
    void aFieldWithoutALabelOrTwiceIsRefused() {
        assertThatThrownBy(() -> form("""
                {"key": "x", "type": "checkbox"}"""))
            .hasMessageContaining("has no label: the server's messages name a field by it");
        assertThatThrownBy(() -> form("""
                {"key": "x", "type": "checkbox", "label": "X"}, {"key": "x", "type": "checkbox", "label": "X"}"""))
            .hasMessage("The form a32-test (test.form) has the field x twice");
    }

    // ------------------------------------------------------------------ the pathway's
    // forms

    /** Every task form of every pathway folder, as "folder/task". */
    static Stream<String> taskForms() throws IOException {
        List<String> all = new ArrayList<>();
        for (String folder : FormFiles.pathwayFolders()) {
            FormFiles.deployedForms(folder)
                .keySet()
                .stream()
                .filter(name -> !name.equals("registerReferral"))
                .sorted()
                .forEach(task -> all.add(folder + "/" + task));
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("taskForms")
    void everyTaskFormOfEveryPathwayIsReadWithEveryInput(String folderAndTask) throws IOException {
        String folder = folderAndTask.substring(0, folderAndTask.indexOf('/'));
        String task = folderAndTask.substring(folder.length() + 1);
        FormFields form = FormFiles.fields(folder, task);
        assertThat(form.formId()).isEqualTo(FormFiles.formId(folder, task));
        long inputs = FormFiles.components(FormFiles.deployedFormJson(folder, task))
            .stream()
            .filter(c -> c.hasNonNull("key") && !c.path("disabled").asBoolean(false))
            .count();
        assertThat(form.inputs()).hasSize((int) inputs);
    }

    /**
     * The start form is the intake's, checked in Java
     * ({@code intake.ReferralValidation}): its checklist of criteria and its
     * scale-dependent score are more than a task form's fields, and the reader says so
     * rather than check less.
     */
    @Test
    void theStartFormIsNotATaskFormAndIsRefusedWithTheReason() throws IOException {
        try (InputStream in = Files.newInputStream(FormFiles.FORMS.resolve("registerReferral.form"))) {
            assertThatThrownBy(() -> FormFields.read(in, "registerReferral.form"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("registerReferral.form");
        }
    }

}
