package rdpcheck.probes.diagnosis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import rdpcheck.lab.ConnectionHandler;
import rdpcheck.lab.LabHosts;
import rdpcheck.lab.Misbehaviours;
import rdpcheck.lab.Quirks;
import rdpcheck.lab.UdpHosts;
import rdpcheck.probes.CheckRun;
import rdpcheck.probes.net.Connection;

/**
 * The invariants ({@link Invariants}) over every lab personality, found, not listed: every public
 * no-argument factory of {@link LabHosts}, {@link Misbehaviours}, {@link Quirks} and {@link UdpHosts} (new ones
 * included as they are added), and {@link Quirks#variants()}. The hostile servers
 * ({@code rdpcheck.lab.Hostile}) are held to the same invariants in their own test, HostileKindsTest.
 */
class LabInvariantsTest {

    /** Classes whose public static no-argument methods returning a handler are personalities. */
    static final List<Class<?>> PERSONALITY_CLASSES = List.of(LabHosts.class, Misbehaviours.class, Quirks.class,
            UdpHosts.class);

    static Map<String, Supplier<ConnectionHandler>> personalities() {
        Map<String, Supplier<ConnectionHandler>> all = new LinkedHashMap<>();
        for (Class<?> type : PERSONALITY_CLASSES) {
            Arrays.stream(type.getDeclaredMethods())
                    .filter(m -> Modifier.isPublic(m.getModifiers()) && Modifier.isStatic(m.getModifiers())
                            && m.getParameterCount() == 0 && ConnectionHandler.class.isAssignableFrom(m.getReturnType()))
                    .sorted(java.util.Comparator.comparing(Method::getName))
                    .forEach(m -> all.put(type.getSimpleName() + "." + m.getName() + "()", () -> invoke(m)));
        }
        Quirks.variants().forEach((name, handler) -> all.put("Quirks: " + name, handler));
        return all;
    }

    private static ConnectionHandler invoke(Method method) {
        try {
            return (ConnectionHandler) method.invoke(null);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(method.toString(), e);
        }
    }

    @Test
    void personalities_areFoundByReflection_includingTheQuirks() {
        Map<String, Supplier<ConnectionHandler>> all = personalities();
        assertTrue(all.containsKey("LabHosts.healthy()"), all.keySet().toString());
        assertTrue(all.containsKey("Quirks.tlsServerRefusingOddRequestsAsSslNotAllowed()"), all.keySet().toString());
        assertTrue(all.size() >= 50, all.size() + " personalities");
    }

    @TestFactory
    Stream<DynamicTest> everyLabPersonality_keepsTheInvariants() {
        return personalities().entrySet().stream().map(entry -> DynamicTest.dynamicTest(entry.getKey(), () -> {
            int openBefore = Connection.openCount();
            int datagramsBefore = rdpcheck.probes.net.DatagramExchange.openCount();
            CheckRun run = LabDiagnosisTest.check(entry.getValue().get());
            Invariants.assertHold(entry.getKey(), run);
            assertEquals(openBefore, Connection.openCount(), "every probe connection is closed");
            assertEquals(datagramsBefore, rdpcheck.probes.net.DatagramExchange.openCount(), "every probe UDP socket is closed");
        }));
    }
}
