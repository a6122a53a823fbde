package no.pakkeforlop.deployment;

import java.util.List;
import no.pakkeforlop.rules.PathwayCatalog;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEnginePlugin;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The pathways of the build: their folders are deployed as the engine starts (before it
 * serves anyone, and under {@code database.DatabaseStartupLock} on a shared database),
 * and their rules make the {@link PathwayCatalog}. Camunda's own auto-deployment is off
 * ({@code camunda.bpm.auto-deployment-enabled: false}): it would put every pathway into
 * one deployment.
 */
@Configuration
public class PathwayDeploymentConfiguration {

    private final List<PathwayFolders.Folder> folders = PathwayFolders.onClasspath();

    @Bean
    public PathwayCatalog pathwayCatalog() {
        return new PathwayCatalog(folders.stream().map(PathwayFolders.Folder::rules).toList(),
                folders.stream()
                    .collect(java.util.stream.Collectors.toMap(folder -> folder.rules().processKey(),
                            PathwayFolders.Folder::data)),
                PathwayFolders.Folder.calledProcessKeys(folders));
    }

    @Bean
    public ProcessEnginePlugin pathwayDeployment() {
        return new AbstractProcessEnginePlugin() {
            @Override
            public void postProcessEngineBuild(ProcessEngine engine) {
                PathwayDeployer.deploy(engine.getRepositoryService(), folders);
            }
        };
    }

}
