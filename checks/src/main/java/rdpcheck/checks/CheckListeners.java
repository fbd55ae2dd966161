package rdpcheck.checks;

import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The listeners every {@link Checker#standard} check is told about, and how they are told. */
public final class CheckListeners {

    private static final Logger LOG = LoggerFactory.getLogger(CheckListeners.class);

    private static final List<CheckListener> INSTALLED = load();

    private CheckListeners() {
    }

    /** The log line of every check, then each listener named in {@code META-INF/services/rdpcheck.checks.CheckListener}. */
    public static List<CheckListener> installed() {
        return INSTALLED;
    }

    private static List<CheckListener> load() {
        List<CheckListener> listeners = new ArrayList<>();
        listeners.add(new LogListener());
        for (CheckListener listener : ServiceLoader.load(CheckListener.class, CheckListener.class.getClassLoader())) {
            listeners.add(listener);
        }
        return List.copyOf(listeners);
    }

    /** Tells every listener; one that throws is logged and the others are still told. */
    static void tell(List<CheckListener> listeners, Consumer<CheckListener> event) {
        for (CheckListener listener : listeners) {
            try {
                event.accept(listener);
            } catch (RuntimeException e) {
                LOG.warn("check listener {} failed; the check's answer is not affected", listener.getClass().getName(), e);
            }
        }
    }
}
