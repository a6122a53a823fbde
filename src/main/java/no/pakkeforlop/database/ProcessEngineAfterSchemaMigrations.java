package no.pakkeforlop.database;

import java.util.Set;
import org.camunda.bpm.engine.ProcessEngine;
import org.springframework.boot.sql.init.dependency.AbstractBeansOfTypeDependsOnDatabaseInitializationDetector;

/**
 * Starts the process engine only after the database migrations: Liquibase with Camunda's
 * own schema changelog (profile {@code postgres}) and Flyway with the pathway's tables.
 * With {@code databaseSchemaUpdate=false} the engine only checks the schema when it
 * starts, and its job executor may run a delegate that reads the pathway's tables at
 * once, so both schemas must be in place first. Spring Boot orders its own beans
 * (JdbcTemplate, JPA) after the migrations; the Camunda starter's engine it does not
 * know, hence this detector (registered in {@code META-INF/spring.factories}).
 */
public class ProcessEngineAfterSchemaMigrations extends AbstractBeansOfTypeDependsOnDatabaseInitializationDetector {

    @Override
    protected Set<Class<?>> getDependsOnDatabaseInitializationBeanTypes() {
        return Set.of(ProcessEngine.class);
    }

}
