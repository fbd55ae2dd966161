package rdpcheck.probes.tls;

import java.io.EOFException;
import java.io.IOException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.security.SecureRandom;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.TlsClientProtocol;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.TlsFatalAlertReceived;
import org.bouncycastle.tls.TlsNoCloseNotifyException;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;

import rdpcheck.probes.Deadline;
import rdpcheck.probes.cert.PublicKeyLimits;
import rdpcheck.probes.net.Connection;
import rdpcheck.probes.net.ReplyTooLargeException;
import rdpcheck.probes.rdp.ServiceGuess;

/**
 * TLS over an RDP connection whose X.224 negotiation selected TLS or CredSSP (MS-RDPBCGR 5.4.5.1):
 * the handshake starts right after the Connection Confirm, on the same socket. Uses Bouncy Castle's
 * own TLS engine in blocking mode, so any version and cipher can be offered without touching the
 * JVM-wide JSSE settings the bot's HTTPS relies on.
 *
 * <pre>
 * try (Connection c = Connection.open(...)) {
 *     RdpHandshake.negotiate(c, ConnectionRequest.of(mask));   // must select SSL or HYBRID
 *     try (TlsSession tls = RdpTls.handshake(c, TlsVersion.TLS_1_2)) { ... tls.input(), tls.output() ... }
 * } catch (TlsHandshakeException e) { e.failure() ... }
 * </pre>
 */
public final class RdpTls {

    /** The most a handshake may read: a long chain is tens of kilobytes, never this. */
    public static final int HANDSHAKE_BYTE_LIMIT = 128 * 1024;

    private static final BcTlsCrypto CRYPTO = new ProbeCrypto(new SecureRandom());

    private RdpTls() {
    }

    /** Offers exactly {@code version}, with every cipher suite BC implements for it, no SNI. */
    public static TlsSession handshake(Connection connection, TlsVersion version) throws TlsHandshakeException {
        return handshake(connection, EnumSet.of(version), Optional.empty());
    }

    /**
     * Offers {@code versions} (one or more) and, when present, SNI {@code serverName} (a DNS name;
     * IP literals must not be sent as SNI, RFC 6066 3). Any certificate is accepted and captured.
     *
     * @throws TlsHandshakeException the handshake did not complete: alert, close, timeout, garbage, too many bytes
     */
    public static TlsSession handshake(Connection connection, Set<TlsVersion> versions, Optional<String> serverName)
            throws TlsHandshakeException {
        if (versions.isEmpty()) {
            throw new IllegalArgumentException("offer at least one TLS version");
        }
        HandshakeBudget budget = new HandshakeBudget(connection.input(), HANDSHAKE_BYTE_LIMIT);
        TlsClientProtocol protocol = new TlsClientProtocol(budget, connection.output());
        ProbeTlsClient client = new ProbeTlsClient(CRYPTO, EnumSet.copyOf(versions), serverName);
        long started = System.nanoTime();
        try {
            PublicKeyLimits.withinBounds(() -> {
                protocol.connect(client);
                return null;
            });
        } catch (Exception e) {
            double millis = (System.nanoTime() - started) / 1_000_000.0;
            closeQuietly(protocol);
            throw new TlsHandshakeException(classify(e, client, budget, connection.deadline(), millis), client.chain(), e);
        }
        double millis = (System.nanoTime() - started) / 1_000_000.0;
        budget.lift();
        TlsVersion negotiated = TlsVersion.of(client.negotiatedVersion())
                .orElseThrow(() -> new IllegalStateException("BC negotiated a version it was not offered"));
        if (client.chain().isEmpty()) {
            closeQuietly(protocol);
            throw new TlsHandshakeException(new TlsFailure(TlsFailure.Kind.ERROR, Optional.empty(),
                    "the server completed the handshake without a certificate", millis, budget.total(),
                    hex(budget.firstBytes())), List.of(), null);
        }
        return new TlsSession(protocol, negotiated, client.selectedSuite(), client.chain(), millis, budget.total());
    }

