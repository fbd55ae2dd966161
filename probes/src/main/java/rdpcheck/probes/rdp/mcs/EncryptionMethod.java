package rdpcheck.probes.rdp.mcs;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Standard RDP Security encryption methods (MS-RDPBCGR 2.2.1.3.3 encryptionMethods, 2.2.1.4.3
 * encryptionMethod), weakest first: RC4 with 40-, 56- and 128-bit keys, and FIPS 140-1 (3DES).
 */
public enum EncryptionMethod {
    BIT_40(0x00000001, "40-bit RC4", true),
    BIT_56(0x00000008, "56-bit RC4", true),
    BIT_128(0x00000002, "128-bit RC4", false),
    FIPS(0x00000010, "FIPS 140-1 (3DES)", false);

    /** ENCRYPTION_METHOD_NONE: what a server that encrypts nothing answers. */
    public static final int NONE = 0;

    private final int bit;
    private final String label;
    private final boolean weak;

    EncryptionMethod(int bit, String label, boolean weak) {
        this.bit = bit;
        this.label = label;
        this.weak = weak;
    }

    public int bit() {
        return bit;
    }

    public String label() {
        return label;
    }

    /** 40- and 56-bit RC4 keys can be searched exhaustively. */
    public boolean weak() {
        return weak;
    }

    public static Optional<EncryptionMethod> of(int value) {
        for (EncryptionMethod method : values()) {
            if (method.bit == value) {
                return Optional.of(method);
            }
        }
        return Optional.empty();
    }

    /** The methods set in a mask, weakest first. */
    public static List<EncryptionMethod> inMask(int mask) {
        List<EncryptionMethod> methods = new ArrayList<>();
        for (EncryptionMethod method : values()) {
            if ((mask & method.bit) != 0) {
                methods.add(method);
            }
        }
        return methods;
    }

    /** A server's encryptionMethod by name: "128-bit RC4", "none", or hex for values the spec does not define. */
    public static String describe(int value) {
        if (value == NONE) {
            return "none";
        }
        return of(value).map(EncryptionMethod::label).orElse(String.format("unknown (0x%08x)", value));
    }
}
