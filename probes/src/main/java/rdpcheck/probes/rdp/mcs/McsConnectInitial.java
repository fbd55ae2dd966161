package rdpcheck.probes.rdp.mcs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.bouncycastle.asn1.ASN1Boolean;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.BERTags;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.DERTaggedObject;

import rdpcheck.probes.rdp.Bytes;
import rdpcheck.probes.rdp.MalformedPduException;

/**
 * MCS Connect-Initial (T.125, BER through Bouncy Castle) carrying a GCC Conference Create Request
 * with the client core, security and network data (MS-RDPBCGR 2.2.1.3).
 *
 * <pre>
 * Connect-Initial ::= [APPLICATION 101] IMPLICIT SEQUENCE {
 *     callingDomainSelector OCTET STRING, calledDomainSelector OCTET STRING, upwardFlag BOOLEAN,
 *     targetParameters, minimumParameters, maximumParameters DomainParameters,
 *     userData OCTET STRING }                      -- the GCC ConnectData, see {@link Gcc}
 * CS_CORE (216 bytes from the header on):
 *   0 header(4) type=0xC001 | 4 version(4) | 8 desktopWidth(2) | 10 desktopHeight(2) | 12 colorDepth(2)
 *  14 SASSequence(2) | 16 keyboardLayout(4) | 20 clientBuild(4) | 24 clientName(32, UTF-16LE)
 *  56 keyboardType(4) | 60 keyboardSubType(4) | 64 keyboardFunctionKey(4) | 68 imeFileName(64)
 * 132 postBeta2ColorDepth(2) | 134 clientProductId(2) | 136 serialNumber(4) | 140 highColorDepth(2)
 * 142 supportedColorDepths(2) | 144 earlyCapabilityFlags(2) | 146 clientDigProductId(64)
 * 210 connectionType(1) | 211 pad1octet(1) | 212 serverSelectedProtocol(4)
 * CS_SECURITY: header(4) type=0xC002 | encryptionMethods(4) | extEncryptionMethods(4)
 * CS_NET: header(4) type=0xC003 | channelCount(4) | CHANNEL_DEF: name(8, ASCII) options(4) ...
 * </pre>
 *
 * @param encryptionMethods      {@link EncryptionMethod} bits offered
 * @param extEncryptionMethods   the French-locale field; 0 elsewhere
 * @param serverSelectedProtocol what the Connection Confirm selected (0 for Standard RDP Security)
 * @param channels               static virtual channel names, at most 7 ASCII characters each
 */
