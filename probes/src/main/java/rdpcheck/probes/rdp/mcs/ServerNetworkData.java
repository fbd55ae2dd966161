package rdpcheck.probes.rdp.mcs;

import java.util.ArrayList;
import java.util.List;

import rdpcheck.probes.rdp.Bytes;
import rdpcheck.probes.rdp.MalformedPduException;

/**
 * TS_UD_SC_NET (MS-RDPBCGR 2.2.1.4.4).
 *
 * <pre>
 * header: type(2)=0x0C03 length(2) | MCSChannelId(2) | channelCount(2) | channelIdArray(2 each) | [pad(2) if count is odd]
 * </pre>
 */
public record ServerNetworkData(int mcsChannelId, List<Integer> channelIds) {

    static final int TYPE = 0x0C03;
    static final int OFFSET_IO_CHANNEL = 4;
    static final int OFFSET_COUNT = 6;
    static final int OFFSET_IDS = 8;

    public ServerNetworkData {
        channelIds = List.copyOf(channelIds);
    }

    static ServerNetworkData decode(byte[] block) throws MalformedPduException {
        Bytes.require(block.length >= OFFSET_IDS, "server network data of " + block.length + " bytes is too short");
        int count = Bytes.shortLE(block, OFFSET_COUNT);
        Bytes.require(OFFSET_IDS + 2 * count <= block.length,
                "server network data announces " + count + " channels in a " + block.length + "-byte block");
        List<Integer> ids = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            ids.add(Bytes.shortLE(block, OFFSET_IDS + 2 * i));
        }
        return new ServerNetworkData(Bytes.shortLE(block, OFFSET_IO_CHANNEL), ids);
    }

    byte[] encode() {
        int padded = channelIds.size() + channelIds.size() % 2;
        byte[] block = UserData.header(TYPE, OFFSET_IDS + 2 * padded);
        Bytes.putShortLE(block, OFFSET_IO_CHANNEL, mcsChannelId);
        Bytes.putShortLE(block, OFFSET_COUNT, channelIds.size());
        for (int i = 0; i < channelIds.size(); i++) {
            Bytes.putShortLE(block, OFFSET_IDS + 2 * i, channelIds.get(i));
        }
        return block;
    }
}
