package no.pakkeforlop.deployment;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.DeploymentBuilder;
import org.camunda.bpm.engine.repository.DeploymentWithDefinitions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.Resource;

/**
 * Deploys each pathway folder as one deployment named after the folder, with everything
 * in it (model, decision tables, rules table, forms), so that a pathway's forms
 * ({@code camunda:formRefBinding="deployment"}) and rules are those of the version it
 * runs on. A folder that has not changed since its last deployment is not deployed again;
 * a changed one is deployed whole, beside the old version, whose running pathways stay on
 * it until they are migrated.
 */
public final class PathwayDeployer {

    /** The deployments' source, as Cockpit shows it. */
    public static final String SOURCE = "pakkeforlop";

    private static final Logger log = LoggerFactory.getLogger(PathwayDeployer.class);

    private PathwayDeployer() {
    }

    public static void deploy(RepositoryService repository, List<PathwayFolders.Folder> folders) {
        for (PathwayFolders.Folder folder : folders) {
            deploy(repository, folder);
        }
    }

    /**
     * Deploys one pathway folder, whole, unless it is unchanged since its last deployment
     * (then that deployment is answered).
     */
    public static DeploymentWithDefinitions deploy(RepositoryService repository, PathwayFolders.Folder folder) {
        DeploymentBuilder deployment = repository.createDeployment()
            .name(folder.name())
            .source(SOURCE)
            // every resource again when any changed: the deployment is the whole pathway
            .enableDuplicateFiltering(false);
        for (Map.Entry<String, Resource> resource : folder.resources().entrySet()) {
            try (InputStream in = resource.getValue().getInputStream()) {
                deployment.addInputStream(resource.getKey(), new java.io.ByteArrayInputStream(in.readAllBytes()));
            }
            catch (IOException e) {
                throw new UncheckedIOException("Cannot read " + resource.getKey(), e);
            }
        }
        DeploymentWithDefinitions deployed = deployment.deployWithResult();
        if (deployed.getDeployedProcessDefinitions() == null || deployed.getDeployedProcessDefinitions().isEmpty()) {
            log.info("Pathway {} ({}) unchanged: deployment {}", folder.rules().pathway(), folder.name(),
                    deployed.getId());
        }
        else {
            deployed.getDeployedProcessDefinitions()
                .forEach(d -> log.info("Pathway {} ({}) deployed: {} version {}", folder.rules().pathway(),
                        folder.name(), d.getKey(), d.getVersion()));
        }
        return deployed;
    }

}
