package rdpcheck.probes.rdp.mcs;

import java.util.Optional;

import rdpcheck.probes.rdp.Bytes;
import rdpcheck.probes.rdp.MalformedPduException;

/**
 * TS_UD_SC_CORE (MS-RDPBCGR 2.2.1.4.2).
 *
 * <pre>
 * header: type(2)=0x0C01 length(2) | version(4) | [clientRequestedProtocols(4)] | [earlyCapabilityFlags(4)]
 * </pre>
 */
public record ServerCoreData(RdpVersion version, Optional<Integer> clientRequestedProtocols,
                             Optional<Integer> earlyCapabilityFlags) {

    static final int TYPE = 0x0C01;
    static final int OFFSET_VERSION = 4;
    static final int OFFSET_REQUESTED = 8;
    static final int OFFSET_EARLY_FLAGS = 12;

    /** {@code block} is the whole block, header included. */
    static ServerCoreData decode(byte[] block) throws MalformedPduException {
        Bytes.require(block.length >= OFFSET_VERSION + 4, "server core data of " + block.length + " bytes has no version");
        Optional<Integer> requested = block.length >= OFFSET_REQUESTED + 4
                ? Optional.of(Bytes.intLE(block, OFFSET_REQUESTED)) : Optional.empty();
        Optional<Integer> early = block.length >= OFFSET_EARLY_FLAGS + 4
                ? Optional.of(Bytes.intLE(block, OFFSET_EARLY_FLAGS)) : Optional.empty();
        return new ServerCoreData(new RdpVersion(Bytes.intLE(block, OFFSET_VERSION)), requested, early);
    }

    byte[] encode() {
        int length = OFFSET_REQUESTED + (clientRequestedProtocols.isPresent() ? 4 : 0)
                + (clientRequestedProtocols.isPresent() && earlyCapabilityFlags.isPresent() ? 4 : 0);
        byte[] block = UserData.header(TYPE, length);
        Bytes.putIntLE(block, OFFSET_VERSION, version.value());
        clientRequestedProtocols.ifPresent(v -> Bytes.putIntLE(block, OFFSET_REQUESTED, v));
        if (clientRequestedProtocols.isPresent()) {
            earlyCapabilityFlags.ifPresent(v -> Bytes.putIntLE(block, OFFSET_EARLY_FLAGS, v));
        }
        return block;
    }
}