    /**
     * Offers exactly {@code version} and stops at the server's answer: the ServerHello says whether
     * the server takes that version and with which suite, so the handshake is broken off there
     * (alert user_canceled) instead of costing the server its key exchange and signature.
     *
     * @return the suite the server chose, as {@link TlsOutcome.Accepted} with {@code completed} false
     * @throws TlsHandshakeException the server refused the version (alert, close, timeout, garbage)
     */
    public static TlsOutcome.Accepted serverHello(Connection connection, TlsVersion version, Optional<String> serverName)
            throws TlsHandshakeException {
        HandshakeBudget budget = new HandshakeBudget(connection.input(), HANDSHAKE_BYTE_LIMIT);
        TlsClientProtocol protocol = new TlsClientProtocol(budget, connection.output());
        ProbeTlsClient client = new ProbeTlsClient(CRYPTO, EnumSet.of(version), serverName, true);
        long started = System.nanoTime();
        try {
            PublicKeyLimits.withinBounds(() -> {
                protocol.connect(client);
                return null;
            });
        } catch (Exception e) {
            closeQuietly(protocol);
            if (client.serverHelloSeen()) {
                return new TlsOutcome.Accepted(CipherSuites.name(client.selectedSuite()), client.selectedSuite(), 0,
                        budget.total(), false);
            }
            double millis = (System.nanoTime() - started) / 1_000_000.0;
            throw new TlsHandshakeException(classify(e, client, budget, connection.deadline(), millis), client.chain(), e);
        }
        // a handshake with nothing to stop it at (no extensions to process): it completed, which says the same
        closeQuietly(protocol);
        return new TlsOutcome.Accepted(CipherSuites.name(client.selectedSuite()), client.selectedSuite(),
                client.chain().size(), budget.total(), true);
    }

