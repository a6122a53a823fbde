package no.pakkeforlop.operations;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * One log line per refused request. (The actuator's door, operators only but for the
 * probes, is {@code security.web.Doors}.)
 */
@Configuration
public class OperationsConfiguration {

    @Bean
    FilterRegistrationBean<RefusalLogFilter> refusalLog() {
        FilterRegistrationBean<RefusalLogFilter> registration = new FilterRegistrationBean<>(new RefusalLogFilter());
        registration.setName("refusal-log");
        registration.addUrlPatterns("/api/*", "/engine-rest/*", "/camunda/api/*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 6);
        return registration;
    }

}
