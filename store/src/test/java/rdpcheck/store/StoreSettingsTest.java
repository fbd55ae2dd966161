package rdpcheck.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import rdpcheck.config.ConfigException;
import rdpcheck.config.ConfigLoader;

/** store.*: the URL forms allowed, and what is refused with a reason (a password, a store that forgets). */
class StoreSettingsTest {

    private static StoreSettings load(Map<String, String> env) throws ConfigException {
        return StoreSettings.of(ConfigLoader.load(Optional.empty(), env).settings());
    }

    private static String problem(String url) {
        ConfigException e = assertThrows(ConfigException.class, () -> load(Map.of("RDPCHECK_STORE_URL", url)));
        assertEquals(1, e.problems().size(), e.problems().toString());
        return e.problems().get(0).toString();
    }

    @Test
    void defaults_embeddedFile90DaysOneGigabyte() throws Exception {
        StoreSettings store = load(Map.of());
        assertTrue(store.embeddedDefault());
        assertFalse(store.off());
        assertEquals(Duration.ofDays(90), store.retention());
        assertEquals(1024, store.maxSizeMb());
    }

    @Test
    void none_turnsRecordingOff_andSqliteAndPostgresUrlsAreTaken() throws Exception {
        assertTrue(load(Map.of("RDPCHECK_STORE_URL", "None")).off());
        assertEquals("jdbc:sqlite:/var/lib/rdpcheck/history.db",
                load(Map.of("RDPCHECK_STORE_URL", "jdbc:sqlite:/var/lib/rdpcheck/history.db")).url());
        StoreSettings pg = load(Map.of("RDPCHECK_STORE_URL", "jdbc:postgresql://db.corp:5432/rdpcheck?user=rdpcheck",
                "RDPCHECK_STORE_PASSWORD", "s3cret-pw"));
        assertEquals("s3cret-pw", pg.password().orElseThrow().reveal());
    }

    @Test
    void passwordInTheUrl_isRefusedWithoutRepeatingIt() {
        String problem = problem("jdbc:postgresql://db.corp/rdpcheck?user=r&password=hunter2");
        assertTrue(problem.contains("the URL carries a password; put it in RDPCHECK_STORE_PASSWORD"), problem);
        assertFalse(problem.contains("hunter2"), problem);
        assertTrue(problem("jdbc:postgresql://r:hunter2@db.corp/rdpcheck").contains("carries a password"));
    }

    @Test
    void inMemoryOrUnknownStores_areRefusedWithWhatIsAllowed() {
        assertTrue(problem("jdbc:sqlite::memory:").contains("an in-memory store forgets everything"));
        String h2 = problem("jdbc:h2:/tmp/x");
        assertTrue(h2.contains("store.url") && h2.contains("is not a store URL rdpcheck knows")
                && h2.contains("allowed: empty (the embedded file), none (no history), jdbc:sqlite:FILE"), h2);
        assertTrue(problem("jdbc:sqlite:").contains("names no file"));
    }
}
