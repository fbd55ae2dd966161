package rdpcheck.probes.rdp.mcs;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import rdpcheck.probes.Probe;
import rdpcheck.probes.ProbeText;
import rdpcheck.probes.ProbeContext;
import rdpcheck.probes.ProbeException;
import rdpcheck.probes.ProbeId;
import rdpcheck.probes.tls.TlsProbe;
import rdpcheck.probes.ProbeSkipped;
import rdpcheck.probes.net.ReplyTooLargeException;
import rdpcheck.probes.rdp.MalformedPduException;
import rdpcheck.probes.rdp.Protocol;
import rdpcheck.probes.rdp.Tpkt;
import rdpcheck.probes.tls.AfterSslHandshake;
import rdpcheck.probes.tls.SessionAnswer;
import rdpcheck.probes.tls.TlsResult;
import rdpcheck.probes.tls.TlsSession;

/**
 * As far as a client gets without credentials, on a server that let it in with TLS alone (no NLA):
 * the MCS Connect-Initial with mstsc's channels, the Connect-Response, Erect Domain, Attach User
 * and a join of every channel (MS-RDPBCGR 1.3.1.1, 2.2.1.3 to 2.2.1.8). The next PDU would be the
 * Client Info PDU, which carries the logon: it is never sent; the probe says goodbye with a
 * Disconnect Provider Ultimatum. A server that stops answering on the way (the "Configuring remote
 * session" hang) is a finding: where it stopped, and how.
 *
 * <p>Runs on the tls probe's first connection ({@link #conversation()} is its
 * {@link AfterSslHandshake}), as mstsc would after that handshake: no connection of its own.
 */
public final class SessionProbe implements Probe<SessionAnswer> {

    /** Reads the MCS connection the tls probe's first connection held where the server selected TLS alone. */
    public static final ProbeId<SessionAnswer> ID = ProbeId.of("session", SessionAnswer.class, TlsProbe.ID);

    /** The static channels mstsc asks for by default: drives, sound, clipboard, dynamic channels. */
    static final List<String> CHANNELS = List.of("rdpdr", "rdpsnd", "cliprdr", "drdynvc");
    /** A Connect-Response is a few hundred bytes; a domain PDU a handful. */
    static final int MAX_RESPONSE = 16 * 1024;
    static final int MAX_DOMAIN_PDU = 1024;
    /** The most channel joins the server may ask for: mstsc's channels, the user's and the I/O channel. */
    static final int MAX_JOINS = CHANNELS.size() + 2;

    @Override
    public ProbeId<SessionAnswer> id() {
        return ID;
    }

    public static AfterSslHandshake conversation() {
        return SessionProbe::exchange;
    }

    @Override
    public SessionAnswer run(ProbeContext context) throws ProbeException {
        TlsResult tls = context.result(TlsProbe.ID)
                .orElseThrow(() -> new ProbeSkipped("the tls probe has no result to build on"));
        if (tls.sessionAnswer().isPresent()) {
            return tls.sessionAnswer().get();
        }
        Optional<Integer> selected = tls.selectedProtocol();
        if (selected.isPresent() && selected.get() != Protocol.PROTOCOL_SSL.bits()) {
            throw new ProbeSkipped("the server selected " + Protocol.describeMask(selected.get())
                    + ": the session begins only after a logon (NLA), which rdpcheck never attempts");
        }
        throw new ProbeSkipped("no TLS handshake got as far as the session");
    }

