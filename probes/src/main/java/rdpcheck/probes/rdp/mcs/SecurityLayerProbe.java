package rdpcheck.probes.rdp.mcs;

import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

import rdpcheck.probes.Probe;
import rdpcheck.probes.ProbeContext;
import rdpcheck.probes.ProbeException;
import rdpcheck.probes.ProbeId;
import rdpcheck.probes.rdp.NegotiationProbe;
import rdpcheck.probes.ProbeSkipped;
import rdpcheck.probes.net.Connection;
import rdpcheck.probes.net.WireEvents;
import rdpcheck.probes.net.Legs;
import rdpcheck.probes.net.ReplyTooLargeException;
import rdpcheck.probes.rdp.Bytes;
import rdpcheck.probes.rdp.ConnectionRequest;
import rdpcheck.probes.rdp.MalformedPduException;
import rdpcheck.probes.rdp.NegotiationReply;
import rdpcheck.probes.rdp.NegotiationResult;
import rdpcheck.probes.rdp.Protocol;
import rdpcheck.probes.rdp.RdpHandshake;
import rdpcheck.probes.rdp.Tpkt;

/**
 * Enumerates Standard RDP Security: one connection per encryption method (40-, 56-, 128-bit,
 * FIPS), each an X.224 request for PROTOCOL_RDP and an MCS Connect-Initial offering only that
 * method; the Connect-Response says what the server chose, at which level, and its RDP version.
 * Stops at the Connect-Response: no security exchange, no credentials.
 *
 * <p>Runs only when the negotiation probe saw Standard RDP Security accepted, so a modern server
 * is spared four connections. Each connection's own X.224 answer is judged again: when none gets
 * Standard RDP Security after all, the probe is skipped with that answer as the reason.
 */
public final class SecurityLayerProbe implements Probe<SecurityLayerResult> {

    /**
     * Waits for the negotiation: only servers that still accept Standard RDP Security (few) are worth
     * its four connections, and those pay one round trip more.
     */
    public static final ProbeId<SecurityLayerResult> ID = ProbeId.of("security-layer", SecurityLayerResult.class, NegotiationProbe.ID);

    /** A Connect-Response is about 300 bytes, a few KB with an X.509 chain; 16 KB is not one. */
    static final int MAX_RESPONSE = 16 * 1024;
    static final int PREVIEW_BYTES = 48;
    /** T.125 DomainMCSPDU choice 8 (disconnectProviderUltimatum) in the top 6 bits of the first byte. */
    static final int MCS_DISCONNECT_PROVIDER_ULTIMATUM = 8;
    static final int X224_DISCONNECT_REQUEST = 0x80;

    @Override
    public ProbeId<SecurityLayerResult> id() {
        return ID;
    }

    @Override
    public SecurityLayerResult run(ProbeContext context) throws ProbeException, InterruptedException {
        NegotiationResult negotiation = context.result(NegotiationProbe.ID)
                .orElseThrow(() -> new ProbeSkipped("no negotiation result to build on"));
        if (!negotiation.accepts(Protocol.PROTOCOL_RDP) && !negotiation.legacyServer()) {
            throw new ProbeSkipped("the server does not accept Standard RDP Security: "
                    + negotiation.reply(Protocol.PROTOCOL_RDP.bits()).map(r -> "asked for it, it answered " + r.describe())
                    .orElse("no request for it was answered"));
        }
        InetSocketAddress endpoint = context.endpoint();
        List<Callable<MethodAttempt>> legs = new ArrayList<>();
        for (EncryptionMethod method : EncryptionMethod.values()) {
            legs.add(() -> attempt(context, endpoint, method));
        }
        List<MethodAttempt> attempts = Legs.runAll(legs, context.deadline(), failure -> null,
                // only legs without an X.224 answer: after one, silence or a close is the server's answer
                attempt -> attempt.reply() instanceof MethodReply.NotNegotiated notNegotiated
                        && notNegotiated.reply().unanswered(), context.signals()::hasServerAnswered);
        List<MethodAttempt> complete = new ArrayList<>();
        for (int i = 0; i < attempts.size(); i++) {
            MethodAttempt attempt = attempts.get(i);
            complete.add(attempt != null ? attempt : new MethodAttempt(EncryptionMethod.values()[i],
                    new MethodReply.Silent(context.options().deadline().toMillis()), 0));
        }
        Optional<NegotiationReply> refusal = notNegotiatedEverywhere(complete);
        if (refusal.isPresent()) {
            throw new ProbeSkipped("the server does not accept Standard RDP Security: asked for it, it answered "
                    + refusal.get().describe());
        }
        return new SecurityLayerResult(complete);
    }

