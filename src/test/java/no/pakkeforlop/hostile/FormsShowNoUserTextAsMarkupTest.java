package no.pakkeforlop.hostile;

import static no.pakkeforlop.testsupport.FormFiles.components;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import no.pakkeforlop.testsupport.FormFiles;
import org.junit.jupiter.api.Test;

/**
 * What staff type is shown back in Tasklist as text, never as markup. A form-js
 * {@code text} component renders its text as Markdown and then as (sanitised) HTML, and
 * the values it inserts with {@code {{...}}} are not escaped (checked in Tasklist 7.24's
 * bundled form-js): a patient name like {@code <img src=x>} or
 * {@code [klikk](http://...)} would become an image or a link on every task of the
 * pathway. So a text component may insert a free-text variable (any textfield or textarea
 * of any form) only through {@link #SAFE}, a FEEL {@code replace} that keeps letters,
 * digits, space and {@code . , ' -} and drops every character that Markdown or HTML give
 * a meaning. {@code referralId} and {@code nationalId} are exempt: the server accepts
 * only {@code [A-Za-z0-9._-]} and digits there. Every pathway's forms are read
 * ({@code forms/<folder>/}).
 */
class FormsShowNoUserTextAsMarkupTest {

    static final String ALLOWED = "[^A-Za-z0-9ÆØÅæøåÀ-ÖØ-öø-ÿ .,'-]";

    /** The only way a text component may show a free-text variable. */
    static final String SAFE = "replace(%s, \"" + ALLOWED + "\", \"\")";

    /** Validated by the server to characters without meaning in Markdown or HTML. */
    static final Set<String> RESTRICTED = Set.of("referralId", "nationalId");
    static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void textComponentsShowFreeTextOnlyThroughTheMarkupFreeFilter() throws IOException {
        List<JsonNode> forms = forms();
        Set<String> freeText = new TreeSet<>();
        for (JsonNode form : forms) {
            for (JsonNode c : components(form)) {
                if (Set.of("textfield", "textarea").contains(c.path("type").asText()) && c.hasNonNull("key")) {
                    freeText.add(c.get("key").asText());
                }
            }
        }
        freeText.removeAll(RESTRICTED);
        assertThat(freeText).as("free-text variables").contains("patientName", "hospital", "medications", "toHospital");

        List<String> unsafe = new ArrayList<>();
        int guarded = 0;
        for (JsonNode form : forms) {
            for (JsonNode c : components(form)) {
                if (!c.path("type").asText().equals("text")) {
                    continue;
                }
                String text = c.path("text").asText();
                for (String variable : freeText) {
                    Matcher use = Pattern.compile("(?<![A-Za-z0-9_])" + variable + "(?![A-Za-z0-9_])").matcher(text);
                    String safe = SAFE.formatted(variable);
                    while (use.find()) {
                        boolean wrapped = use.start() >= "replace(".length()
                                && text.startsWith(safe, use.start() - "replace(".length());
                        boolean inserted = text.startsWith("=") || isInsideInsert(text, use.start());
                        if (inserted && !wrapped) {
                            unsafe.add(form.path("id").asText() + "/" + c.path("id").asText() + ": " + variable);
                        }
                        else if (inserted) {
                            guarded++;
                        }
                    }
                }
            }
        }
        assertThat(unsafe).as("text components that show staff-entered text as Markdown/HTML").isEmpty();
        assertThat(guarded).as("free-text values shown through the filter (patient and hospital in each header)")
            .isGreaterThanOrEqualTo(2);
    }

    /**
     * Server-restricted variables a text may show as they are: the referral id and
     * national id (safe characters only, checked at intake) and the received date (a
     * strict yyyy-MM-dd date); none of them can be changed by staff after the start
     * (security.PathwayGuard). NRS 2002's total is an integer the server works out
     * (dialogue.DialogueCompletion), on no form.
     */
    static final Set<String> SHOWN_AS_THEY_ARE = Set.of("referralId", "nationalId", "receivedDate", "nrsTotalScore");
    static final Set<String> FEEL_WORDS = Set.of("if", "then", "else", "and", "or", "not", "null", "true", "false",
            "replace", "substring", "string", "number", "date", "in", "instance", "of", "for", "return", "some",
            "every", "satisfies", "between");

