package no.pakkeforlop.api;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.boot.autoconfigure.jackson.Jackson2ObjectMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The API reads JSON strictly: an unknown field, a number given as text or a fraction
 * where a whole number belongs is refused with 400 rather than guessed at. (Camunda's
 * REST API has its own ObjectMapper.)
 */
@Configuration
public class StrictJson {

    /** How Jackson says a key came twice (STRICT_DUPLICATE_DETECTION). */
    private static final Pattern DUPLICATE = Pattern.compile("Duplicate field '(.*)'");

    /**
     * The key a body gave twice, when that is why it could not be read: for the API and
     * for the doors that read engine REST bodies themselves.
     */
    public static Optional<String> duplicateKey(JsonProcessingException unreadable) {
        Matcher duplicate = DUPLICATE.matcher(String.valueOf(unreadable.getOriginalMessage()));
        return duplicate.find() ? Optional.of(duplicate.group(1)) : Optional.empty();
    }

    /** The refusal of a key given twice. */
    public static String duplicateKeyMessage(String key) {
        return "Feltet «" + key + "» står to ganger; hvert felt kan bare gis én gang.";
    }

    @Bean
    Jackson2ObjectMapperBuilderCustomizer strictDeserialization() {
        return builder -> builder
            // a key given twice: two readers (a filter, a proxy) could take different
            // values of it
            .featuresToEnable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .featuresToEnable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES,
                    DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES, DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .featuresToDisable(DeserializationFeature.ACCEPT_FLOAT_AS_INT, MapperFeature.ALLOW_COERCION_OF_SCALARS)
            // nor a number or true/false where text belongs ("medications": false would
            // be stored as "false")
            .postConfigurer(mapper -> mapper.coercionConfigFor(LogicalType.Textual)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail));
    }

}
