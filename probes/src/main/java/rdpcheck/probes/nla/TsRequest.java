package rdpcheck.probes.nla;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1InputStream;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.ASN1TaggedObject;
import org.bouncycastle.asn1.BERTags;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.DERTaggedObject;

import rdpcheck.probes.rdp.Bytes;
import rdpcheck.probes.rdp.MalformedPduException;

/**
 * The CredSSP TSRequest (MS-CSSP 2.2.1), DER through Bouncy Castle:
 *
 * <pre>
 * TSRequest ::= SEQUENCE {
 *     version     [0] INTEGER,
 *     negoTokens  [1] NegoData OPTIONAL,        -- SEQUENCE OF SEQUENCE { negoToken [0] OCTET STRING }
 *     authInfo    [2] OCTET STRING OPTIONAL,    -- credentials: never sent by the probe
 *     pubKeyAuth  [3] OCTET STRING OPTIONAL,
 *     errorCode   [4] INTEGER OPTIONAL,         -- NTSTATUS, versions 3, 4 and 6
 *     clientNonce [5] OCTET STRING OPTIONAL }   -- versions 5 and 6
 * </pre>
 *
 * @param errorCode the NTSTATUS as an unsigned 32-bit value
 */
public record TsRequest(int version, List<byte[]> negoTokens, Optional<Long> errorCode, Optional<byte[]> clientNonce) {

    static final int TAG_VERSION = 0;
    static final int TAG_NEGO_TOKENS = 1;
    static final int TAG_AUTH_INFO = 2;
    static final int TAG_PUB_KEY_AUTH = 3;
    static final int TAG_ERROR_CODE = 4;
    static final int TAG_CLIENT_NONCE = 5;
    static final int TAG_NEGO_TOKEN = 0;
    /** The highest version MS-CSSP defines; what an updated Windows client sends. */
    public static final int CURRENT_VERSION = 6;
    /** A server's TSRequest with a CHALLENGE is a few hundred bytes; a Kerberos-sized one a few KB. */
    public static final int MAX_LENGTH = 64 * 1024;
    static final int MAX_TOKENS = 8;

    public TsRequest {
        negoTokens = negoTokens.stream().map(byte[]::clone).toList();
        clientNonce = clientNonce.map(byte[]::clone);
    }

    public static TsRequest withToken(int version, byte[] token) {
        return new TsRequest(version, List.of(token), Optional.empty(), Optional.empty());
    }

    public static TsRequest withError(int version, long errorCode) {
        return new TsRequest(version, List.of(), Optional.of(errorCode), Optional.empty());
    }

    public byte[] encode() {
        ASN1EncodableVector fields = new ASN1EncodableVector();
        fields.add(new DERTaggedObject(true, TAG_VERSION, new ASN1Integer(version)));
        if (!negoTokens.isEmpty()) {
            ASN1EncodableVector items = new ASN1EncodableVector();
            for (byte[] token : negoTokens) {
                items.add(new DERSequence(new DERTaggedObject(true, TAG_NEGO_TOKEN, new DEROctetString(token))));
            }
            fields.add(new DERTaggedObject(true, TAG_NEGO_TOKENS, new DERSequence(items)));
        }
        errorCode.ifPresent(code -> fields.add(new DERTaggedObject(true, TAG_ERROR_CODE,
                // Windows writes the NTSTATUS as a signed 32-bit INTEGER (0xC000006D is negative).
                new ASN1Integer((int) (long) code))));
        clientNonce.ifPresent(nonce -> fields.add(new DERTaggedObject(true, TAG_CLIENT_NONCE, new DEROctetString(nonce))));
        try {
            return new DERSequence(fields).getEncoded(ASN1Encoding.DER);
        } catch (IOException e) {
            throw new IllegalStateException("DER encoding of an in-memory TSRequest failed", e);
        }
    }

