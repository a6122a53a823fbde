package no.pakkeforlop.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Duration;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;
import org.camunda.bpm.engine.rest.security.auth.impl.HttpBasicAuthenticationProvider;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Who may call what: HTTP Basic against the engine's users on {@code /api/**} (our
 * filter, then the group check of each endpoint) and on {@code /engine-rest/**}
 * (Camunda's own filter, then the engine's authorizations). The Camunda webapps keep
 * their own login; the OpenAPI description is public.
 */
@Configuration
public class SecurityConfiguration implements WebMvcConfigurer {

    // looked up when the first request comes: filters are made before the other beans,
    // and asking for an engine service then would build the engine before Flyway has
    // migrated the database
    private final ObjectProvider<IdentityService> identity;

    private final ObjectMapper json;

    public SecurityConfiguration(ObjectProvider<IdentityService> identity, ObjectMapper json) {
        this.identity = identity;
        this.json = json;
    }

    @Bean
    FilterRegistrationBean<ApiAuthenticationFilter> apiAuthentication() {
        FilterRegistrationBean<ApiAuthenticationFilter> registration = new FilterRegistrationBean<>(
                new ApiAuthenticationFilter(identity, json));
        registration.setName("pathway-api-authentication");
        registration.addUrlPatterns("/api/*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return registration;
    }

    @Bean
    FilterRegistrationBean<ProcessEngineAuthenticationFilter> engineRestAuthentication() {
        FilterRegistrationBean<ProcessEngineAuthenticationFilter> registration = new FilterRegistrationBean<>(
                new EngineRestAuthenticationFilter());
        registration.setName("camunda-engine-rest-authentication");
        registration.addUrlPatterns("/engine-rest/*");
        registration.addInitParameter(ProcessEngineAuthenticationFilter.AUTHENTICATION_PROVIDER_PARAM,
                HttpBasicAuthenticationProvider.class.getName());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return registration;
    }

    /**
     * Failed logins per client address (README "Sikkerhet"); runs before the
     * authentication filters.
     */
    @Bean
    FilterRegistrationBean<LoginLimit> loginLimit(
            @Value("${pakkeforlop.security.login-limit.failures:30}") int failures,
            @Value("${pakkeforlop.security.login-limit.window:PT15M}") Duration window) {
        FilterRegistrationBean<LoginLimit> registration = new FilterRegistrationBean<>(
                new LoginLimit(failures, window, Clock.systemUTC(), json));
        registration.setName("pathway-login-limit");
        registration.addUrlPatterns("/api/*", "/engine-rest/*", "/camunda/api/admin/auth/user/*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 5);
        return registration;
    }

    @Bean
    FilterRegistrationBean<ResponseHeaders> responseHeaders() {
        FilterRegistrationBean<ResponseHeaders> registration = new FilterRegistrationBean<>(new ResponseHeaders());
        registration.setName("pathway-response-headers");
        registration.addUrlPatterns("/*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    @Bean
    FilterRegistrationBean<EngineRestErrors> engineRestErrors() {
        FilterRegistrationBean<EngineRestErrors> registration = new FilterRegistrationBean<>(new EngineRestErrors());
        registration.setName("engine-rest-errors");
        registration.addUrlPatterns("/engine-rest/*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
        return registration;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new GroupAccessInterceptor(identity, json)).addPathPatterns("/api/**");
    }

    /**
     * Camunda's filter lets a few addresses through without credentials (the list of
     * engines) and answers an unknown engine name with 404 before asking who is calling.
     * Here every request must authenticate first.
     */
    static final class EngineRestAuthenticationFilter extends ProcessEngineAuthenticationFilter {

        @Override
        protected boolean requiresEngineAuthentication(String requestUrl) {
            return true;
        }

        @Override
        protected ProcessEngine getAddressedEngine(String engineName) {
            ProcessEngine engine = super.getAddressedEngine(engineName);
            return engine != null ? engine : super.getAddressedEngine(DEFAULT_ENGINE_NAME);
        }

    }

}
