package rdpcheck.store;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * The child JVM {@link SqliteStoreTest} starts on a platform sqlite-jdbc has no library for (its
 * {@code os.arch} set to one): prints the line the history gives instead of opening the store its
 * argument names.
 */
public final class NoLibraryChild {

    private NoLibraryChild() {
    }

    public static void main(String[] args) {
        StoreSettings settings = new StoreSettings(args[0], Duration.ofDays(90), 1024, Optional.empty());
        System.out.println("off: " + Stores.history(settings, Map.of()).off().orElse("(on)"));
    }
}
