package rdpcheck.lab;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.util.List;
import java.util.Optional;

import rdpcheck.probes.rdp.ConnectionRequest;
import rdpcheck.probes.rdp.MalformedPduException;
import rdpcheck.probes.rdp.Protocol;
import rdpcheck.probes.rdp.Tpkt;
import rdpcheck.probes.rdp.mcs.EncryptionLevel;
import rdpcheck.probes.rdp.mcs.EncryptionMethod;
import rdpcheck.probes.rdp.mcs.McsConnectInitial;
import rdpcheck.probes.rdp.mcs.McsConnectResponse;
import rdpcheck.probes.rdp.mcs.RdpVersion;
import rdpcheck.probes.rdp.mcs.ServerCoreData;
import rdpcheck.probes.rdp.mcs.ServerNetworkData;
import rdpcheck.probes.rdp.mcs.ServerSecurityData;

/**
 * The MCS Connect-Initial / Connect-Response step of Standard RDP Security, chosen the way
 * MS-RDPBCGR 5.3.2 describes each encryption level: Low and Client Compatible take the client's
 * strongest method, High only 128-bit, FIPS only FIPS, None no encryption at all.
 *
 * @param level        the server's MinEncryptionLevel
 * @param answerAnyway what the server does when no offered method fits the level: true answers with
 *                     its own method anyway (xrdp), false hangs up (Windows)
 * @param rdpVersion   TS_UD_SC_CORE.version
 * @param rsaKeyBits   the proprietary certificate's RSA key size
 */
record StandardSecurityStage(EncryptionLevel level, boolean answerAnyway, int rdpVersion, int rsaKeyBits)
        implements AfterConfirm {

    /** RDP 10.7, what Windows Server 2019 and later send. */
    public static final int RDP_10_7 = 0x0008000C;

    public static StandardSecurityStage windows(EncryptionLevel level) {
        return new StandardSecurityStage(level, false, RDP_10_7, 2048);
    }

    @Override
    public void proceed(Socket socket, ConnectionRequest request, int selectedProtocol) throws IOException {
        if (selectedProtocol != Protocol.PROTOCOL_RDP.bits()) {
            return;
        }
        McsConnectInitial initial;
        try {
            initial = McsConnectInitial.decode(Tpkt.read(socket.getInputStream(), Tpkt.MAX_LENGTH));
        } catch (MalformedPduException e) {
            return;
        }
        Optional<Integer> method = choose(initial.encryptionMethods());
        if (method.isEmpty()) {
            return;
        }
        boolean none = level == EncryptionLevel.NONE;
        McsConnectResponse response = new McsConnectResponse(0, 0,
                Optional.of(new ServerCoreData(new RdpVersion(rdpVersion), Optional.of(0), Optional.empty())),
                Optional.of(new ServerSecurityData(none ? 0 : method.get(), none ? 0 : level.value(), none ? 0 : 32,
                        Optional.empty(), Optional.of(rsaKeyBits))),
                Optional.of(new ServerNetworkData(1003, List.of())), List.of());
        OutputStream out = socket.getOutputStream();
        out.write(response.encode());
        out.flush();
        // Stay until the client leaves, as a server waiting for the Security Exchange PDU does.
        socket.getInputStream().read(new byte[1024]);
    }

    /** The method this level picks from the client's mask; empty means hang up. */
    Optional<Integer> choose(int offered) {
        List<EncryptionMethod> methods = EncryptionMethod.inMask(offered);
        Optional<Integer> fit = switch (level) {
            case NONE -> Optional.of(EncryptionMethod.NONE);
            case LOW, CLIENT_COMPATIBLE -> methods.isEmpty() ? Optional.empty()
                    : Optional.of(strongestRc4OrFips(methods).bit());
            case HIGH -> methods.contains(EncryptionMethod.BIT_128) ? Optional.of(EncryptionMethod.BIT_128.bit()) : Optional.empty();
            case FIPS -> methods.contains(EncryptionMethod.FIPS) ? Optional.of(EncryptionMethod.FIPS.bit()) : Optional.empty();
        };
        if (fit.isEmpty() && answerAnyway) {
            return Optional.of(level == EncryptionLevel.FIPS ? EncryptionMethod.FIPS.bit() : EncryptionMethod.BIT_128.bit());
        }
        return fit;
    }

    private static EncryptionMethod strongestRc4OrFips(List<EncryptionMethod> methods) {
        for (EncryptionMethod preferred : List.of(EncryptionMethod.BIT_128, EncryptionMethod.BIT_56, EncryptionMethod.BIT_40)) {
            if (methods.contains(preferred)) {
                return preferred;
            }
        }
        return EncryptionMethod.FIPS;
    }
}
