package no.pakkeforlop.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import no.pakkeforlop.checks.TaskCheck;
import no.pakkeforlop.codes.RegisteredCode;
import no.pakkeforlop.rules.PathwayData;
import no.pakkeforlop.rules.PathwayRules;
import no.pakkeforlop.testsupport.FormFiles;
import no.pakkeforlop.testsupport.PathwayEngine;
import no.pakkeforlop.testsupport.TestData;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The second pathway, colorectal cancer (A12), was added as a folder and nothing else
 * (issue 31: «adding the third pathway is a folder and at most one Java class»): no Java
 * code under {@code src/main/java} names it, and both pathways are found, deployed side
 * by side (one deployment each, form ids that never clash) and run on one engine, each on
 * the rules table deployed with it.
 */
class SecondPathwayTest {

    /**
     * The parts every organ-specific pathway shares, written once (processes/shared/) and
     * deployed with each pathway that calls them.
     */
    static final List<String> SHARED_PARTS = List.of("pakkeforlop-oppfolging-fristbrudd",
            "pakkeforlop-tilleggshenvisning", "pakkeforlop-etter-avslutning");

    static final Path MAIN_JAVA = Path.of("src", "main", "java");

    static final List<PathwayFolders.Folder> FOLDERS = PathwayFolders.onClasspath();

