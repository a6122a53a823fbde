package no.pakkeforlop.testsupport;

import java.util.UUID;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * Which database a Spring test runs on: an in-memory H2 by default, a fresh database on
 * the throwaway PostgreSQL server with {@code -Dtest.database=postgres}. Use from a
 * {@code @DynamicPropertySource} method: {@code TestDatabase.register(registry, "rest")}.
 */
public final class TestDatabase {

    private TestDatabase() {
    }

    public static boolean postgres() {
        return "postgres".equals(System.getProperty("test.database", "h2"));
    }

    public static void register(DynamicPropertyRegistry registry, String name) {
        if (postgres()) {
            TestPostgres server = TestPostgres.shared();
            String url = server.createUniqueDatabase(name.toLowerCase().replaceAll("[^a-z0-9_]", "_"));
            registry.add("spring.datasource.url", () -> url);
            registry.add("spring.datasource.username", server::username);
            registry.add("spring.datasource.password", server::password);
        }
        else {
            String url = "jdbc:h2:mem:" + name + "-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
            registry.add("spring.datasource.url", () -> url);
            registry.add("spring.datasource.username", () -> "sa");
            registry.add("spring.datasource.password", () -> "");
        }
    }

}
