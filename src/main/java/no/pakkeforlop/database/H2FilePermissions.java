package no.pakkeforlop.database;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * The embedded H2 database holds patient data: its folder (./data/ by default) is made
 * readable by the application's own user only (rwx------), and its files (rw-------),
 * before H2 opens it, so a file H2 creates inside cannot be read by other users of the
 * machine whatever their umask. Runs for {@code jdbc:h2:file:} URLs only, on file systems
 * with POSIX permissions.
 */
public class H2FilePermissions implements EnvironmentPostProcessor {

    static final String OWNER_ONLY_FOLDER = "rwx------";
    static final String OWNER_ONLY_FILE = "rw-------";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        databaseFile(environment.getProperty("spring.datasource.url")).ifPresent(H2FilePermissions::ownerOnly);
    }

    /**
     * The database file's path (without H2's extension) of an H2 file URL, in any of H2's
     * forms.
     */
    static Optional<Path> databaseFile(String url) {
        if (url == null || !DurableH2Url.isH2File(url)) {
            return Optional.empty();
        }
        String path = url.trim().substring("jdbc:h2:".length());
        if (path.regionMatches(true, 0, "file:", 0, 5)) {
            path = path.substring(5);
        }
        int options = path.indexOf(';');
        path = options >= 0 ? path.substring(0, options) : path;
        if (path.startsWith("~")) {
            path = System.getProperty("user.home") + path.substring(1);
        }
        return path.isBlank() ? Optional.empty() : Optional.of(Path.of(path).toAbsolutePath().normalize());
    }

    static void ownerOnly(Path databaseFile) {
        if (!FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            return;
        }
        Path folder = databaseFile.getParent();
        try {
            if (!Files.exists(folder)) {
                Files.createDirectories(folder,
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(OWNER_ONLY_FOLDER)));
            }
            else if (Files.getPosixFilePermissions(folder).contains(PosixFilePermission.OTHERS_WRITE)) {
                // a shared folder such as /tmp: its permissions are not ours to change,
                // and files in it are not private
                throw new IllegalStateException("The H2 database " + databaseFile + " is in " + folder
                        + ", a folder everyone "
                        + "may write to. Give the database a folder of its own (e.g. --spring.datasource.url=jdbc:h2:file:"
                        + folder.resolve("pakkeforlop").resolve("pakkeforlop") + ").");
            }
            Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString(OWNER_ONLY_FOLDER));
            String name = databaseFile.getFileName().toString();
            // H2 would create its file with the process's umask (rw-r--r--): it is made
            // here, empty and owner-only, and H2 takes an empty file as a new database
            Path store = folder.resolve(name + ".mv.db");
            if (!Files.exists(store)) {
                Files.createFile(store,
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(OWNER_ONLY_FILE)));
            }
            try (DirectoryStream<Path> files = Files.newDirectoryStream(folder, name + ".*")) {
                for (Path file : files) {
                    if (Files.isRegularFile(file)) {
                        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(OWNER_ONLY_FILE));
                    }
                }
            }
        }
        catch (IOException e) {
            throw new UncheckedIOException(
                    "Could not make the H2 database folder " + folder + " readable by the application's user only", e);
        }
    }

}
