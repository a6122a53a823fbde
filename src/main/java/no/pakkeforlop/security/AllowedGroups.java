package no.pakkeforlop.security;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The staff groups that may call an API endpoint (members of camunda-admin always may).
 * An endpoint without this annotation is refused to everybody else: access is granted,
 * never assumed.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.METHOD, ElementType.TYPE })
public @interface AllowedGroups {

    String[] value();

}
