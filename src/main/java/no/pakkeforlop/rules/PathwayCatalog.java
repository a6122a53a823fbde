package no.pakkeforlop.rules;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pathways this application runs, and the rules each version of them runs on.
 * <p>
 * A pathway is a folder ({@code processes/<folder>/} with its model, decision tables and
 * rules table, {@code forms/<folder>/} with its forms), deployed as one deployment. The
 * rules table is a resource of that deployment, so a running pathway follows the rules of
 * the process definition it runs on ({@link #forDefinition}), not those of a newer
 * version deployed since; it moves to the new rules only when it is migrated to the new
 * definition. The tables as built ({@link #current}) name the pathways there are.
 */
public final class PathwayCatalog {

    private static final Logger log = LoggerFactory.getLogger(PathwayCatalog.class);

    private final Map<String, PathwayRules> byPathway = new LinkedHashMap<>();

    private final Map<String, PathwayRules> byProcessKey = new LinkedHashMap<>();

    /** The rules of each process definition, read once per definition. */
    private final Map<String, PathwayRules> byDefinition = new ConcurrentHashMap<>();

    /**
     * @param current the rules tables as built, the first being the pathway a referral
     * that names none is for
     */
    public PathwayCatalog(List<PathwayRules> current) {
        if (current.isEmpty()) {
            throw new IllegalStateException("No pathway: no rules table (processes/<pathway>/*.rules.json) was found");
        }
        for (PathwayRules rules : current) {
            if (byPathway.put(rules.pathway(), rules) != null) {
                throw new IllegalStateException("Two rules tables for pathway " + rules.pathway());
            }
            if (byProcessKey.put(rules.processKey(), rules) != null) {
                throw new IllegalStateException("Two rules tables for process " + rules.processKey());
            }
        }
    }

    /** Only the oesophageal and gastric cancer pathway, as built (engine tests). */
    public static PathwayCatalog ofA32() {
        return new PathwayCatalog(List.of(PathwayRules.load()));
    }

    /** The pathways, as built, in the order of their folders. */
    public List<PathwayRules> current() {
        return List.copyOf(byPathway.values());
    }

    /**
     * The pathway a referral that names none is for: the oesophageal and gastric cancer
     * pathway (A32), which was the only one.
     */
    public PathwayRules defaultPathway() {
        return Optional.ofNullable(byPathway.get("A32")).orElseGet(() -> byPathway.values().iterator().next());
    }

    /** The pathway with this identifier ("A32"), as built. */
    public Optional<PathwayRules> pathway(String pathway) {
        return Optional.ofNullable(pathway == null ? null : byPathway.get(pathway));
    }

    /** The pathway whose model has this process key, as built. */
    public Optional<PathwayRules> byProcessKey(String processKey) {
        return Optional.ofNullable(processKey == null ? null : byProcessKey.get(processKey));
    }

    /** The pathway a full code belongs to ("A32S": A32), if any. */
    public Optional<PathwayRules> ofCode(String code) {
        return byPathway.values().stream().filter(r -> code != null && code.startsWith(r.codePrefix())).findFirst();
    }

    /** The rules the execution's pathway runs on: those of its process definition. */
    public PathwayRules forExecution(DelegateExecution execution) {
        return forDefinition(execution.getProcessEngineServices().getRepositoryService(),
                execution.getProcessDefinitionId());
    }

    /**
     * The rules deployed with the process definition. A definition deployed before rules
     * tables were deployed with their model (no table in its deployment) runs on the
     * table as built for its process key: the rules did not change when they moved.
     */
    public PathwayRules forDefinition(RepositoryService repository, String processDefinitionId) {
        return byDefinition.computeIfAbsent(processDefinitionId, id -> read(repository, id));
    }

    private PathwayRules read(RepositoryService repository, String processDefinitionId) {
        ProcessDefinition definition = repository.getProcessDefinition(processDefinitionId);
        List<String> tables = repository.getDeploymentResourceNames(definition.getDeploymentId())
            .stream()
            .filter(name -> name.endsWith(PathwayRules.SUFFIX))
            .toList();
        for (String name : tables) {
            try (InputStream in = repository.getResourceAsStream(definition.getDeploymentId(), name)) {
                PathwayRules rules = PathwayRules.read(in, name + " (deployment " + definition.getDeploymentId() + ")");
                if (rules.processKey().equals(definition.getKey())) {
                    return rules;
                }
            }
            catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        PathwayRules built = byProcessKey(definition.getKey())
            .orElseThrow(() -> new IllegalStateException("No rules table for process definition " + processDefinitionId
                    + " (key " + definition.getKey() + "): neither in its deployment nor as built"));
        log.info(
                "Process definition {} (version {}) was deployed without its rules table; it runs on the table as built",
                processDefinitionId, definition.getVersion());
        return built;
    }

}
