package no.pakkeforlop.deployment;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import no.pakkeforlop.rules.PathwayData;
import no.pakkeforlop.rules.PathwayRules;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * The pathway folders on the classpath: {@code processes/<folder>/} (the model, its
 * decision tables and one rules table) and {@code forms/<folder>/} (its Camunda Forms),
 * with the shared models its model calls and the shared forms its models use
 * ({@link SharedForms}). Each is deployed as one deployment, named after the folder.
 */
public final class PathwayFolders {

    /**
     * What a pathway folder holds that is deployed: models, decision tables, the rules
     * table, the pathway data and the forms.
     */
    /**
     * The folder of what every pathway shares, under {@code processes/} (models) and
     * {@code forms/} (forms): no pathway of its own.
     */
    public static final String SHARED = "shared";

    private static final Pattern CALLED_ELEMENT = Pattern.compile("calledElement=\"([^\"$#]+)\"");

    private static final Pattern PROCESS_ID = Pattern.compile("<(?:bpmn:)?process id=\"([^\"]+)\"");

    static final List<String> DEPLOYED = List.of(".bpmn", ".dmn", PathwayRules.SUFFIX, "/" + PathwayData.FILE, ".form");

    /**
     * One pathway folder: its rules table, its data ({@code pathway.json}) and its
     * resources by deployment name.
     */
    public record Folder(String name, PathwayRules rules, PathwayData data, Map<String, Resource> resources) {

        /**
         * The process keys of the shared parts the pathway calls, deployed with it
         * ({@code processes/shared/}).
         */
        public Set<String> calledProcessKeys() {
            Set<String> keys = new TreeSet<>();
            for (Map.Entry<String, Resource> resource : resources.entrySet()) {
                if (resource.getKey().startsWith("processes/" + SHARED + "/") && resource.getKey().endsWith(".bpmn")) {
                    try {
                        keys.addAll(processIds(read(resource.getValue())));
                    }
                    catch (IOException e) {
                        throw new UncheckedIOException("Cannot read " + resource.getKey(), e);
                    }
                }
            }
            return keys;
        }

        /** The calls of every folder: the shared parts the pathways call. */
        public static Set<String> calledProcessKeys(List<Folder> folders) {
            Set<String> keys = new TreeSet<>();
            folders.forEach(folder -> keys.addAll(folder.calledProcessKeys()));
            return keys;
        }

    }

    private PathwayFolders() {
    }

    /** The pathway folders on the classpath, by folder name. */
    public static List<Folder> onClasspath() {
        PathMatchingResourcePatternResolver resolver = new PathMatchingResourcePatternResolver(
                PathwayFolders.class.getClassLoader());
        try {
            Map<String, Resource> tables = new TreeMap<>();
            for (Resource table : resolver.getResources("classpath*:processes/*/*" + PathwayRules.SUFFIX)) {
                String name = relativeName(table, "processes/");
                String folder = name.substring("processes/".length(), name.lastIndexOf('/'));
                if (tables.put(folder, table) != null) {
                    throw new IllegalStateException("The pathway folder processes/" + folder
                            + " has more than one rules table (*" + PathwayRules.SUFFIX + ")");
                }
            }
            List<Folder> folders = new ArrayList<>();
            for (Map.Entry<String, Resource> table : tables.entrySet()) {
                String folder = table.getKey();
                Map<String, Resource> resources = new LinkedHashMap<>();
                for (String root : List.of("processes/", "forms/")) {
                    for (Resource resource : resolver.getResources("classpath*:" + root + folder + "/**/*")) {
                        String name = relativeName(resource, root);
                        if (resource.isReadable() && DEPLOYED.stream().anyMatch(name::endsWith)) {
                            resources.put(name, resource);
                        }
                    }
                }
                Resource data = resources.get("processes/" + folder + "/" + PathwayData.FILE);
                if (data == null) {
                    throw new IllegalStateException("The pathway folder processes/" + folder + " has no "
                            + PathwayData.FILE + " (the data its tasks' checks read)");
                }
                PathwayRules rules;
                PathwayData pathwayData;
                try (InputStream in = table.getValue().getInputStream(); InputStream dataIn = data.getInputStream()) {
                    rules = PathwayRules.read(in, relativeName(table.getValue(), "processes/"));
                    pathwayData = PathwayData.read(dataIn, "processes/" + folder + "/" + PathwayData.FILE);
                }
                addSharedModels(resolver, resources);
                addSharedForms(resolver, rules, pathwayData, resources);
                folders.add(new Folder(folder, rules, pathwayData, resources));
            }
            folders.sort(Comparator.comparing(Folder::name));
            return folders;
        }
        catch (IOException e) {
            throw new UncheckedIOException("The pathway folders cannot be read", e);
        }
    }