    static final ObjectMapper JSON = new ObjectMapper();

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    /**
     * The pathways other than the one a referral that names none is for (A32): each is
     * data only. Its code prefix, process key, folder and the words of its name appear
     * nowhere in the Java code (comments aside: they may cite a pathway as an example).
     */
    @Test
    void noJavaCodeNamesAPathwayAddedAsAFolder() throws IOException {
        List<PathwayRules> added = FOLDERS.stream()
            .map(PathwayFolders.Folder::rules)
            .filter(rules -> !rules.pathway().equals("A32"))
            .toList();
        assertThat(added).extracting(PathwayRules::pathway).contains("A12");
        List<Pattern> names = new ArrayList<>(List.of(Pattern.compile("colorectal", Pattern.CASE_INSENSITIVE)));
        for (PathwayFolders.Folder folder : FOLDERS) {
            PathwayRules rules = folder.rules();
            if (rules.pathway().equals("A32")) {
                continue;
            }
            names.add(Pattern.compile("(?<![A-Za-z0-9])" + rules.codePrefix() + "(?![0-9])", Pattern.CASE_INSENSITIVE));
            names.add(Pattern.compile(Pattern.quote(rules.processKey())));
            names.add(Pattern.compile(Pattern.quote(folder.name())));
            for (String word : rules.name().toLowerCase(Locale.ROOT).split("[^\\p{L}]+")) {
                if (word.length() > 3) {
                    // a word of its own ("tykk", not "samtykke")
                    names.add(Pattern.compile("(?<!\\p{L})" + Pattern.quote(word),
                            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE));
                }
            }
        }
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(MAIN_JAVA)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
                String code = withoutComments(Files.readString(file));
                for (Pattern name : names) {
                    Matcher m = name.matcher(code);
                    if (m.find()) {
                        found.add(MAIN_JAVA.relativize(file) + ": " + m.group());
                    }
                }
            }
        }
        assertThat(names).hasSizeGreaterThan(4);
        assertThat(found).as("Java code that names a pathway added as a folder").isEmpty();
    }

    /** The checker of the test above finds what it looks for. */
    @Test
    void theSourceScanReadsCodeAndStringsButNotComments() {
        String source = "/* A12 in a comment */ class X { // tykk\n String s = \"A12S\"; char c = '\"'; } /** x */";
        assertThat(withoutComments(source)).contains("String s = \"A12S\"").doesNotContain("comment", "tykk");
    }

    @Test
    void bothPathwayFoldersAreFoundWithTheirOwnRulesAndForms() {
        assertThat(FOLDERS).extracting(PathwayFolders.Folder::name)
            .contains("a12-tykk-endetarm", "a32-spiseror-magesekk");
        PathwayFolders.Folder a12 = folder("a12-tykk-endetarm");
        assertThat(a12.rules().pathway()).isEqualTo("A12");
        assertThat(a12.rules().processKey()).isEqualTo("pakkeforlop-tykk-endetarm");
        assertThat(a12.resources().keySet())
            .contains("processes/a12-tykk-endetarm/pakkeforlop-tykk-endetarm.bpmn",
                    "processes/a12-tykk-endetarm/pakkeforlop-tykk-endetarm.rules.json",
                    "forms/a12-tykk-endetarm/mdtMeeting.form", "forms/shared/registerFirstAttendance.form")
            .allMatch(name -> name.startsWith("processes/a12-tykk-endetarm/")
                    || name.startsWith("forms/a12-tykk-endetarm/") || name.startsWith("forms/shared/")
                    || name.startsWith("processes/shared/"));
        assertThat(a12.calledProcessKeys()).containsExactlyInAnyOrderElementsOf(SHARED_PARTS);
        assertThat(folder("a32-spiseror-magesekk").resources().keySet())
            .noneMatch(name -> name.contains("a12-tykk-endetarm"));
    }

    @Test
    void bothPathwaysDeploySideBySideAndRunOnOneEngine() throws IOException {
        PathwayEngine pathwayEngine = PathwayEngine.create();
        ProcessEngine engine = pathwayEngine.configuration.buildProcessEngine();
        try {
            RepositoryService repository = engine.getRepositoryService();
            PathwayDeployer.deploy(repository, FOLDERS);

            List<Deployment> deployments = repository.createDeploymentQuery().list();
            assertThat(deployments).extracting(Deployment::getName)
                .containsExactlyInAnyOrderElementsOf(FOLDERS.stream().map(PathwayFolders.Folder::name).toList());
            assertThat(deployments).extracting(Deployment::getSource).containsOnly(PathwayDeployer.SOURCE);

            // every deployment holds one pathway's model, rules and forms; no form id is
            // in two
            Map<String, String> formIds = new HashMap<>();
            Map<String, Map<String, String>> sharedForms = new HashMap<>();
            for (Deployment deployment : deployments) {
                List<ProcessDefinition> definitions = repository.createProcessDefinitionQuery()
                    .deploymentId(deployment.getId())
                    .list();
                PathwayRules rules = folder(deployment.getName()).rules();
                // the pathway's model and the shared parts it calls, each its own copy
                assertThat(definitions).as(deployment.getName())
                    .extracting(ProcessDefinition::getKey)
                    .containsExactlyInAnyOrderElementsOf(java.util.stream.Stream
                        .concat(java.util.stream.Stream.of(rules.processKey()), SHARED_PARTS.stream())
                        .toList());
                for (ProcessDefinition definition : definitions) {
                    // every process deployed with the folder runs on its rules and data
                    assertThat(pathwayEngine.catalog.forDefinition(repository, definition.getId()).pathway())
                        .isEqualTo(rules.pathway());
                    assertThat(pathwayEngine.catalog.dataForDefinition(repository, definition.getId()).source())
                        .startsWith("processes/" + deployment.getName() + "/" + PathwayData.FILE);
                }
                String prefix = FormFiles.formIdPrefix(deployment.getName());
                for (String resource : repository.getDeploymentResourceNames(deployment.getId())) {
                    if (!resource.endsWith(".form")) {
                        continue;
                    }
                    try (InputStream in = repository.getResourceAsStream(deployment.getId(), resource)) {
                        String form = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
                        String id = JSON.readTree(form).path("id").asText();
                        if (resource.startsWith("forms/shared/")) {
                            // written once, deployed as this pathway's own copy: its
                            // codes
                            assertThat(id).as(resource).startsWith(SharedForms.ID_PREFIX);
                            assertThat(form).as(resource + " in " + deployment.getName())
                                .doesNotContain("${")
                                .doesNotContainPattern((rules.pathway().equals("A12") ? "A32" : "A12") + "[A-Z]");
                            sharedForms.computeIfAbsent(id, key -> new HashMap<>()).put(rules.pathway(), form);
                            continue;
                        }
                        assertThat(id).as(resource).startsWith(prefix + "-");
                        assertThat(formIds.put(id, deployment.getName())).as("form id " + id + " deployed twice")
                            .isNull();
                    }
                }
            }
            assertThat(formIds).containsKeys("a12-mdtMeeting", "a32-mdtAssessment");
            assertThat(sharedForms.get("pakkeforlop-pathwayAdministration")).containsOnlyKeys("A12", "A32");
            assertThat(sharedForms.get("pakkeforlop-pathwayAdministration").get("A12"))
                .contains("Avslutt forløpet (A12X)");
            assertThat(sharedForms.get("pakkeforlop-pathwayAdministration").get("A32"))
                .contains("Avslutt forløpet (A32X)");
            assertThat(sharedForms.get("pakkeforlop-offerNeedsAssessmentAfterTermination").get("A12"))
                .contains("Kreft i tykk- eller endetarm er bekreftet");

            // every task of both can be checked: the rules registered by task key find
            // every field they name in each pathway's own forms and data
            Map<String, TaskCheck> checks = Map.of("milestoneValidation",
                    (TaskCheck) pathwayEngine.configuration.getBeans().get("milestoneValidation"), "dialogueCompletion",
                    (TaskCheck) pathwayEngine.configuration.getBeans().get("dialogueCompletion"));
            assertThat(DeployedChecks.problems(repository, pathwayEngine.versions, checks,
                    pathwayEngine.catalog.allProcessKeys()))
                .isEmpty();

            // deployed again unchanged: no new versions (each pathway and its copy of the
            // shared follow-up)
            PathwayDeployer.deploy(repository, FOLDERS);
            assertThat(repository.createProcessDefinitionQuery().count())
                .isEqualTo((1L + SHARED_PARTS.size()) * FOLDERS.size());

            // one engine runs both, each registering its own codes on the same referral
            // date
            ClockUtil.setCurrentTime(java.util.Date.from(java.time.Instant.parse("2026-03-02T11:00:00Z")));
            ProcessInstance a32 = start(engine, "pakkeforlop-spiseror-magesekk", "HEN-SIDE-A32");
            ProcessInstance a12 = start(engine, "pakkeforlop-tykk-endetarm", "HEN-SIDE-A12");
            assertThat(pathwayEngine.codes.codesOf(a32.getId())).extracting(RegisteredCode::code)
                .containsExactly("A32A");
            assertThat(pathwayEngine.codes.codesOf(a12.getId())).extracting(RegisteredCode::code)
                .containsExactly("A12A");
            // each waits for its first attendance with its own standard time (8 and 9
            // days)
            assertThat(dueOfFirstAttendance(engine, a32)).isEqualTo("2026-03-10");
            assertThat(dueOfFirstAttendance(engine, a12)).isEqualTo("2026-03-11");
        }
        finally {
            engine.close();
        }
    }

    private static ProcessInstance start(ProcessEngine engine, String processKey, String referralId) {
        return engine.getRuntimeService()
            .startProcessInstanceByKey(processKey, referralId,
                    TestData.referralVariables(referralId, "2026-03-02", TestData.HOSPITAL));
    }

    private static String dueOfFirstAttendance(ProcessEngine engine, ProcessInstance pi) {
        return engine.getTaskService()
            .createTaskQuery()
            .processInstanceId(pi.getId())
            .taskDefinitionKey("registerFirstAttendance")
            .singleResult()
            .getDueDate()
            .toInstant()
            .atZone(TestData.OSLO)
            .toLocalDate()
            .toString();
    }

    private static PathwayFolders.Folder folder(String name) {
        return FOLDERS.stream().filter(f -> f.name().equals(name)).findFirst().orElseThrow();
    }

    /**
     * Java source without its comments: string and character literals are kept (a comment
     * marker inside one is text), block and line comments removed.
     */
    static String withoutComments(String source) {
        StringBuilder code = new StringBuilder(source.length());
        int i = 0;
        while (i < source.length()) {
            char c = source.charAt(i);
            if (source.startsWith("/*", i)) {
                int end = source.indexOf("*/", i + 2);
                i = end < 0 ? source.length() : end + 2;
                code.append(' ');
            }
            else if (source.startsWith("//", i)) {
                int end = source.indexOf('\n', i);
                i = end < 0 ? source.length() : end;
            }
            else if (source.startsWith("\"\"\"", i)) {
                int end = source.indexOf("\"\"\"", i + 3);
                end = end < 0 ? source.length() : end + 3;
                code.append(source, i, end);
                i = end;
            }
            else if (c == '"' || c == '\'') {
                int j = i + 1;
                while (j < source.length() && source.charAt(j) != c && source.charAt(j) != '\n') {
                    j += source.charAt(j) == '\\' ? 2 : 1;
                }
                j = Math.min(j + 1, source.length());
                code.append(source, i, j);
                i = j;
            }
            else {
                code.append(c);
                i++;
            }
        }
        return code.toString();
    }

    static {
        if (!Files.isDirectory(MAIN_JAVA)) {
            throw new UncheckedIOException(new IOException("Run from the project folder: no " + MAIN_JAVA));
        }
    }

}
