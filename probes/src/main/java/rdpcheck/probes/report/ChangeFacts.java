package rdpcheck.probes.report;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import rdpcheck.probes.Findings;
import rdpcheck.probes.Target;
import rdpcheck.probes.cert.CertificateFacts;
import rdpcheck.probes.cert.CertificateProbe;
import rdpcheck.probes.cert.CertificateResult;
import rdpcheck.probes.net.DnsProbe;
import rdpcheck.probes.net.DnsResult;
import rdpcheck.probes.net.TcpProbe;
import rdpcheck.probes.net.TcpResult;
import rdpcheck.probes.nla.CredSspProbe;
import rdpcheck.probes.rdp.NegotiationProbe;
import rdpcheck.probes.rdp.NegotiationResult;
import rdpcheck.probes.rdp.mcs.EncryptionMethod;
import rdpcheck.probes.rdp.mcs.SecurityLayerProbe;
import rdpcheck.probes.rdp.mcs.SecurityLayerResult;
import rdpcheck.probes.tls.TlsProbe;
import rdpcheck.probes.tls.TlsVersion;

/**
 * The facts changes are made of, one short string per fact name, and the comparison of a report
 * with earlier checks of its target. A fact a check could not learn (its probe timed out or was
 * skipped) is absent, not "none": an unknown value is never reported as a change.
 */
public final class ChangeFacts {

    public static final String DNS = "dns";
    public static final String ADDRESS = "address.";
    public static final String RTT = "rtt.";
    public static final String CERT_THUMBPRINT = "cert.thumbprint";
    public static final String CERT_ISSUER = "cert.issuer";
    public static final String CERT_EXPIRY = "cert.expiry";
    public static final String CERT_NAMES = "cert.names";
    public static final String SECURITY_OFFERED = "security.offered";
    public static final String SECURITY_REQUIRED = "security.required";
    public static final String TLS_VERSIONS = "tls.versions";
    public static final String NTLM_NAMES = "ntlm.names";
    public static final String NTLM_VERSION = "ntlm.version";
    public static final String STANDARD_SECURITY = "rdp.standard-security";

    /** Order of the changes in a report: the certificate first, round trips last. */
    private static final List<String> ORDER = List.of(CERT_THUMBPRINT, CERT_EXPIRY, CERT_ISSUER, CERT_NAMES,
            SECURITY_REQUIRED, SECURITY_OFFERED, TLS_VERSIONS, NTLM_NAMES, NTLM_VERSION, STANDARD_SECURITY, DNS,
            ADDRESS, RTT);

    /** A round trip "moved a lot": at least this factor and this many milliseconds. */
    static final double RTT_FACTOR = 2.0;
    static final double RTT_MIN_MILLIS = 20.0;

    /** Earlier checks looked at, at most: enough to find when a change was first seen, bounded in work. */
    public static final int MAX_EARLIER = 50;

    private ChangeFacts() {
    }

    /** The facts of one check, in a stable order. */
    public static Map<String, String> of(Target target, Findings findings) {
        Map<String, String> facts = new LinkedHashMap<>();
        findings.result(CertificateProbe.ID).ifPresent(cert -> {
            CertificateFacts leaf = cert.leaf();
            facts.put(CERT_THUMBPRINT, leaf.sha1Thumbprint());
            facts.put(CERT_ISSUER, leaf.issuer());
            facts.put(CERT_EXPIRY, leaf.notAfter().toString());
            Set<String> names = new TreeSet<>();
            leaf.commonName().ifPresent(names::add);
            names.addAll(leaf.sanDnsNames());
            names.addAll(leaf.sanIpAddresses());
            facts.put(CERT_NAMES, String.join(", ", names));
        });
        findings.result(NegotiationProbe.ID).filter(NegotiationResult::spokeRdp).ifPresent(n -> {
            List<String> offered = Facts.offered(n);
            facts.put(SECURITY_OFFERED, offered.isEmpty() ? "nothing" : String.join(", ", offered));
            facts.put(SECURITY_REQUIRED, n.nlaRequired() ? "NLA" : n.tlsRequired() ? "TLS" : "nothing");
        });
        findings.result(TlsProbe.ID).ifPresent(tls -> {
            if (!tls.acceptedVersions().isEmpty() || !tls.refusedVersions().isEmpty()) {
                facts.put(TLS_VERSIONS, tls.acceptedVersions().isEmpty() ? "none"
                        : tls.acceptedVersions().stream().map(TlsVersion::label).collect(Collectors.joining(", ")));
            }
        });
        findings.result(CredSspProbe.ID).ifPresent(c -> {
            c.identity().filter(id -> !id.isEmpty()).ifPresent(id -> facts.put(NTLM_NAMES,
                    id.describe() + id.dnsComputerName().filter(d -> !d.equalsIgnoreCase(id.describe())).map(d -> ", " + d)
                            .orElse("")));
            c.osVersionNumber().ifPresent(v -> facts.put(NTLM_VERSION, v));
        });
        findings.result(SecurityLayerProbe.ID).filter(l -> !l.noAnswer()).ifPresent(l -> {
            List<EncryptionMethod> methods = l.acceptedMethods();
            facts.put(STANDARD_SECURITY, methods.isEmpty() ? (l.encryptsNothing() ? "no encryption" : "refused")
                    : methods.stream().map(EncryptionMethod::label).collect(Collectors.joining(", ")));
        });
        Optional<DnsResult> dns = findings.result(DnsProbe.ID);
        if (dns.isPresent() && dns.get().status() != DnsResult.DnsStatus.LITERAL) {
            facts.put(DNS, dns.get().resolved() ? "resolves" : ProbeStatus.dnsFailure(dns.get()));
        }
        findings.result(TcpProbe.ID).ifPresent(tcp -> {
            for (TcpResult.AddressAttempt attempt : tcp.attempts()) {
                facts.put(ADDRESS + attempt.address(), ProbeStatus.tcpWord(attempt.state()));
                attempt.rttMillis().ifPresent(ms -> facts.put(RTT + attempt.address(), String.format(Locale.ROOT, "%.1f", ms)));
            }
        });
        return facts;
    }

