package no.pakkeforlop.accesslog;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.camunda.bpm.engine.ProcessEngine;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/** The access log's filter on every route that carries patient data. */
@Configuration
public class AccessLogConfiguration {

    @Bean
    FilterRegistrationBean<AccessLogFilter> accessLogFilter(AccessLog log, ObjectProvider<ProcessEngine> engine,
            ObjectMapper json) {
        FilterRegistrationBean<AccessLogFilter> registration = new FilterRegistrationBean<>(
                new AccessLogFilter(log, engine, json));
        registration.setName("patient-data-access-log");
        registration.addUrlPatterns("/api/*", "/engine-rest/*", "/camunda/api/*");
        // outside the authentication filters: it sees every answer they give, 403
        // included
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 5);
        return registration;
    }

}