    /** The steps after the handshake; never throws for what the server does. */
    static SessionAnswer exchange(TlsSession tls, int selectedProtocol) {
        long started = System.nanoTime();
        List<String> completed = new ArrayList<>();
        List<String> facts = new ArrayList<>();
        String waitingFor = "MCS Connect-Response";
        InputStream in = tls.input();
        OutputStream out = tls.output();
        try {
            send(out, new McsConnectInitial(0, 0, selectedProtocol, CHANNELS).encode());
            McsConnectResponse response = McsConnectResponse.decode(Tpkt.read(in, MAX_RESPONSE));
            if (!response.successful()) {
                return stopped(tls, selectedProtocol, completed, facts, waitingFor,
                        "the server refused the connection: MCS result " + response.resultName(), false, started);
            }
            completed.add(waitingFor);
            response.core().ifPresent(core -> facts.add("RDP version " + core.version().name()));
            List<Integer> channels = new ArrayList<>();
            response.network().ifPresent(network -> {
                channels.add(network.mcsChannelId());
                channels.addAll(network.channelIds());
                facts.add("I/O channel " + network.mcsChannelId() + ", " + network.channelIds().size() + " of "
                        + CHANNELS.size() + " static channels granted");
            });

            send(out, DomainPdus.erectDomainRequest());
            send(out, DomainPdus.attachUserRequest());
            waitingFor = "MCS Attach User Confirm";
            DomainPdus.AttachUserConfirm attach = DomainPdus.AttachUserConfirm.decode(readDomainPdu(in));
            if (attach.result() != DomainPdus.RT_SUCCESSFUL || attach.userId().isEmpty()) {
                return stopped(tls, selectedProtocol, completed, facts, waitingFor,
                        "the server refused to attach the user (result " + attach.result() + ")", false, started);
            }
            int user = attach.userId().get();
            completed.add(waitingFor);
            facts.add("user channel " + user);
            channels.add(0, user);
            for (int channel : channels.subList(0, Math.min(channels.size(), MAX_JOINS))) {
                waitingFor = "MCS Channel Join Confirm for channel " + channel;
                send(out, DomainPdus.channelJoinRequest(user, channel));
                DomainPdus.ChannelJoinConfirm join = DomainPdus.ChannelJoinConfirm.decode(readDomainPdu(in));
                if (join.result() != DomainPdus.RT_SUCCESSFUL) {
                    return stopped(tls, selectedProtocol, completed, facts, waitingFor,
                            "the server refused to join channel " + channel + " (result " + join.result() + ")", false, started);
                }
            }
            completed.add("MCS Channel Join Confirm for " + Math.min(channels.size(), MAX_JOINS) + " channels");
            goodbye(out);
            return new SessionAnswer(tls.version(), selectedProtocol, completed, Optional.empty(), Optional.empty(), false,
                    facts, millisSince(started));
        } catch (SocketTimeoutException e) {
            return stopped(tls, selectedProtocol, completed, facts, waitingFor,
                    "the server said nothing (" + ProbeText.of(e) + ")", true, started);
        } catch (EOFException e) {
            return stopped(tls, selectedProtocol, completed, facts, waitingFor,
                    "the server closed the connection (" + ProbeText.of(e) + ")", false, started);
        } catch (ReplyTooLargeException e) {
            return stopped(tls, selectedProtocol, completed, facts, waitingFor,
                    "the server sent too much: " + ProbeText.of(e), false, started);
        } catch (MalformedPduException e) {
            return stopped(tls, selectedProtocol, completed, facts, waitingFor,
                    "the server sent something else: " + ProbeText.of(e), false, started);
        } catch (IOException e) {
            // a reset, a broken pipe, TLS records that stop making sense: what happened, not the library's text
            return stopped(tls, selectedProtocol, completed, facts, waitingFor, ProbeText.of(e), false, started);
        } catch (RuntimeException e) {
            // a bug on hostile input must read as what it is, not take the tls probe's leg down
            return stopped(tls, selectedProtocol, completed, facts, waitingFor,
                    "rdpcheck could not process the server's answer (an error in rdpcheck)", false, started);
        }
    }

    private static byte[] readDomainPdu(InputStream in) throws IOException, MalformedPduException {
        return X224Data.unwrap(Tpkt.read(in, MAX_DOMAIN_PDU));
    }

    private static void send(OutputStream out, byte[] packet) throws IOException {
        out.write(packet);
        out.flush();
    }

    /** Ends the MCS domain as a client does; best effort, the server may be gone. */
    private static void goodbye(OutputStream out) {
        try {
            send(out, DomainPdus.disconnectProviderUltimatum());
        } catch (IOException | RuntimeException e) {
            // the connection closes either way
        }
    }

    private static SessionAnswer stopped(TlsSession tls, int selectedProtocol, List<String> completed, List<String> facts,
                                         String waitingFor, String how, boolean stalled, long started) {
        goodbye(tls.output());
        return new SessionAnswer(tls.version(), selectedProtocol, completed, Optional.of(waitingFor), Optional.of(how),
                stalled, facts, millisSince(started));
    }

    private static double millisSince(long started) {
        return (System.nanoTime() - started) / 1_000_000.0;
    }
}
