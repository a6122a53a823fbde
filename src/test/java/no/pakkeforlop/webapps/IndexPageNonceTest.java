package no.pakkeforlop.webapps;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import no.pakkeforlop.api.ApiTestSupport;
import org.junit.jupiter.api.Test;
import org.springframework.http.ResponseEntity;

/**
 * Every start page of Camunda's web applications carries the script nonce of its own
 * answer's Content-Security-Policy, also when many are asked for at once (Camunda keeps
 * the nonce in one attribute of the whole servlet context; without IndexPageNonce about a
 * third of concurrent pages carried another answer's nonce, and the browser refused their
 * scripts).
 */
class IndexPageNonceTest extends ApiTestSupport {

    static final Pattern HEADER_NONCE = Pattern.compile("'nonce-([^']+)'");

    static final Pattern PAGE_NONCE = Pattern.compile("nonce=\"([^\"]*)\"");

    @Test
    void startPagesAskedForAtOnceEachCarryTheirOwnNonce() throws Exception {
        List<String> pages = List.of("/camunda/app/tasklist/default/", "/camunda/app/cockpit/default/",
                "/camunda/app/admin/default/", "/camunda/app/welcome/default/");
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Future<String>> answers = new ArrayList<>();
            for (int i = 0; i < 80; i++) {
                String page = pages.get(i % pages.size());
                answers.add(pool.submit(() -> mismatch(page, http.getForEntity(page, String.class))));
            }
            List<String> mismatches = new ArrayList<>();
            for (Future<String> answer : answers) {
                String mismatch = answer.get();
                if (mismatch != null) {
                    mismatches.add(mismatch);
                }
            }
            assertThat(mismatches).isEmpty();
        }
        finally {
            pool.shutdown();
        }
    }

    /**
     * What is wrong with the page's nonces, or null when every script tag has the
     * header's.
     */
    static String mismatch(String page, ResponseEntity<String> answer) {
        if (answer.getStatusCode().value() != 200) {
            return page + ": " + answer.getStatusCode();
        }
        String policy = answer.getHeaders().getFirst("Content-Security-Policy");
        Matcher header = HEADER_NONCE.matcher(policy == null ? "" : policy);
        if (!header.find()) {
            return page + ": no nonce in " + policy;
        }
        Matcher tags = PAGE_NONCE.matcher(answer.getBody());
        int count = 0;
        while (tags.find()) {
            count++;
            if (!tags.group(1).equals(header.group(1))) {
                return page + ": script nonce " + tags.group(1) + ", header nonce " + header.group(1);
            }
        }
        return count == 0 ? page + ": no script tag with a nonce" : null;
    }

}
