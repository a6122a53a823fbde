package no.pakkeforlop.webapps;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/** Corrections of Camunda's web applications that need the server. */
@Configuration
public class WebappsConfiguration {

    @Bean
    FilterRegistrationBean<IndexPageNonce> indexPageNonce(
            @Value("${camunda.bpm.webapp.application-path:/camunda}") String webappPath) {
        FilterRegistrationBean<IndexPageNonce> registration = new FilterRegistrationBean<>(
                new IndexPageNonce(webappPath));
        registration.setName("webapp-index-page-nonce");
        registration.addUrlPatterns(webappPath + "/app/*");
        // outside Camunda's header security filter, which sets the header it reads
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

}