    /**
     * Every variable a text component shows (an insertion {@code {{...}}} or a FEEL text
     * {@code =...}) is filtered or restricted by the server: shown through the
     * markup-free {@code replace} filter, compared only (a FEEL {@code x = "..."} shows
     * the literal, not the value), or one of {@link #SHOWN_AS_THEY_ARE}. A new variable
     * shown unfiltered in any form, by whoever adds it, fails here.
     */
    @Test
    void everyVariableATextShowsIsFilteredComparedOrRestrictedByTheServer() throws IOException {
        List<String> unfiltered = new ArrayList<>();
        Pattern identifier = Pattern.compile("(?<![A-Za-z0-9_.\\\\])[A-Za-z_][A-Za-z0-9_]*");
        for (JsonNode form : forms()) {
            for (JsonNode c : components(form)) {
                if (!c.path("type").asText().equals("text")) {
                    continue;
                }
                String text = c.path("text").asText();
                List<String> expressions = new ArrayList<>();
                if (text.startsWith("=")) {
                    expressions.add(text.substring(1));
                }
                else {
                    Matcher insert = Pattern.compile("\\{\\{(.*?)}}").matcher(text);
                    while (insert.find()) {
                        expressions.add(insert.group(1));
                    }
                }
                for (String expression : expressions) {
                    // the filter's own argument is safe; string literals are shown as
                    // written
                    String code = expression
                        .replaceAll("replace\\(\\s*[A-Za-z_][A-Za-z0-9_]*\\s*,\\s*\"(\\\\.|[^\"])*\"\\s*,"
                                + "\\s*\"\"\\s*\\)", "")
                        .replaceAll("\"(\\\\.|[^\"])*\"", "\"\"");
                    Matcher word = identifier.matcher(code);
                    while (word.find()) {
                        String name = word.group();
                        String after = code.substring(word.end()).stripLeading();
                        boolean compared = after.startsWith("=") || after.startsWith("!=") || after.startsWith("<")
                                || after.startsWith(">");
                        if (!FEEL_WORDS.contains(name) && !SHOWN_AS_THEY_ARE.contains(name) && !compared) {
                            unfiltered.add(form.path("id").asText() + "/" + c.path("id").asText() + ": " + name);
                        }
                    }
                }
            }
        }
        assertThat(unfiltered).as("variables shown unfiltered in a form's text").isEmpty();
    }

    @Test
    void theFilterLeavesNamesAndDropsEveryMarkupCharacter() {
        Pattern allowed = Pattern.compile(ALLOWED);
        assertThat(allowed.matcher("Ærlig Øystein Ås-Ødegård, O'Brien Zoë Müller").replaceAll(""))
            .isEqualTo("Ærlig Øystein Ås-Ødegård, O'Brien Zoë Müller");
        String hostile = "<img src=x onerror=alert(1)>[klikk](http://x) **b** _i_ `c` # ! | ~ {{x}} &amp; \\ \" ; : = + @";
        String shown = allowed.matcher(hostile).replaceAll("");
        assertThat(shown).doesNotContainPattern("[<>\\[\\]()*_`#!|~{}&\\\\\";:=+@/]");
    }

    @Test
    void noFormUsesAComponentThatRendersRawHtml() throws IOException {
        for (JsonNode form : forms()) {
            for (JsonNode c : components(form)) {
                // form-js "html" escapes inserted values, but every form here shows text
                // through "text" components only
                assertThat(c.path("type").asText()).as(form.path("id").asText()).isNotIn("html", "iframe");
            }
        }
    }

    /** Whether the position lies between a {@code {{} and its {@code }}}. */
    static boolean isInsideInsert(String text, int position) {
        int open = text.lastIndexOf("{{", position);
        int close = text.lastIndexOf("}}", position);
        return open >= 0 && open > close;
    }

    /**
     * The forms of every pathway as deployed ({@code forms/<folder>/} and the shared ones
     * made the pathway's own).
     */
    static List<JsonNode> forms() throws IOException {
        List<JsonNode> forms = new ArrayList<>();
        for (String folder : FormFiles.pathwayFolders()) {
            List<JsonNode> ofPathway = new ArrayList<>();
            for (byte[] form : FormFiles.deployedForms(folder).values()) {
                ofPathway.add(JSON.readTree(form));
            }
            assertThat(ofPathway).as("forms " + folder + " deploys (its own and the shared ones)")
                .hasSizeGreaterThan(10);
            forms.addAll(ofPathway);
        }
        assertThat(FormFiles.pathwayFolders()).as("pathway folders under forms/").contains(FormFiles.A32_FOLDER);
        return forms;
    }

}
