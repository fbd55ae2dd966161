package rdpcheck.probes.rdp.mcs;

import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Enumerated;
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
 * MCS Connect-Response (T.125, BER through Bouncy Castle) with its GCC Conference Create Response
 * and the server data blocks (MS-RDPBCGR 2.2.1.4).
 *
 * <pre>
 * Connect-Response ::= [APPLICATION 102] IMPLICIT SEQUENCE {
 *     result ENUMERATED, calledConnectId INTEGER, domainParameters DomainParameters,
 *     userData OCTET STRING }   -- GCC ConnectData: SC_CORE 0x0C01, SC_SECURITY 0x0C02, SC_NET 0x0C03, ...
 * </pre>
 *
 * @param result      T.125 Result: 0 rt-successful
 * @param gccResult   the Conference Create Response's result: 0 success
 * @param otherBlocks types of the blocks not decoded here (message channel, multitransport)
 */
public record McsConnectResponse(int result, int gccResult, Optional<ServerCoreData> core,
                                 Optional<ServerSecurityData> security, Optional<ServerNetworkData> network,
                                 List<Integer> otherBlocks) {

    static final int APPLICATION_CONNECT_RESPONSE = 102;
    static final String[] RESULTS = {"rt-successful", "rt-domain-merging", "rt-domain-not-hierarchical",
        "rt-no-such-channel", "rt-no-such-domain", "rt-no-such-user", "rt-not-admitted", "rt-other-user-id",
        "rt-parameters-unacceptable", "rt-token-not-available", "rt-token-not-possessed", "rt-too-many-channels",
        "rt-too-many-tokens", "rt-too-many-users", "rt-unspecified-failure", "rt-user-rejected"};

    public McsConnectResponse {
        otherBlocks = List.copyOf(otherBlocks);
    }

    public boolean successful() {
        return result == 0 && gccResult == 0;
    }

    public String resultName() {
        return result >= 0 && result < RESULTS.length ? RESULTS[result] : "unknown result " + result;
    }

    /** Decodes one whole TPKT. */
    public static McsConnectResponse decode(byte[] packet) throws MalformedPduException {
        ASN1Sequence fields = Ber.application(X224Data.unwrap(packet), APPLICATION_CONNECT_RESPONSE);
        Bytes.require(fields.size() == 4, "Connect-Response has " + fields.size() + " fields, not 4");
        int result;
        byte[] gcc;
        try {
            BigInteger value = ASN1Enumerated.getInstance(fields.getObjectAt(0)).getValue();
            Bytes.require(value.signum() >= 0 && value.bitLength() < 16, "Connect-Response result " + value + " is out of range");
            result = value.intValue();
            gcc = ASN1OctetString.getInstance(fields.getObjectAt(3)).getOctets();
        } catch (IllegalArgumentException e) {
            throw new MalformedPduException("Connect-Response fields are not ENUMERATED ... OCTET STRING");
        }
        if (result != 0 && gcc.length == 0) {
            return new McsConnectResponse(result, 0, Optional.empty(), Optional.empty(), Optional.empty(), List.of());
        }
        Gcc.Response response = Gcc.readResponse(gcc);
        byte[] userData = response.userData();
        ServerCoreData core = null;
        ServerSecurityData security = null;
        ServerNetworkData network = null;
        List<Integer> others = new ArrayList<>();
        for (byte[] block : UserData.split(userData, 0, userData.length)) {
            int type = UserData.type(block);
            if (type == ServerCoreData.TYPE && core == null) {
                core = ServerCoreData.decode(block);
            } else if (type == ServerSecurityData.TYPE && security == null) {
                security = ServerSecurityData.decode(block);
            } else if (type == ServerNetworkData.TYPE && network == null) {
                network = ServerNetworkData.decode(block);
            } else {
                others.add(type);
            }
        }
        return new McsConnectResponse(result, response.result(), Optional.ofNullable(core), Optional.ofNullable(security),
                Optional.ofNullable(network), others);
    }

    /** For the lab hosts: the whole TPKT. */
    public byte[] encode() {
        List<byte[]> blocks = new ArrayList<>();
        core.ifPresent(c -> blocks.add(c.encode()));
        network.ifPresent(n -> blocks.add(n.encode()));
        security.ifPresent(s -> blocks.add(s.encode()));
        ASN1EncodableVector fields = new ASN1EncodableVector();
        fields.add(new ASN1Enumerated(result));
        fields.add(new ASN1Integer(0));
        fields.add(McsConnectInitial.domainParameters(34, 3, 0, 1, 0, 1, 0xfff8, 2));
        fields.add(new DEROctetString(Gcc.conferenceCreateResponse(UserData.concat(blocks))));
        try {
            return X224Data.wrap(new DERTaggedObject(false, BERTags.APPLICATION, APPLICATION_CONNECT_RESPONSE,
                    new DERSequence(fields)).getEncoded(ASN1Encoding.DER));
        } catch (IOException e) {
            throw new IllegalStateException("DER encoding of an in-memory Connect-Response failed", e);
        }
    }
}
