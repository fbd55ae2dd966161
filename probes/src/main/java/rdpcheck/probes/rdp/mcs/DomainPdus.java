package rdpcheck.probes.rdp.mcs;

import java.util.Optional;

import rdpcheck.probes.rdp.Bytes;
import rdpcheck.probes.rdp.MalformedPduException;

/**
 * The T.125 domain PDUs of the connection sequence after the Connect-Response (MS-RDPBCGR 2.2.1.5
 * to 2.2.1.8, ALIGNED PER), each inside an X.224 Data TPDU: what a client sends to erect the
 * domain, attach its user and join its channels, and the server's confirms. A DomainMCSPDU starts
 * with its CHOICE index in the top six bits of the first byte; an optional field's presence is the
 * next bit.
 *
 * <pre>
 * Erect Domain Request      04 | subHeight 01 00 | subInterval 01 00
 * Attach User Request       28
 * Attach User Confirm       2E | result(1) | initiator(2, user id - 1001)
 * Channel Join Request      38 | initiator(2, user id - 1001) | channelId(2)
 * Channel Join Confirm      3E | result(1) | initiator(2, - 1001) | requested(2) | channelId(2)
 * Disconnect Provider Ult.  21 80                     (reason rn-user-requested)
 * </pre>
 */
public final class DomainPdus {

    static final int ERECT_DOMAIN_REQUEST = 1;
    static final int DISCONNECT_PROVIDER_ULTIMATUM = 8;
    static final int ATTACH_USER_REQUEST = 10;
    static final int ATTACH_USER_CONFIRM = 11;
    static final int CHANNEL_JOIN_REQUEST = 14;
    static final int CHANNEL_JOIN_CONFIRM = 15;
    /** The CHOICE indexes the lab hosts look for. */
    public static final int ERECT_DOMAIN_REQUEST_CHOICE = ERECT_DOMAIN_REQUEST;
    public static final int ATTACH_USER_REQUEST_CHOICE = ATTACH_USER_REQUEST;
    public static final int CHANNEL_JOIN_REQUEST_CHOICE = CHANNEL_JOIN_REQUEST;
    /** T.125 UserId is a ChannelId constrained to 1001..65535: PER sends the offset from 1001. */
    static final int USER_ID_BASE = 1001;
    static final int RT_SUCCESSFUL = 0;

    private DomainPdus() {
    }

    public static byte[] erectDomainRequest() {
        return X224Data.wrap(new byte[] {(byte) (ERECT_DOMAIN_REQUEST << 2), 1, 0, 1, 0});
    }

    public static byte[] attachUserRequest() {
        return X224Data.wrap(new byte[] {(byte) (ATTACH_USER_REQUEST << 2)});
    }

    public static byte[] channelJoinRequest(int userId, int channelId) {
        int initiator = userId - USER_ID_BASE;
        return X224Data.wrap(new byte[] {(byte) (CHANNEL_JOIN_REQUEST << 2), (byte) (initiator >> 8), (byte) initiator,
                (byte) (channelId >> 8), (byte) channelId});
    }

    /** The polite goodbye: the client ends the MCS domain (reason rn-user-requested). */
    public static byte[] disconnectProviderUltimatum() {
        return X224Data.wrap(new byte[] {(byte) (DISCONNECT_PROVIDER_ULTIMATUM << 2 | 1), (byte) 0x80});
    }

    /** The CHOICE index of a domain PDU (the X.224 payload). */
    static int choice(byte[] pdu) throws MalformedPduException {
        Bytes.require(pdu.length >= 1, "an empty MCS PDU");
        return (pdu[0] & 0xff) >> 2;
    }

    /** The server's answer to the Attach User Request. */
    public record AttachUserConfirm(int result, Optional<Integer> userId) {
        static final int LENGTH_WITH_INITIATOR = 4;

        public static AttachUserConfirm decode(byte[] pdu) throws MalformedPduException {
            require(pdu, ATTACH_USER_CONFIRM, "Attach User Confirm");
            Bytes.require(pdu.length >= 2, "Attach User Confirm without a result");
            boolean hasInitiator = (pdu[0] & 0x02) != 0;
            Optional<Integer> user = Optional.empty();
            if (hasInitiator) {
                Bytes.require(pdu.length >= LENGTH_WITH_INITIATOR, "Attach User Confirm cut short in its user id");
                user = Optional.of(USER_ID_BASE + ((pdu[2] & 0xff) << 8 | pdu[3] & 0xff));
            }
            return new AttachUserConfirm(pdu[1] & 0xff, user);
        }
    }

    /** The server's answer to one Channel Join Request. */
    public record ChannelJoinConfirm(int result, int userId, int requested, Optional<Integer> channelId) {
        static final int LENGTH = 6;
        static final int LENGTH_WITH_CHANNEL = 8;

        public static ChannelJoinConfirm decode(byte[] pdu) throws MalformedPduException {
            require(pdu, CHANNEL_JOIN_CONFIRM, "Channel Join Confirm");
            Bytes.require(pdu.length >= LENGTH, "Channel Join Confirm of " + pdu.length + " bytes");
            boolean hasChannel = (pdu[0] & 0x02) != 0 && pdu.length >= LENGTH_WITH_CHANNEL;
            return new ChannelJoinConfirm(pdu[1] & 0xff, USER_ID_BASE + ((pdu[2] & 0xff) << 8 | pdu[3] & 0xff),
                    (pdu[4] & 0xff) << 8 | pdu[5] & 0xff,
                    hasChannel ? Optional.of((pdu[6] & 0xff) << 8 | pdu[7] & 0xff) : Optional.empty());
        }
    }

    private static void require(byte[] pdu, int expected, String name) throws MalformedPduException {
        int choice = choice(pdu);
        if (choice == DISCONNECT_PROVIDER_ULTIMATUM) {
            throw new MalformedPduException("the server ended the MCS domain (Disconnect Provider Ultimatum) instead of an "
                    + name);
        }
        Bytes.require(choice == expected, "DomainMCSPDU " + choice + " where an " + name + " (" + expected + ") belongs");
    }

    // --- server side, for the lab hosts ------------------------------------------------------------

    public static byte[] attachUserConfirm(int userId) {
        int initiator = userId - USER_ID_BASE;
        return X224Data.wrap(new byte[] {(byte) (ATTACH_USER_CONFIRM << 2 | 0x02), RT_SUCCESSFUL,
                (byte) (initiator >> 8), (byte) initiator});
    }

    /** The confirm of the join request {@code request} (a whole TPKT), granting it; empty when it is not one. */
    public static Optional<byte[]> channelJoinConfirmFor(byte[] request) throws MalformedPduException {
        byte[] pdu = X224Data.unwrap(request);
        if (choice(pdu) != CHANNEL_JOIN_REQUEST || pdu.length < 5) {
            return Optional.empty();
        }
        return Optional.of(X224Data.wrap(new byte[] {(byte) (CHANNEL_JOIN_CONFIRM << 2 | 0x02), RT_SUCCESSFUL,
                pdu[1], pdu[2], pdu[3], pdu[4], pdu[3], pdu[4]}));
    }

    /** The CHOICE of the domain PDU in a whole TPKT, for the lab hosts. */
    public static int choiceOf(byte[] packet) throws MalformedPduException {
        return choice(X224Data.unwrap(packet));
    }
}