    /** The X.224 answer, when no connection got as far as MCS because Standard RDP Security was not selected. */
    private static Optional<NegotiationReply> notNegotiatedEverywhere(List<MethodAttempt> attempts) {
        Optional<NegotiationReply> first = Optional.empty();
        for (MethodAttempt attempt : attempts) {
            if (!(attempt.reply() instanceof MethodReply.NotNegotiated notNegotiated)) {
                return Optional.empty();
            }
            first = first.isPresent() ? first : Optional.of(notNegotiated.reply());
        }
        return first;
    }

    static MethodAttempt attempt(ProbeContext context, InetSocketAddress endpoint, EncryptionMethod method) {
        long started = System.nanoTime();
        MethodReply reply;
        try (Connection connection = context.connect(endpoint)) {
            reply = exchange(connection, method);
        } catch (ProbeException e) {
            reply = new MethodReply.Refused("TCP connect failed: " + rdpcheck.probes.ProbeText.of(e));
        }
        return new MethodAttempt(method, reply, (System.nanoTime() - started) / 1_000_000.0);
    }

    static MethodReply exchange(Connection connection, EncryptionMethod method) {
        NegotiationReply confirm = RdpHandshake.negotiate(connection, ConnectionRequest.of(Protocol.PROTOCOL_RDP.bits()));
        boolean standard = confirm instanceof NegotiationReply.NoNegotiationData
                || confirm instanceof NegotiationReply.Selected selected && selected.is(Protocol.PROTOCOL_RDP);
        if (!standard) {
            return new MethodReply.NotNegotiated(confirm);
        }
        long started = System.nanoTime();
        long before = connection.bytesRead();
        try {
            connection.send(McsConnectInitial.offering(method).encode());
        } catch (IOException e) {
            return new MethodReply.Refused("the send failed: " + WireEvents.describe(e));
        }
        byte[] packet;
        try {
            packet = Tpkt.read(connection.input(), MAX_RESPONSE);
        } catch (SocketTimeoutException e) {
            return connection.bytesRead() > before
                    ? new MethodReply.Malformed("the Connect-Response stopped half way: " + WireEvents.describe(e), "")
                    : new MethodReply.Silent((System.nanoTime() - started) / 1_000_000);
        } catch (EOFException e) {
            return connection.bytesRead() > before
                    ? new MethodReply.Malformed("the connection ended inside the Connect-Response: " + WireEvents.describe(e), "")
                    : new MethodReply.Refused("FIN");
        } catch (ReplyTooLargeException e) {
            return new MethodReply.Malformed(rdpcheck.probes.ProbeText.of(e), "");
        } catch (SocketException e) {
            String message = String.valueOf(e.getMessage());
            return new MethodReply.Refused(message.toLowerCase(java.util.Locale.ROOT).contains("reset") ? "RST"
                    : WireEvents.describe(e));
        } catch (IOException e) {
            return new MethodReply.Refused(WireEvents.describe(e));
        } catch (MalformedPduException e) {
            return new MethodReply.Malformed(rdpcheck.probes.ProbeText.of(e), "");
        }
        return decode(packet);
    }

    static MethodReply decode(byte[] packet) {
        String preview = Bytes.hexPreview(packet, PREVIEW_BYTES);
        if (packet.length > Tpkt.HEADER_LENGTH + 1 && (packet[Tpkt.HEADER_LENGTH + 1] & 0xf0) == X224_DISCONNECT_REQUEST) {
            return new MethodReply.Refused("X.224 Disconnect Request");
        }
        if (packet.length > X224Data.HEADER_LENGTH && (packet[X224Data.HEADER_LENGTH] & 0xff) >> 2 == MCS_DISCONNECT_PROVIDER_ULTIMATUM) {
            return new MethodReply.Refused("MCS Disconnect Provider Ultimatum");
        }
        try {
            return new MethodReply.Answered(McsConnectResponse.decode(packet));
        } catch (MalformedPduException e) {
            return new MethodReply.Malformed(rdpcheck.probes.ProbeText.of(e), preview);
        }
    }
}
