package rdpcheck.probes.rdp.mcs;

import java.io.IOException;

import org.bouncycastle.asn1.ASN1InputStream;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.ASN1TaggedObject;
import org.bouncycastle.asn1.BERTags;

import rdpcheck.probes.rdp.Bytes;
import rdpcheck.probes.rdp.MalformedPduException;

/** Reads the T.125 [APPLICATION n] IMPLICIT SEQUENCE of an MCS connect PDU with Bouncy Castle, bounded by the array. */
final class Ber {

    private Ber() {
    }

    static ASN1Sequence application(byte[] ber, int tagNo) throws MalformedPduException {
        ASN1Primitive root;
        try (ASN1InputStream in = new ASN1InputStream(ber, true)) {
            root = in.readObject();
        } catch (IOException | RuntimeException e) {
            throw new MalformedPduException("MCS PDU is not BER: its " + ber.length + " bytes do not parse as one element");
        }
        Bytes.require(root instanceof ASN1TaggedObject, "MCS PDU " + Bytes.hexPreview(ber, 4) + " is not an [APPLICATION] PDU");
        ASN1TaggedObject tagged = (ASN1TaggedObject) root;
        Bytes.require(tagged.getTagClass() == BERTags.APPLICATION && tagged.getTagNo() == tagNo,
                "MCS PDU is [" + (tagged.getTagClass() == BERTags.APPLICATION ? "APPLICATION " : "class " + tagged.getTagClass() + " ")
                        + tagged.getTagNo() + "], not [APPLICATION " + tagNo + "]");
        try {
            return (ASN1Sequence) tagged.getBaseUniversal(false, BERTags.SEQUENCE);
        } catch (RuntimeException e) {
            throw new MalformedPduException("MCS PDU [APPLICATION " + tagNo + "] does not hold a SEQUENCE");
        }
    }
}
