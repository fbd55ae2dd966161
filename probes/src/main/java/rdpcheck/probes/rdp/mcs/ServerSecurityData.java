package rdpcheck.probes.rdp.mcs;

import java.util.Optional;

import rdpcheck.probes.rdp.Bytes;
import rdpcheck.probes.rdp.MalformedPduException;

/**
 * TS_UD_SC_SEC1 (MS-RDPBCGR 2.2.1.4.3): the method and level the server chose, and the key
 * material Standard RDP Security uses.
 *
 * <pre>
 * header: type(2)=0x0C02 length(2) | encryptionMethod(4) | encryptionLevel(4)
 * [serverRandomLen(4) serverCertLen(4) serverRandom serverCertificate]   only when method and level are not 0
 * serverCertificate: dwVersion(4): bits 0..30 1 = proprietary (2.2.1.4.3.1.1), 2 = X.509 chain; bit 31 temporary
 * proprietary: dwSigAlgId(4) dwKeyAlgId(4) wPublicKeyBlobType(2) wPublicKeyBlobLen(2)
 *              RSA_PUBLIC_KEY: magic(4)="RSA1" keylen(4) bitlen(4) datalen(4) pubExp(4) modulus(keylen) ...
 * </pre>
 *
 * @param encryptionMethod the raw value (0 = none, else one {@link EncryptionMethod} bit)
 * @param encryptionLevel  the raw value (0..4, see {@link EncryptionLevel})
 * @param certificateType  "proprietary", "X.509" or absent
 * @param rsaKeyBits       the modulus size of a proprietary certificate's RSA key
 */
public record ServerSecurityData(int encryptionMethod, int encryptionLevel, int serverRandomLength,
                                 Optional<String> certificateType, Optional<Integer> rsaKeyBits) {

    static final int TYPE = 0x0C02;
    static final int OFFSET_METHOD = 4;
    static final int OFFSET_LEVEL = 8;
    static final int OFFSET_RANDOM_LEN = 12;
    static final int OFFSET_CERT_LEN = 16;
    static final int OFFSET_RANDOM = 20;
    static final int CERT_CHAIN_VERSION_1 = 1;
    static final int CERT_CHAIN_VERSION_2 = 2;
    static final int CERT_OFFSET_BITLEN = 24;
    static final int RSA1_MAGIC = 0x31415352;
    static final int CERT_OFFSET_MAGIC = 16;

    public Optional<EncryptionMethod> method() {
        return EncryptionMethod.of(encryptionMethod);
    }

    public Optional<EncryptionLevel> level() {
        return EncryptionLevel.of(encryptionLevel);
    }

    public String methodName() {
        return EncryptionMethod.describe(encryptionMethod);
    }

    public String levelName() {
        return level().map(EncryptionLevel::label).orElse(String.format("unknown (%d)", encryptionLevel));
    }

    static ServerSecurityData decode(byte[] block) throws MalformedPduException {
        Bytes.require(block.length >= OFFSET_RANDOM_LEN, "server security data of " + block.length + " bytes lacks method and level");
        int method = Bytes.intLE(block, OFFSET_METHOD);
        int level = Bytes.intLE(block, OFFSET_LEVEL);
        if (block.length < OFFSET_RANDOM) {
            return new ServerSecurityData(method, level, 0, Optional.empty(), Optional.empty());
        }
        long randomLen = Bytes.intLE(block, OFFSET_RANDOM_LEN) & 0xffffffffL;
        long certLen = Bytes.intLE(block, OFFSET_CERT_LEN) & 0xffffffffL;
        Bytes.require(OFFSET_RANDOM + randomLen + certLen <= block.length, "server random (" + randomLen
                + ") and certificate (" + certLen + ") run past the " + block.length + "-byte block");
        int cert = OFFSET_RANDOM + (int) randomLen;
        Optional<String> type = Optional.empty();
        Optional<Integer> bits = Optional.empty();
        if (certLen >= 4) {
            int version = Bytes.intLE(block, cert) & 0x7fffffff;
            if (version == CERT_CHAIN_VERSION_1) {
                type = Optional.of("proprietary");
                if (certLen >= CERT_OFFSET_BITLEN + 4 && Bytes.intLE(block, cert + CERT_OFFSET_MAGIC) == RSA1_MAGIC) {
                    bits = Optional.of(Bytes.intLE(block, cert + CERT_OFFSET_BITLEN));
                }
            } else if (version == CERT_CHAIN_VERSION_2) {
                type = Optional.of("X.509");
            } else {
                type = Optional.of("unknown (" + version + ")");
            }
        }
        return new ServerSecurityData(method, level, (int) randomLen, type, bits);
    }

    /** For the lab: method and level, with a 32-byte random and a proprietary certificate when they are not 0. */
    byte[] encode() {
        if (encryptionMethod == 0 && encryptionLevel == 0) {
            byte[] block = UserData.header(TYPE, OFFSET_RANDOM_LEN);
            return block;
        }
        int keyBytes = rsaKeyBits.orElse(512) / 8;
        int certLength = CERT_OFFSET_BITLEN + 4 + 8 + keyBytes + 8 + 4 + 72;
        byte[] block = UserData.header(TYPE, OFFSET_RANDOM + 32 + certLength);
        Bytes.putIntLE(block, OFFSET_METHOD, encryptionMethod);
        Bytes.putIntLE(block, OFFSET_LEVEL, encryptionLevel);
        Bytes.putIntLE(block, OFFSET_RANDOM_LEN, 32);
        Bytes.putIntLE(block, OFFSET_CERT_LEN, certLength);
        int cert = OFFSET_RANDOM + 32;
        Bytes.putIntLE(block, cert, CERT_CHAIN_VERSION_1);
        Bytes.putIntLE(block, cert + 4, 1);      // SIGNATURE_ALG_RSA
        Bytes.putIntLE(block, cert + 8, 1);      // KEY_EXCHANGE_ALG_RSA
        Bytes.putShortLE(block, cert + 12, 6);   // BB_RSA_KEY_BLOB
        Bytes.putShortLE(block, cert + 14, 20 + keyBytes + 8);
        Bytes.putIntLE(block, cert + CERT_OFFSET_MAGIC, RSA1_MAGIC);
        Bytes.putIntLE(block, cert + 20, keyBytes + 8);
        Bytes.putIntLE(block, cert + CERT_OFFSET_BITLEN, keyBytes * 8);
        return block;
    }
}