public record McsConnectInitial(int encryptionMethods, int extEncryptionMethods, int serverSelectedProtocol,
                                List<String> channels) {

    static final int APPLICATION_CONNECT_INITIAL = 101;
    static final int CS_CORE = 0xC001;
    static final int CS_SECURITY = 0xC002;
    static final int CS_NET = 0xC003;
    static final int CORE_LENGTH = 216;
    static final int SECURITY_LENGTH = 12;
    static final int CHANNEL_DEF_LENGTH = 12;
    /** RDP 10.7: what a current mstsc announces, so the server answers with its own best version. */
    static final int CLIENT_VERSION = 0x0008000C;
    static final int COLOR_8BPP = 0xCA01;
    static final int SAS_DEL = 0xAA03;
    static final int OFFSET_CLIENT_NAME = 24;
    static final int OFFSET_SELECTED_PROTOCOL = 212;
    static final int OFFSET_METHODS = 4;
    static final int OFFSET_EXT_METHODS = 8;
    static final String CLIENT_NAME = "RDPCHECK";
    static final int MAX_CHANNELS = 31;

    public McsConnectInitial {
        channels = List.copyOf(channels);
        if (channels.size() > MAX_CHANNELS || channels.stream().anyMatch(c -> c.length() > 7 || !c.chars().allMatch(ch -> ch > 0x20 && ch < 0x7f))) {
            throw new IllegalArgumentException("at most 31 channels of at most 7 ASCII characters");
        }
    }

    /** Standard RDP Security offering exactly {@code method}. */
    public static McsConnectInitial offering(EncryptionMethod method) {
        return new McsConnectInitial(method.bit(), 0, 0, List.of());
    }

    /** The whole TPKT. */
    public byte[] encode() {
        byte[] userData = UserData.concat(List.of(core(), security(), network()));
        ASN1EncodableVector fields = new ASN1EncodableVector();
        fields.add(new DEROctetString(new byte[] {1}));
        fields.add(new DEROctetString(new byte[] {1}));
        fields.add(ASN1Boolean.TRUE);
        // T.125 DomainParameters as MS-RDPBCGR 4.1.3's client sends them: target, minimum, maximum.
        fields.add(domainParameters(34, 2, 0, 1, 0, 1, 0xffff, 2));
        fields.add(domainParameters(1, 1, 1, 1, 0, 1, 0x420, 2));
        fields.add(domainParameters(0xffff, 0xfc17, 0xffff, 1, 0, 1, 0xffff, 2));
        fields.add(new DEROctetString(Gcc.conferenceCreateRequest(userData)));
        try {
            byte[] ber = new DERTaggedObject(false, BERTags.APPLICATION, APPLICATION_CONNECT_INITIAL, new DERSequence(fields))
                    .getEncoded(ASN1Encoding.DER);
            return X224Data.wrap(ber);
        } catch (IOException e) {
            throw new IllegalStateException("DER encoding of an in-memory Connect-Initial failed", e);
        }
    }

    static DERSequence domainParameters(int... values) {
        ASN1EncodableVector v = new ASN1EncodableVector();
        for (int value : values) {
            v.add(new ASN1Integer(value));
        }
        return new DERSequence(v);
    }

    private byte[] core() {
        byte[] block = UserData.header(CS_CORE, CORE_LENGTH);
        Bytes.putIntLE(block, 4, CLIENT_VERSION);
        Bytes.putShortLE(block, 8, 1024);
        Bytes.putShortLE(block, 10, 768);
        Bytes.putShortLE(block, 12, COLOR_8BPP);
        Bytes.putShortLE(block, 14, SAS_DEL);
        Bytes.putIntLE(block, 16, 0x0409); // en-US
        Bytes.putIntLE(block, 20, 19041);
        byte[] name = CLIENT_NAME.getBytes(StandardCharsets.UTF_16LE);
        System.arraycopy(name, 0, block, OFFSET_CLIENT_NAME, name.length);
        Bytes.putIntLE(block, 56, 4);      // IBM enhanced (101/102-key) keyboard
        Bytes.putIntLE(block, 64, 12);     // function keys
        Bytes.putShortLE(block, 132, COLOR_8BPP);
        Bytes.putShortLE(block, 134, 1);   // clientProductId
        Bytes.putShortLE(block, 140, 24);  // highColorDepth
        Bytes.putShortLE(block, 142, 0x0007); // 24, 16 and 15 bpp
        Bytes.putShortLE(block, 144, 0x0001); // RNS_UD_CS_SUPPORT_ERRINFO_PDU
        Bytes.putIntLE(block, OFFSET_SELECTED_PROTOCOL, serverSelectedProtocol);
        return block;
    }

    private byte[] security() {
        byte[] block = UserData.header(CS_SECURITY, SECURITY_LENGTH);
        Bytes.putIntLE(block, OFFSET_METHODS, encryptionMethods);
        Bytes.putIntLE(block, OFFSET_EXT_METHODS, extEncryptionMethods);
        return block;
    }

    private byte[] network() {
        byte[] block = UserData.header(CS_NET, 8 + CHANNEL_DEF_LENGTH * channels.size());
        Bytes.putIntLE(block, 4, channels.size());
        for (int i = 0; i < channels.size(); i++) {
            byte[] name = channels.get(i).getBytes(StandardCharsets.US_ASCII);
            System.arraycopy(name, 0, block, 8 + CHANNEL_DEF_LENGTH * i, name.length);
        }
        return block;
    }

    /** Server side, for the lab hosts: the offer inside a whole TPKT. */
    public static McsConnectInitial decode(byte[] packet) throws MalformedPduException {
        byte[] ber = X224Data.unwrap(packet);
        ASN1Sequence fields = Ber.application(ber, APPLICATION_CONNECT_INITIAL);
        Bytes.require(fields.size() == 7, "Connect-Initial has " + fields.size() + " fields, not 7");
        byte[] gcc;
        try {
            gcc = ASN1OctetString.getInstance(fields.getObjectAt(6)).getOctets();
        } catch (IllegalArgumentException e) {
            throw new MalformedPduException("Connect-Initial userData is not an OCTET STRING");
        }
        byte[] userData = Gcc.readRequestUserData(gcc);
        int methods = 0;
        int ext = 0;
        int selected = 0;
        List<String> channels = new ArrayList<>();
        for (byte[] block : UserData.split(userData, 0, userData.length)) {
            int type = UserData.type(block);
            if (type == CS_SECURITY && block.length >= SECURITY_LENGTH) {
                methods = Bytes.intLE(block, OFFSET_METHODS);
                ext = Bytes.intLE(block, OFFSET_EXT_METHODS);
            } else if (type == CS_CORE && block.length >= OFFSET_SELECTED_PROTOCOL + 4) {
                selected = Bytes.intLE(block, OFFSET_SELECTED_PROTOCOL);
            } else if (type == CS_NET && block.length >= 8) {
                int count = Math.min(Bytes.intLE(block, 4), MAX_CHANNELS);
                for (int i = 0; i < count && 8 + CHANNEL_DEF_LENGTH * (i + 1) <= block.length; i++) {
                    int at = 8 + CHANNEL_DEF_LENGTH * i;
                    int end = at;
                    while (end < at + 8 && block[end] != 0) {
                        end++;
                    }
                    channels.add(new String(block, at, end - at, StandardCharsets.US_ASCII));
                }
            }
        }
        try {
            return new McsConnectInitial(methods, ext, selected, channels);
        } catch (IllegalArgumentException e) {
            // e.g. a channel name of 8 bytes without its NUL: the client's bytes, not our bug
            throw new MalformedPduException("Connect-Initial client network data: " + rdpcheck.probes.ProbeText.of(e));
        }
    }
}
