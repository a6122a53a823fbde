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
import no.pakkeforlop.rules.PathwayData;
import no.pakkeforlop.rules.PathwayRules;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * The pathway folders on the classpath: {@code processes/<folder>/} (the model, its
 * decision tables and one rules table) and {@code forms/<folder>/} (its Camunda Forms),
 * with the shared forms its models use ({@link SharedForms}). Each is deployed as one
 * deployment, named after the folder.
 */
public final class PathwayFolders {

    /**
     * What a pathway folder holds that is deployed: models, decision tables, the rules
     * table, the pathway data and the forms.
     */
    static final List<String> DEPLOYED = List.of(".bpmn", ".dmn", PathwayRules.SUFFIX, "/" + PathwayData.FILE, ".form");

    /**
     * One pathway folder: its rules table, its data ({@code pathway.json}) and its
     * resources by deployment name.
     */
    public record Folder(String name, PathwayRules rules, PathwayData data, Map<String, Resource> resources) {
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
                addSharedForms(resolver, folder, rules, pathwayData, resources);
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
     * Adds the shared forms ({@code forms/shared/}, {@link SharedForms}) the folder's
     * models refer to, each made the pathway's own, under its shared name
     * ({@code forms/shared/<task>.form}).
     */
    private static void addSharedForms(PathMatchingResourcePatternResolver resolver, String folder, PathwayRules rules,
            PathwayData data, Map<String, Resource> resources) throws IOException {
        Set<String> referred = new TreeSet<>();
        for (Map.Entry<String, Resource> resource : resources.entrySet()) {
            if (resource.getKey().endsWith(".bpmn")) {
                try (InputStream in = resource.getValue().getInputStream()) {
                    referred.addAll(SharedForms.formRefs(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
                }
            }
        }
        Map<String, String> placeholders = SharedForms.placeholders(rules, data);
        for (Resource shared : resolver.getResources("classpath*:forms/" + SharedForms.FOLDER + "/*.form")) {
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