    /**
     * Adds the shared models ({@code processes/shared/}: the parts every organ-specific
     * pathway has, written once) the folder's models call ({@code calledElement}), and
     * those they call, under their shared names. Deployed with each pathway, a call with
     * {@code camunda:calledElementBinding="deployment"} runs the version deployed with
     * the pathway's own version.
     */
    private static void addSharedModels(PathMatchingResourcePatternResolver resolver, Map<String, Resource> resources)
            throws IOException {
        Map<String, Map.Entry<String, Resource>> shared = new TreeMap<>();
        for (Resource model : resolver.getResources("classpath*:processes/" + SHARED + "/*.bpmn")) {
            String name = relativeName(model, "processes/");
            for (String process : processIds(read(model))) {
                shared.put(process, Map.entry(name, model));
            }
        }
        boolean added = true;
        while (added) {
            added = false;
            Set<String> called = new TreeSet<>();
            for (Map.Entry<String, Resource> resource : resources.entrySet()) {
                if (resource.getKey().endsWith(".bpmn")) {
                    called.addAll(matches(CALLED_ELEMENT, read(resource.getValue())));
                }
            }
            for (String process : called) {
                Map.Entry<String, Resource> model = shared.get(process);
                if (model != null && resources.putIfAbsent(model.getKey(), model.getValue()) == null) {
                    added = true;
                }
            }
        }
    }

    /**
     * Adds the shared forms ({@code forms/shared/}, {@link SharedForms}) the folder's
     * models refer to, each made the pathway's own, under its shared name
     * ({@code forms/shared/<task>.form}).
     */
    private static void addSharedForms(PathMatchingResourcePatternResolver resolver, PathwayRules rules,
            PathwayData data, Map<String, Resource> resources) throws IOException {
        Set<String> referred = new TreeSet<>();
        for (Map.Entry<String, Resource> resource : resources.entrySet()) {
            if (resource.getKey().endsWith(".bpmn")) {
                referred.addAll(SharedForms.formRefs(read(resource.getValue())));
            }
        }
        Map<String, String> placeholders = SharedForms.placeholders(rules, data);
        for (Resource shared : resolver.getResources("classpath*:forms/" + SHARED + "/*.form")) {
            String name = relativeName(shared, "forms/");
            String file = name.substring(name.lastIndexOf('/') + 1);
            String task = file.substring(0, file.length() - ".form".length());
            if (!referred.contains(SharedForms.ID_PREFIX + task)) {
                continue;
            }
            try (InputStream in = shared.getInputStream()) {
                resources.put(name, new ByteArrayResource(
                        SharedForms.render(in.readAllBytes(), placeholders, name, task, rules.pathway()), name));
            }
        }
    }

    private static String read(Resource resource) throws IOException {
        try (InputStream in = resource.getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static Set<String> matches(Pattern pattern, String text) {
        Set<String> found = new TreeSet<>();
        Matcher matcher = pattern.matcher(text);
        while (matcher.find()) {
            found.add(matcher.group(1));
        }
        return found;
    }

    /** The ids of the processes a model defines. */
    static Set<String> processIds(String bpmn) {
        return matches(PROCESS_ID, bpmn);
    }

    /** The pathway folder of this name on the classpath ("a32-spiseror-magesekk"). */
    public static Folder named(String name) {
        return onClasspath().stream()
            .filter(folder -> folder.name().equals(name))
            .findFirst()
            .orElseThrow(
                    () -> new IllegalArgumentException("No pathway folder processes/" + name + " on the classpath"));
    }

    /**
     * The resource's name from the root folder on ("processes/a32-.../x.bpmn"), the name
     * it is deployed under.
     */
    static String relativeName(Resource resource, String root) throws IOException {
        String url = resource.getURL().toString();
        int at = url.lastIndexOf("/" + root);
        if (at < 0) {
            throw new IllegalStateException("Not under " + root + ": " + url);
        }
        return url.substring(at + 1);
    }

}
