package no.pakkeforlop.testsupport;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import no.pakkeforlop.deployment.PathwayDeployer;
import no.pakkeforlop.deployment.PathwayFolders;
import no.pakkeforlop.deployment.PathwayFolders.Folder;
import org.camunda.bpm.engine.ProcessEngine;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.Resource;

/**
 * Deploys a pathway folder in an engine test exactly as the application does
 * ({@link PathwayDeployer}: everything under {@code processes/<folder>/} and
 * {@code forms/<folder>/} in one deployment named after the folder), so the checks find
 * the task's forms and the pathway's data in the task's own deployment. The one place
 * engine tests deploy the pathway from; each test deploys it and deletes it again
 * afterwards ({@link #delete}), as Camunda's {@code @Deployment} did.
 */
public final class PathwayFolderDeployment {

    /** The oesophageal and gastric cancer pathway's folder. */
    public static final String A32 = FormFiles.A32_FOLDER;

    private static final Map<String, Folder> FOLDERS = new ConcurrentHashMap<>();

    private PathwayFolderDeployment() {
    }

    /** The folder as built (read once per test run). */
    public static Folder folder(String name) {
        return FOLDERS.computeIfAbsent(name, PathwayFolders::named);
    }

    /**
     * Deploys the folder as built.
     * @return the deployment's id
     */
    public static String deploy(ProcessEngine engine, String folder) {
        return PathwayDeployer.deploy(engine.getRepositoryService(), folder(folder)).getId();
    }

    /**
     * Deploys the folder with some of its resources changed: a new version of the
     * pathway, as a hospital deploys a changed folder beside the running one.
     * @param changed new contents by deployment name
     * ("forms/a32-spiseror-magesekk/mdtAssessment.form",
     * "forms/shared/informPatientAtReferral.form")
     * @return the deployment's id
     */
    public static String deployChanged(ProcessEngine engine, String folder, Map<String, String> changed) {
        Folder built = folder(folder);
        Map<String, Resource> resources = new LinkedHashMap<>(built.resources());
        changed.forEach((name, content) -> {
            if (!resources.containsKey(name)) {
                throw new IllegalArgumentException("No resource " + name + " in the folder " + folder);
            }
            resources.put(name, new ByteArrayResource(content.getBytes(StandardCharsets.UTF_8)));
        });
        return PathwayDeployer
            .deploy(engine.getRepositoryService(), new Folder(built.name(), built.rules(), built.data(), resources))
            .getId();
    }

    /**
     * Deletes the deployment with its process instances and history (as
     * {@code @Deployment} does after each test); one the test has deleted already is
     * left.
     */
    public static void delete(ProcessEngine engine, String deploymentId) {
        if (deploymentId != null
                && engine.getRepositoryService().createDeploymentQuery().deploymentId(deploymentId).count() > 0) {
            engine.getRepositoryService().deleteDeployment(deploymentId, true);
        }
    }

}
