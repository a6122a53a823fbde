package no.pakkeforlop.database;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import no.pakkeforlop.codes.CodeRegistry;
import org.camunda.bpm.engine.spring.ProcessEngineFactoryBean;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitializationDetector;
import org.springframework.core.io.support.SpringFactoriesLoader;

/** Spring Boot makes the Camunda starter's engine bean wait for Liquibase and Flyway. */
class ProcessEngineAfterSchemaMigrationsTest {

    @Test
    void theEngineFactoryBeanIsFoundAsDependingOnTheMigrations() {
        DefaultListableBeanFactory beans = new DefaultListableBeanFactory();
        beans.registerBeanDefinition("processEngineFactoryBean",
                new RootBeanDefinition(ProcessEngineFactoryBean.class));
        beans.registerBeanDefinition("codeRegistry", new RootBeanDefinition(CodeRegistry.class));

        assertThat(new ProcessEngineAfterSchemaMigrations().detect(beans)).containsExactly("processEngineFactoryBean");
    }

    @Test
    void itIsRegisteredWithSpringBoot() {
        List<DependsOnDatabaseInitializationDetector> detectors = SpringFactoriesLoader
            .loadFactories(DependsOnDatabaseInitializationDetector.class, getClass().getClassLoader());
        assertThat(detectors).hasAtLeastOneElementOfType(ProcessEngineAfterSchemaMigrations.class);
    }

}
