package no.pakkeforlop.rules;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration
public class PathwayConfiguration {

    @Bean
    public PathwayRules pathwayRules() {
        return PathwayRules.load();
    }

}
