package rdpcheck.lab;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import rdpcheck.probes.rdp.ConnectionRequest;
import rdpcheck.probes.rdp.MalformedPduException;
import rdpcheck.probes.rdp.Tpkt;
import rdpcheck.probes.rdp.mcs.DomainPdus;
import rdpcheck.probes.rdp.mcs.McsConnectInitial;
import rdpcheck.probes.rdp.mcs.McsConnectResponse;
import rdpcheck.probes.rdp.mcs.RdpVersion;
import rdpcheck.probes.rdp.mcs.ServerCoreData;
import rdpcheck.probes.rdp.mcs.ServerNetworkData;
import rdpcheck.probes.rdp.mcs.ServerSecurityData;

/**
 * The MCS connection inside TLS, as a server that selected TLS alone answers it (MS-RDPBCGR 2.2.1.4
 * to 2.2.1.8): a Connect-Response granting every channel asked for, an Attach User Confirm, a
 * Channel Join Confirm per join; then it waits for the client's next PDU (the Client Info PDU).
 *
 * @param stallAfterConnectResponse send the Connect-Response, then never answer again: a server
 *                                  whose session stack hangs ("Configuring remote session")
 */
public record McsServerStage(boolean stallAfterConnectResponse) implements AfterTls {

    static final int IO_CHANNEL = 1003;
    static final int USER_ID = 1007;
    static final int MAX_PDU = 2048;

    public static McsServerStage answering() {
        return new McsServerStage(false);
    }

    public static McsServerStage stallingAfterConnectResponse() {
        return new McsServerStage(true);
    }

    @Override
    public void proceed(InputStream in, OutputStream out, ConnectionRequest request, int selectedProtocol) throws IOException {
        McsConnectInitial initial;
        try {
            initial = McsConnectInitial.decode(Tpkt.read(in, Tpkt.MAX_LENGTH));
        } catch (MalformedPduException e) {
            return; // not a Connect-Initial (or the client left): hang up
        }
        List<Integer> channels = new ArrayList<>();
        for (int i = 0; i < initial.channels().size(); i++) {
            channels.add(IO_CHANNEL + 1 + i);
        }
        McsConnectResponse response = new McsConnectResponse(0, 0,
                Optional.of(new ServerCoreData(new RdpVersion(StandardSecurityStage.RDP_10_7), Optional.of(selectedProtocol),
                        Optional.empty())),
                Optional.of(new ServerSecurityData(0, 0, 0, Optional.empty(), Optional.empty())),
                Optional.of(new ServerNetworkData(IO_CHANNEL, channels)), List.of());
        out.write(response.encode());
        out.flush();
        if (stallAfterConnectResponse) {
            AfterTls.DRAIN.proceed(in, out, request, selectedProtocol);
            return;
        }
        while (true) {
            byte[] packet;
            try {
                packet = Tpkt.read(in, MAX_PDU);
                int choice = DomainPdus.choiceOf(packet);
                if (choice == DomainPdus.ATTACH_USER_REQUEST_CHOICE) {
                    out.write(DomainPdus.attachUserConfirm(USER_ID));
                } else if (choice == DomainPdus.CHANNEL_JOIN_REQUEST_CHOICE) {
                    Optional<byte[]> confirm = DomainPdus.channelJoinConfirmFor(packet);
                    if (confirm.isEmpty()) {
                        return;
                    }
                    out.write(confirm.get());
                } else if (choice != DomainPdus.ERECT_DOMAIN_REQUEST_CHOICE) {
                    return; // the goodbye, or the Client Info PDU a lab host does not serve
                }
                out.flush();
            } catch (MalformedPduException e) {
                return;
            }
        }
    }
}