    /** Decodes one whole DER TSRequest (as {@link #read} frames it). */
    public static TsRequest decode(byte[] der) throws MalformedPduException {
        ASN1Primitive root;
        try (ASN1InputStream in = new ASN1InputStream(der, true)) {
            root = in.readObject();
            Bytes.require(root != null, "no ASN.1 object in " + der.length + " bytes");
            Bytes.require(in.available() == 0, "bytes follow the TSRequest");
        } catch (IOException | RuntimeException e) {
            // BC's text names its own classes; the hex preview the caller adds shows the bytes
            throw new MalformedPduException("not DER: the " + der.length + " bytes do not parse as one ASN.1 element");
        }
        try {
            Bytes.require(root instanceof ASN1Sequence, "the TSRequest is not a SEQUENCE");
            Integer version = null;
            List<byte[]> tokens = new ArrayList<>();
            Long errorCode = null;
            byte[] nonce = null;
            for (ASN1Encodable element : (ASN1Sequence) root) {
                Bytes.require(element instanceof ASN1TaggedObject tagged && tagged.getTagClass() == BERTags.CONTEXT_SPECIFIC
                        && tagged.isExplicit(), "a TSRequest field is not an explicit context tag");
                ASN1TaggedObject field = (ASN1TaggedObject) element;
                ASN1Primitive value = field.getExplicitBaseObject().toASN1Primitive();
                switch (field.getTagNo()) {
                    case TAG_VERSION -> {
                        BigInteger v = ASN1Integer.getInstance(value).getValue();
                        Bytes.require(v.signum() >= 0 && v.bitLength() < 16, "TSRequest version " + v + " is out of range");
                        version = v.intValue();
                    }
                    case TAG_NEGO_TOKENS -> {
                        ASN1Sequence data = ASN1Sequence.getInstance(value);
                        Bytes.require(data.size() <= MAX_TOKENS, "NegoData holds " + data.size() + " tokens");
                        for (ASN1Encodable item : data) {
                            ASN1Sequence tokenSeq = ASN1Sequence.getInstance(item);
                            Bytes.require(tokenSeq.size() >= 1, "an empty NegoData item");
                            ASN1TaggedObject tokenTag = ASN1TaggedObject.getInstance(tokenSeq.getObjectAt(0),
                                    BERTags.CONTEXT_SPECIFIC, TAG_NEGO_TOKEN);
                            tokens.add(ASN1OctetString.getInstance(tokenTag, true).getOctets());
                        }
                    }
                    case TAG_ERROR_CODE -> {
                        BigInteger code = ASN1Integer.getInstance(value).getValue();
                        Bytes.require(code.bitLength() <= 32, "errorCode " + code + " is wider than 32 bits");
                        errorCode = code.longValue() & 0xffffffffL;
                    }
                    case TAG_CLIENT_NONCE -> nonce = ASN1OctetString.getInstance(value).getOctets();
                    default -> {
                        // authInfo, pubKeyAuth, or a later version's field: nothing the probe needs
                    }
                }
            }
            Bytes.require(version != null, "the TSRequest has no version");
            return new TsRequest(version, tokens, Optional.ofNullable(errorCode), Optional.ofNullable(nonce));
        } catch (IllegalArgumentException | IllegalStateException | ClassCastException e) {
            throw new MalformedPduException("not a TSRequest: a field is missing or of the wrong ASN.1 type");
        }
    }

    /**
     * Reads one DER element from {@code in} (the TLS stream): the header first, so that a length
     * past {@code maxLength} is refused before anything is allocated.
     */
    public static byte[] read(InputStream in, int maxLength) throws IOException, MalformedPduException {
        int tag = readByte(in);
        Bytes.require(tag == (BERTags.SEQUENCE | BERTags.CONSTRUCTED),
                String.format("first byte 0x%02x is not a DER SEQUENCE (0x30)", tag));
        int first = readByte(in);
        long length;
        byte[] header;
        if (first < 0x80) {
            length = first;
            header = new byte[] {(byte) tag, (byte) first};
        } else {
            int count = first & 0x7f;
            Bytes.require(count != 0, "an indefinite length (0x80): BER streaming, which DER does not allow");
            Bytes.require(count <= 4, "DER length of " + count + " bytes");
            header = new byte[2 + count];
            header[0] = (byte) tag;
            header[1] = (byte) first;
            length = 0;
            for (int i = 0; i < count; i++) {
                int b = readByte(in);
                header[2 + i] = (byte) b;
                length = (length << 8) | b;
            }
        }
        Bytes.require(length + header.length <= maxLength,
                "the TSRequest announces " + length + " bytes, more than the " + maxLength + " accepted");
        byte[] whole = new byte[header.length + (int) length];
        System.arraycopy(header, 0, whole, 0, header.length);
        int off = header.length;
        while (off < whole.length) {
            int n = in.read(whole, off, whole.length - off);
            if (n < 0) {
                throw new EOFException("the connection ended " + (off - header.length) + " bytes into a "
                        + length + "-byte TSRequest");
            }
            off += n;
        }
        return whole;
    }

    private static int readByte(InputStream in) throws IOException {
        int b = in.read();
        if (b < 0) {
            throw new EOFException("the connection ended before a TSRequest");
        }
        return b;
    }
}
