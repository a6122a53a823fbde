package no.pakkeforlop.operations;

import org.camunda.bpm.engine.IdentityService;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * The actuator on the application's port, guarded by {@link OperatorAccessFilter}; one
 * log line per refused request.
 */
@Configuration
public class OperationsConfiguration {

    @Bean
    FilterRegistrationBean<OperatorAccessFilter> operatorAccess(ObjectProvider<IdentityService> identity) {
        FilterRegistrationBean<OperatorAccessFilter> registration = new FilterRegistrationBean<>(
                new OperatorAccessFilter(identity));
        registration.setName("actuator-operator-access");
        registration.addUrlPatterns("/actuator", "/actuator/*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return registration;
    }

    @Bean
    FilterRegistrationBean<RefusalLogFilter> refusalLog() {
        FilterRegistrationBean<RefusalLogFilter> registration = new FilterRegistrationBean<>(new RefusalLogFilter());
        registration.setName("refusal-log");
        registration.addUrlPatterns("/api/*", "/engine-rest/*", "/camunda/api/*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 6);
        return registration;
    }

}
