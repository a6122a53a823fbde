package no.pakkeforlop.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import no.pakkeforlop.rules.PathwayRules;

/**
 * The Camunda Forms of the pathways ({@code forms/<folder>/}, one folder per pathway,
 * beside {@code processes/<folder>/}), as the tests read them.
 */
public final class FormFiles {

    /**
     * The oesophageal and gastric cancer pathway's folder, under processes/ and forms/.
     */
    public static final String A32_FOLDER = "a32-spiseror-magesekk";

    /** Where every pathway's forms are, one folder per pathway. */
    public static final Path FORMS_ROOT = Path.of("forms");

    /** Where every pathway's model and rules are, one folder per pathway. */
    public static final Path PROCESSES_ROOT = Path.of("processes");

    /**
     * The folder the application deploys the oesophageal and gastric cancer pathway's
     * forms from.
     */
    public static final Path FORMS = FORMS_ROOT.resolve(A32_FOLDER);

    /**
     * The file name of a form: its id without the pathway's prefix
     * ({@code a32-registerFirstAttendance}: {@code registerFirstAttendance.form}).
     */
    public static String fileName(String formId) {
        int dash = formId.indexOf('-');
        return (dash < 0 ? formId : formId.substring(dash + 1)) + ".form";
    }

    private FormFiles() {
    }

    /** The pathway folders that have forms ({@code forms/<folder>/}), by name. */
    public static List<String> pathwayFolders() {
        try (Stream<Path> folders = Files.list(FORMS_ROOT)) {
            return folders.filter(Files::isDirectory).map(f -> f.getFileName().toString()).sorted().toList();
        }
        catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + FORMS_ROOT, e);
        }
    }

    /** The forms of one pathway folder. */
    public static Path formsOf(String folder) {
        return FORMS_ROOT.resolve(folder);
    }

    /** The rules table of a pathway folder ({@code processes/<folder>/*.rules.json}). */
    public static PathwayRules rulesOf(String folder) {
        try (Stream<Path> files = Files.list(PROCESSES_ROOT.resolve(folder))) {
            List<Path> tables = files.filter(f -> f.toString().endsWith(PathwayRules.SUFFIX)).toList();
            if (tables.size() != 1) {
                throw new IllegalStateException(
                        PROCESSES_ROOT.resolve(folder) + " has " + tables.size() + " rules tables, not one");
            }
            try (InputStream in = Files.newInputStream(tables.get(0))) {
                return PathwayRules.read(in, tables.get(0).toString());
            }
        }
        catch (IOException e) {
            throw new UncheckedIOException("Cannot read the rules of " + folder, e);
        }
    }

    /**
     * The prefix of a pathway's form ids: its code prefix in lower case ({@code a32}, as
     * in {@code a32-registerFirstAttendance}).
     */
    public static String formIdPrefix(String folder) {
        return rulesOf(folder).codePrefix().toLowerCase(Locale.ROOT);
    }

    /** Every component of a form or group, depth first, nested ones included. */
    public static List<JsonNode> components(JsonNode container) {
        List<JsonNode> all = new ArrayList<>();
        for (JsonNode component : container.path("components")) {
            all.add(component);
            all.addAll(components(component));
        }
        return all;
    }

}
