package rdpcheck.probes.nla;

import java.util.Optional;

import rdpcheck.probes.rdp.Bytes;
import rdpcheck.probes.rdp.MalformedPduException;

/**
 * The NTLM VERSION structure (MS-NLMP 2.2.2.10): the Windows version of the sender. Windows
 * fills it from the running OS, so in a CHALLENGE it names the server's release.
 *
 * <pre>
 * ProductMajorVersion(1) ProductMinorVersion(1) ProductBuild(2 LE) Reserved(3) NTLMRevisionCurrent(1)
 * </pre>
 */
public record NtlmVersion(int major, int minor, int build, int ntlmRevision) {

    public static final int LENGTH = 8;
    static final int OFFSET_MAJOR = 0;
    static final int OFFSET_MINOR = 1;
    static final int OFFSET_BUILD = 2;
    static final int OFFSET_REVISION = 7;
    /** NTLMSSP_REVISION_W2K3, the only revision Windows has sent since Server 2003. */
    public static final int NTLMSSP_REVISION_W2K3 = 0x0F;

    public NtlmVersion {
        if (major < 0 || major > 0xff || minor < 0 || minor > 0xff || build < 0 || build > 0xffff
                || ntlmRevision < 0 || ntlmRevision > 0xff) {
            throw new IllegalArgumentException("VERSION fields out of range");
        }
    }

    static NtlmVersion decode(byte[] data, int at) throws MalformedPduException {
        Bytes.require(at >= 0 && data.length - at >= LENGTH, "VERSION needs 8 bytes at offset " + at
                + ", the message has " + data.length);
        return new NtlmVersion(data[at + OFFSET_MAJOR] & 0xff, data[at + OFFSET_MINOR] & 0xff,
                Bytes.shortLE(data, at + OFFSET_BUILD), data[at + OFFSET_REVISION] & 0xff);
    }

    void encodeInto(byte[] data, int at) {
        data[at + OFFSET_MAJOR] = (byte) major;
        data[at + OFFSET_MINOR] = (byte) minor;
        Bytes.putShortLE(data, at + OFFSET_BUILD, build);
        data[at + OFFSET_REVISION] = (byte) ntlmRevision;
    }

    /** "10.0.17763", the form {@code winver} and nmap print. */
    public String number() {
        return major + "." + minor + "." + build;
    }

    /** The Windows release this version belongs to, when the build is one Microsoft shipped. */
    public Optional<WindowsRelease> release() {
        return WindowsRelease.of(major, minor, build);
    }

    @Override
    public String toString() {
        return number() + " (NTLM revision " + ntlmRevision + ")";
    }
}