    static TlsFailure classify(Throwable error, ProbeTlsClient client, HandshakeBudget budget, Deadline deadline,
                               double millis) {
        long read = budget.total();
        byte[] first = budget.firstBytes();
        String firstHex = hex(first);
        if (ServiceGuess.isClientHello(first)) {
            return new TlsFailure(TlsFailure.Kind.NOT_TLS, Optional.empty(),
                    "the server answered the ClientHello with a ClientHello of its own (" + read
                            + " bytes): it behaves as a TLS client, not as a TLS server", millis, read, firstHex);
        }
        if (first.length > 0 && !looksLikeTlsRecord(first)) {
            return new TlsFailure(TlsFailure.Kind.NOT_TLS, Optional.empty(),
                    "the server answered the ClientHello with " + read + " bytes that are not TLS ("
                            + ServiceGuess.of(first) + "): " + firstHex, millis, read, firstHex);
        }
        if (client.keyRefused().isPresent()) {
            return new TlsFailure(TlsFailure.Kind.ALERT_SENT, Optional.of("unsupported_certificate"),
                    "the client refused the server's certificate before using its key: " + client.keyRefused().get(),
                    millis, read, firstHex);
        }
        Throwable root = error;
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof TlsFatalAlertReceived || t instanceof ReplyTooLargeException
                    || t instanceof SocketTimeoutException) {
                root = t;
                break;
            }
        }
        short alert = root instanceof TlsFatalAlertReceived received ? received.getAlertDescription()
                : client.alertReceived();
        if (alert >= 0) {
            String name = AlertDescription.getName(alert);
            return new TlsFailure(TlsFailure.Kind.ALERT_RECEIVED, Optional.of(name), "the server sent alert " + name
                    + noCommonSuiteHint(alert, client), millis, read, firstHex);
        }
        if (root instanceof ReplyTooLargeException) {
            return new TlsFailure(TlsFailure.Kind.TOO_LARGE, Optional.empty(), "the server sent more than "
                    + HANDSHAKE_BYTE_LIMIT + " bytes without completing the handshake", millis, read, firstHex);
        }
        if (root instanceof SocketTimeoutException || deadline.expired()) {
            return new TlsFailure(TlsFailure.Kind.TIMED_OUT, Optional.empty(), (read == 0
                    ? "the server was silent for " : "the server sent " + read + " bytes of handshake, then nothing for ")
                    + Math.round(millis) + " ms after the ClientHello", millis, read, firstHex);
        }
        // BC reports a close before the handshake completes as its own handshake_failure: the end of the
        // stream, not the alert, is what the server did
        if (budget.ended() || error instanceof TlsNoCloseNotifyException || error instanceof EOFException) {
            return new TlsFailure(TlsFailure.Kind.CLOSED, Optional.empty(), read == 0
                    ? "the server hung up (FIN) on the ClientHello"
                    : "the server closed the connection (FIN) after " + read + " bytes of handshake", millis, read, firstHex);
        }
        if (error instanceof SocketException) {
            // the JDK's text ("Broken pipe", "Connection reset by peer") is said in rdpcheck's words
            return new TlsFailure(TlsFailure.Kind.CLOSED, Optional.empty(), rdpcheck.probes.ProbeText.of(error)
                    + (read == 0 ? " without answering the ClientHello"
                    : " after " + read + " bytes of handshake"), millis, read, firstHex);
        }
        if (error instanceof TlsFatalAlert sent && sent.getAlertDescription() == AlertDescription.protocol_version) {
            Optional<String> chosen = serverHelloVersion(first);
            if (chosen.isPresent()) {
                return new TlsFailure(TlsFailure.Kind.OTHER_VERSION, Optional.empty(),
                        "the server does not support the offered version: it answered with " + chosen.get(),
                        millis, read, firstHex);
            }
        }
        if (error instanceof TlsFatalAlert sent) {
            String name = AlertDescription.getName(sent.getAlertDescription());
            String why = error.getMessage() == null || error.getMessage().startsWith(name) ? ""
                    : " (" + rdpcheck.probes.ProbeText.clean(error.getMessage()) + ")";
            return new TlsFailure(TlsFailure.Kind.ALERT_SENT, Optional.of(name), serverFault(sent.getAlertDescription(), read)
                    + "; rdpcheck, as the client, aborted with alert " + name + why, millis, read, firstHex);
        }
        // No library text here: it names classes, not what the server did.
        return new TlsFailure(TlsFailure.Kind.ERROR, Optional.empty(), "the handshake failed after " + read
                + " bytes from the server" + (firstHex.isEmpty() ? "" : " (starting " + firstHex + ")")
                + ": the client could not process what the server sent", millis, read, firstHex);
    }

    /** What the server's bytes did wrong, by the alert a client must answer them with (RFC 8446 6.2, RFC 5246 7.2.2). */
    static String serverFault(short alert, long read) {
        String sent = "the server sent " + read + " bytes of handshake ";
        return switch (alert) {
            case AlertDescription.decrypt_error -> sent + "whose signature or Finished does not verify against its own"
                    + " certificate (often: the private key does not belong to the certificate)";
            case AlertDescription.bad_certificate, AlertDescription.unsupported_certificate,
                    AlertDescription.certificate_unknown -> sent + "with a certificate that cannot be used";
            case AlertDescription.unexpected_message -> sent + "with a message out of order";
            case AlertDescription.decode_error, AlertDescription.record_overflow -> sent + "that do not decode as TLS";
            case AlertDescription.illegal_parameter -> sent + "choosing a parameter that was not offered";
            case AlertDescription.handshake_failure -> sent + "that do not complete a handshake with what was offered";
            case AlertDescription.insufficient_security -> sent + "choosing parameters too weak to accept";
            default -> sent + "that break the TLS handshake";
        };
    }

    /**
     * handshake_failure (what SChannel and OpenSSL send when no offered suite is enabled) and
     * insufficient_security may mean the server allows only suites this probe never offers; say
     * which, so an RC4-only or NULL-only server is not mistaken for a broken one.
     */
    private static String noCommonSuiteHint(short alert, ProbeTlsClient client) {
        if (alert != AlertDescription.handshake_failure && alert != AlertDescription.insufficient_security) {
            return "";
        }
        return " (often: none of the " + client.offeredSuites() + " cipher suites offered is enabled on the server;"
                + " offered: " + CipherSuites.OFFERED_FAMILIES + "; " + CipherSuites.NOT_OFFERED + ")";
    }

    /** TLS record header (5) + handshake header (4), then ServerHello.server_version (2). */
    static final int SERVER_HELLO_VERSION_OFFSET = 9;
    static final int HANDSHAKE_RECORD = 22;
    static final int SERVER_HELLO = 2;

    /** The version in the ServerHello at the start of what the server sent, e.g. {@code TLS 1.0}. */
    static Optional<String> serverHelloVersion(byte[] first) {
        if (first.length < SERVER_HELLO_VERSION_OFFSET + 2 || (first[0] & 0xff) != HANDSHAKE_RECORD
                || (first[5] & 0xff) != SERVER_HELLO) {
            return Optional.empty();
        }
        int major = first[SERVER_HELLO_VERSION_OFFSET] & 0xff;
        int minor = first[SERVER_HELLO_VERSION_OFFSET + 1] & 0xff;
        for (TlsVersion version : TlsVersion.values()) {
            if (version.protocolVersion().getMajorVersion() == major && version.protocolVersion().getMinorVersion() == minor) {
                return Optional.of(version.label());
            }
        }
        return Optional.of(major == 3 && minor == 0 ? "SSL 3.0" : String.format("version 0x%02X%02X", major, minor));
    }

    /** A TLS record starts with content type 20..24 and major version 3. */
    static boolean looksLikeTlsRecord(byte[] first) {
        int type = first[0] & 0xff;
        if (type < 20 || type > 24) {
            return false;
        }
        return first.length < 2 || (first[1] & 0xff) == 3;
    }

    private static String hex(byte[] bytes) {
        return HexFormat.ofDelimiter(" ").formatHex(bytes);
    }

    private static void closeQuietly(TlsClientProtocol protocol) {
        try {
            protocol.close();
        } catch (IOException | RuntimeException e) {
            // the handshake already failed; the caller closes the socket
        }
    }
}
