package no.pakkeforlop.webapps;

import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The text of the banner at the top of Tasklist, Cockpit, Admin and Welcome (Camunda's CE
 * end-of-life banner), from {@code pakkeforlop.webapps.banner}: which environment this
 * is, and in the demo profile that its passwords are public. Read without logging in (the
 * login page shows the banner too), so it must never name a patient or a secret. The page
 * shows it as plain text ({@code app/pakkeforlop/common.js} sets {@code textContent}).
 */
@RestController
public class BannerController {

    private final String text;

    public BannerController(@Value("${pakkeforlop.webapps.banner:}") String text) {
        this.text = text.strip();
    }

    @GetMapping(path = "/webapps/banner", produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<Map<String, String>> banner() {
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(Map.of("text", text));
    }

}
