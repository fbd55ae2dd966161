package rdpcheck.app;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import rdpcheck.probes.ProbeOptions;
import rdpcheck.probes.Probes;
import rdpcheck.probes.Target;
import rdpcheck.probes.diagnosis.Diagnostician;
import rdpcheck.lab.ConnectionHandler;
import rdpcheck.lab.LabHost;
import rdpcheck.lab.LabHosts;
import rdpcheck.lab.Misbehaviours;
import rdpcheck.lab.UdpHosts;
import rdpcheck.probes.report.Report;

/**
 * Every lab personality (each public no-argument factory of {@link LabHosts}, {@link Misbehaviours}
 * and {@link UdpHosts}, so a new one is covered without editing this list), checked once for real
 * over loopback; the reports are shared by the rendering tests.
 */
public final class Personalities {

    /** A personality's name (its factory) and the report of a real check of it. */
    public record Checked(String name, Report report) {
        @Override
        public String toString() {
            return name;
        }
    }

    static final ProbeOptions FAST = ProbeOptions.defaults()
            .withDeadline(Duration.ofSeconds(5))
            .withTimeouts(Duration.ofSeconds(1), Duration.ofMillis(700));

    private static List<Checked> all;

    private Personalities() {
    }

    public static synchronized List<Checked> all() throws Exception {
        if (all == null) {
            List<Checked> checked = new ArrayList<>();
            for (Method factory : factories()) {
                try (LabHost host = LabHost.start(factory.getName(), (ConnectionHandler) factory.invoke(null))) {
                    Target target = new Target("127.0.0.1", host.port(), "127.0.0.1:" + host.port());
                    Report report = Report.of(Probes.standardRunner().run(target, FAST), new Diagnostician());
                    checked.add(new Checked(factory.getDeclaringClass().getSimpleName() + "." + factory.getName(), report));
                }
            }
            all = List.copyOf(checked);
        }
        return all;
    }

    static List<Method> factories() {
        List<Method> factories = new ArrayList<>();
        for (Class<?> type : List.of(LabHosts.class, Misbehaviours.class, UdpHosts.class)) {
            for (Method method : type.getDeclaredMethods()) {
                if (Modifier.isPublic(method.getModifiers()) && Modifier.isStatic(method.getModifiers())
                        && method.getParameterCount() == 0 && ConnectionHandler.class.isAssignableFrom(method.getReturnType())) {
                    factories.add(method);
                }
            }
        }
        factories.sort(Comparator.comparing(m -> m.getDeclaringClass().getSimpleName() + "." + m.getName()));
        return factories;
    }
}
