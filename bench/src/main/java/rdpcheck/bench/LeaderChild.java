package rdpcheck.bench;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import rdpcheck.store.LeaderSettings;
import rdpcheck.store.Leadership;
import rdpcheck.store.StoreSettings;
import rdpcheck.store.Stores;

/**
 * A replica for {@link ReplicaBench}: takes part in the watch leader election of the store
 * {@code args[0]} with {@code watch.failover} {@code args[1]} seconds, and prints {@code leads} the
 * moment it leads (checked every 5 ms). Runs until killed.
 */
public final class LeaderChild {

    private LeaderChild() {
    }

    public static void main(String[] args) throws InterruptedException {
        StoreSettings store = new StoreSettings(args[0], Duration.ofDays(90), 1024, Optional.empty());
        Leadership leadership = Stores.leadership(store, new LeaderSettings(Duration.ofSeconds(Long.parseLong(args[1]))), Map.of());
        System.out.println("started");
        System.out.flush();
        boolean said = false;
        while (true) {
            boolean leads = leadership.leads();
            if (leads != said) {
                System.out.println(leads ? "leads" : "follows");
                System.out.flush();
                said = leads;
            }
            Thread.sleep(5);
        }
    }
}