    /**
     * {@code current} compared with {@code earlier} checks of its target (newest first; more than
     * {@link #MAX_EARLIER} are not looked at): every fact that differs from the previous check, and,
     * when {@code current} found problems, from the last check without problems. {@code since} is the
     * first check that saw the new value.
     */
    public static Changes compare(Report current, List<Earlier> earlier) {
        return compare(of(current.target(), current.findings()), current.checkedAt(), current.hasProblems(), earlier);
    }

    /**
     * {@link #compare(Report, List)} of a check at {@code checkedAt} whose facts are {@code now}: also
     * for comparisons with one chosen earlier check (a watch's last run).
     */
    public static Changes compare(Map<String, String> now, Instant checkedAt, boolean problems, List<Earlier> earlier) {
        if (earlier.isEmpty()) {
            return Changes.NONE;
        }
        List<Earlier> window = earlier.subList(0, Math.min(earlier.size(), MAX_EARLIER));
        Earlier previous = window.get(0);
        Optional<Earlier> lastHealthy = earlier.stream().filter(e -> !e.problems()).findFirst();
        // The oldest check a change may go back to: the last one that worked when this one does not.
        Instant baseline = problems && lastHealthy.isPresent() ? lastHealthy.get().checkedAt() : previous.checkedAt();
        Set<String> names = new LinkedHashSet<>(now.keySet());
        // An address that no longer resolves is a change too; other facts gone are unknown, not changed.
        if ("resolves".equals(now.get(DNS))) {
            window.stream().filter(e -> !e.checkedAt().isBefore(baseline)).flatMap(e -> e.facts().keySet().stream())
                    .filter(name -> name.startsWith(ADDRESS)).forEach(names::add);
        }
        List<Change> changes = new ArrayList<>();
        for (String name : names) {
            String value = now.getOrDefault(name, "");
            Instant firstSeen = checkedAt;
            boolean seenOlderKnown = false;
            List<Earlier> walk = new ArrayList<>(window);
            lastHealthy.filter(h -> !window.contains(h)).ifPresent(walk::add);
            for (Earlier e : walk) {
                String then = e.facts().get(name);
                if (then == null) {
                    continue;
                }
                if (seenOlderKnown && e.checkedAt().isBefore(baseline)) {
                    break;
                }
                seenOlderKnown = true;
                if (same(name, then, value)) {
                    firstSeen = e.checkedAt();
                    continue;
                }
                changes.add(new Change(name, then, value, firstSeen,
                        ChangeWords.say(name, then, value, firstSeen, checkedAt, previous.checkedAt(), e.facts(), now)));
                break;
            }
        }
        changes.sort(java.util.Comparator.comparingInt(c -> rank(c.fact())));
        return new Changes(Optional.of(previous.checkedAt()), lastHealthy.map(Earlier::checkedAt), changes);
    }

    private static boolean same(String name, String a, String b) {
        if (name.startsWith(RTT) && !a.isEmpty() && !b.isEmpty()) {
            try {
                double x = Double.parseDouble(a);
                double y = Double.parseDouble(b);
                double low = Math.min(x, y);
                double high = Math.max(x, y);
                return high - low < RTT_MIN_MILLIS || high < low * RTT_FACTOR;
            } catch (NumberFormatException e) {
                return a.equals(b);
            }
        }
        return a.equals(b);
    }

    private static int rank(String fact) {
        for (int i = 0; i < ORDER.size(); i++) {
            String name = ORDER.get(i);
            if (fact.equals(name) || (name.endsWith(".") && fact.startsWith(name))) {
                return i;
            }
        }
        return ORDER.size();
    }
}
