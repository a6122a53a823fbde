package no.pakkeforlop.rules;

import java.io.ByteArrayInputStream;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import no.pakkeforlop.refusals.FieldError;
import no.pakkeforlop.refusals.InputRefusedException;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.impl.ServiceImpl;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.repository.Resource;
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

    /**
     * The pathway a referral that names none is for, and the pathway of every row written
     * before rows named theirs (Flyway V10): oesophageal and gastric cancer.
     */
    public static final String DEFAULT_PATHWAY = "A32";

    /** The query parameter and request field that name a pathway. */
    public static final String FIELD = "pathway";

    private static final int QUOTED_MAX = 40;

    private final Map<String, PathwayRules> byPathway = new LinkedHashMap<>();

    private final Map<String, PathwayRules> byProcessKey = new LinkedHashMap<>();

    /** The rules of each process definition, read once per definition. */
    private final Map<String, PathwayRules> byDefinition = new ConcurrentHashMap<>();

    /** The pathway data (pathway.json) as built, by process key. */
    private final Map<String, PathwayData> dataAsBuilt;

    private final Set<String> calledProcessKeys;

    /** The pathway data of each deployment, read once per deployment. */
    private final Map<String, PathwayData> dataByDeployment = new ConcurrentHashMap<>();

    /**
     * @param current the rules tables as built ({@link #DEFAULT_PATHWAY} among them is
     * the pathway a referral that names none is for; without it, the first)
     */
    public PathwayCatalog(List<PathwayRules> current) {
        this(current, Map.of());
    }

    /**
     * @param current the rules tables as built ({@link #DEFAULT_PATHWAY} among them is
     * the pathway a referral that names none is for; without it, the first)
     * @param dataAsBuilt each pathway's data ({@value PathwayData#FILE}) as built, by
     * process key: for a definition deployed before the data was deployed with its model
     */
    public PathwayCatalog(List<PathwayRules> current, Map<String, PathwayData> dataAsBuilt) {
        this(current, dataAsBuilt, Set.of());
    }

    /**
     * @param current the rules tables as built ({@link #DEFAULT_PATHWAY} among them is
     * the pathway a referral that names none is for; without it, the first)
     * @param dataAsBuilt each pathway's data ({@value PathwayData#FILE}) as built, by
     * process key: for a definition deployed before the data was deployed with its model
     * @param calledProcessKeys the process keys of the parts the pathways share, which
     * they call ({@code processes/shared/})
     */
    public PathwayCatalog(List<PathwayRules> current, Map<String, PathwayData> dataAsBuilt,
            Set<String> calledProcessKeys) {
        this.dataAsBuilt = Map.copyOf(dataAsBuilt);
        this.calledProcessKeys = Set.copyOf(calledProcessKeys);
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
            if (!rules.zone().equals(current.get(0).zone())) {
                throw new IllegalStateException("Pathway " + rules.pathway() + " has its dates in " + rules.zone()
                        + ", pathway " + current.get(0).pathway() + " in " + current.get(0).zone()
                        + ": every pathway's dates are in one zone (Europe/Oslo)");
            }
        }
    }

    /**
     * The zone every pathway's dates and deadlines are in (Europe/Oslo): the one each
     * rules table names, the same for all; "today" for what spans pathways.
     */
    public ZoneId zone() {
        return defaultPathway().zone();
    }

    /**
     * The process keys of the parts every pathway shares, which the pathways call
     * ({@code processes/shared/}, deployed with each pathway): their tasks are the
     * pathways', their instances run on the rules of the pathway that calls them.
     */
    public Set<String> calledProcessKeys() {
        return calledProcessKeys;
    }

    /**
     * The process keys whose instances are pathways or parts of pathways: each pathway's,
     * then the shared parts'.
     */
    public List<String> allProcessKeys() {
        List<String> keys = new java.util.ArrayList<>(current().stream().map(PathwayRules::processKey).toList());
        calledProcessKeys.stream().sorted().forEach(keys::add);
        return keys;
    }

    /** Only the oesophageal and gastric cancer pathway, as built (engine tests). */
    public static PathwayCatalog ofA32() {
        PathwayRules rules = PathwayRules.load();
        return new PathwayCatalog(List.of(rules), Map.of(rules.processKey(), PathwayData.load()));
    }

    /**
     * The pathways, as built: the one a referral that names none is for first, then the
     * others in the order of their folders.
     */
    public List<PathwayRules> current() {
        PathwayRules first = defaultPathway();
        List<PathwayRules> all = new java.util.ArrayList<>(List.of(first));
        byPathway.values().stream().filter(r -> r != first).forEach(all::add);
        return List.copyOf(all);
    }

    /**
     * The pathway a referral that names none is for: the oesophageal and gastric cancer
     * pathway (A32), which was the only one.
     */
    public PathwayRules defaultPathway() {
        return Optional.ofNullable(byPathway.get(DEFAULT_PATHWAY))
            .orElseGet(() -> byPathway.values().iterator().next());
    }

    /** The identifiers of the pathways, as built, in the order of their folders. */
    public List<String> pathways() {
        return List.copyOf(byPathway.keySet());
    }

    /**
     * The pathway a list or report is narrowed to by its query parameter
     * {@code ?pathway=A32}: empty when none is named (every pathway), else the rules as
     * built for it.
     * @throws InputRefusedException (field {@code pathway}) when no pathway has this
     * identifier
     */
    public Optional<PathwayRules> narrowedTo(String pathway) {
        if (pathway == null || pathway.isBlank()) {
            return Optional.empty();
        }
        return Optional
            .of(pathway(pathway.trim()).orElseThrow(() -> new InputRefusedException(List.of(unknown(pathway)))));
    }

    /**
     * The refusal of a pathway identifier no pathway has, in Norwegian, with the ones
     * there are.
     */
    public FieldError unknown(String pathway) {
        String quoted = pathway.length() > QUOTED_MAX ? pathway.substring(0, QUOTED_MAX) + "…" : pathway;
        return new FieldError(FIELD, "Ukjent pakkeforløp «" + quoted + "». Gyldige verdier: "
                + String.join(", ", byPathway.keySet().stream().sorted().toList()) + ".");
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

    /**
     * Read as the application, whoever is signed in: the rules are the same for every
     * reader, and staff have no right to read deployments (the caller has checked their
     * right to the pathway).
     */
    private PathwayRules read(RepositoryService repository, String processDefinitionId) {
        if (repository instanceof ServiceImpl service) {
            return service.getCommandExecutor()
                .execute(context -> context
                    .runWithoutAuthorization(() -> readDeployed(repository, processDefinitionId)));
        }
        return readDeployed(repository, processDefinitionId);
    }

    private PathwayRules readDeployed(RepositoryService repository, String processDefinitionId) {
        ProcessDefinition definition = repository.getProcessDefinition(processDefinitionId);
        List<PathwayRules> deployed = new java.util.ArrayList<>();
        // one query for the deployment's resources, their contents included
        for (Resource resource : repository.getDeploymentResources(definition.getDeploymentId())) {
            if (!resource.getName().endsWith(PathwayRules.SUFFIX)) {
                continue;
            }
            PathwayRules rules = PathwayRules.read(new ByteArrayInputStream(resource.getBytes()),
                    resource.getName() + " (deployment " + definition.getDeploymentId() + ")");
            if (rules.processKey().equals(definition.getKey())) {
                return rules;
            }
            deployed.add(rules);
        }
        if (deployed.size() == 1) {
            // a deployment is one pathway folder: every process deployed with it (a part
            // of the pathway in a model of its own) runs on the folder's rules
            return deployed.get(0);
        }
        PathwayRules built = byProcessKey(definition.getKey())
            .orElseThrow(() -> new IllegalStateException("No rules table for process definition " + processDefinitionId
                    + " (key " + definition.getKey() + "): neither in its deployment nor as built"));
        log.info(
                "Process definition {} (version {}) was deployed without its rules table; it runs on the table as built",
                processDefinitionId, definition.getVersion());
        return built;
    }

    /**
     * The pathway data ({@value PathwayData#FILE}) deployed with the process definition,
     * read once per deployment. A definition deployed before the data was deployed with
     * its model runs on the data as built for its pathway: the data did not change when
     * it moved out of the code.
     */
    public PathwayData dataForDefinition(RepositoryService repository, String processDefinitionId) {
        ProcessDefinition definition = repository.getProcessDefinition(processDefinitionId);
        return dataByDeployment.computeIfAbsent(definition.getDeploymentId(),
                deployment -> readData(repository, definition, processDefinitionId));
    }

    private PathwayData readData(RepositoryService repository, ProcessDefinition definition,
            String processDefinitionId) {
        List<Resource> files = repository.getDeploymentResources(definition.getDeploymentId())
            .stream()
            .filter(resource -> resource.getName().equals(PathwayData.FILE)
                    || resource.getName().endsWith("/" + PathwayData.FILE))
            .toList();
        if (files.size() > 1) {
            throw new IllegalStateException(
                    "Deployment " + definition.getDeploymentId() + " holds more than one " + PathwayData.FILE + ": "
                            + files.stream().map(Resource::getName).toList() + " (a deployment is one pathway folder)");
        }
        if (files.size() == 1) {
            return PathwayData.read(new ByteArrayInputStream(files.get(0).getBytes()),
                    files.get(0).getName() + " (deployment " + definition.getDeploymentId() + ")");
        }
        String processKey = forDefinition(repository, processDefinitionId).processKey();
        PathwayData built = dataAsBuilt.get(processKey);
        if (built == null) {
            throw new IllegalStateException(
                    "No pathway data (" + PathwayData.FILE + ") for process definition " + processDefinitionId
                            + " (key " + definition.getKey() + "): neither in its deployment nor as built");
        }
        log.info(
                "Process definition {} (version {}) was deployed without its pathway data; it runs on the data as built",
                processDefinitionId, definition.getVersion());
        return built;
    }

}
