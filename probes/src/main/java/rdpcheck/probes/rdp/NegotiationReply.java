package rdpcheck.probes.rdp;

import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

import rdpcheck.probes.net.TcpState;

/** How a server answered one X.224 Connection Request: every way it can go, none of them an exception. */
@JsonTypeInfo(use = JsonTypeInfo.Id.SIMPLE_NAME, property = "kind")
public sealed interface NegotiationReply {

    /** One line for reports, e.g. {@code RDP_NEG_RSP selectedProtocol=PROTOCOL_SSL}. */
    String describe();

    /** Nothing came back on the connection (no connect, silence, a close): not an answer, not even a refusal. */
    default boolean unanswered() {
        return this instanceof ConnectFailed || this instanceof Silent || this instanceof Closed;
    }

    /** RDP_NEG_RSP: the server chose a protocol. */
    record Selected(int selectedProtocol, int flags) implements NegotiationReply {
        public Optional<Protocol> protocol() {
            return Protocol.fromSelected(selectedProtocol);
        }

        @JsonProperty("protocolName")
        public String protocolName() {
            return protocol().map(Enum::name).orElse(String.format("unknown (0x%x)", selectedProtocol));
        }

        @JsonProperty("flagNames")
        public List<String> flagNames() {
            return ResponseFlag.namesOf(flags);
        }

        public boolean is(Protocol wanted) {
            return selectedProtocol == wanted.bits();
        }

        @Override
        public String describe() {
            String flagText = flags == 0 ? "" : " flags=" + String.join("|", flagNames());
            return "RDP_NEG_RSP selectedProtocol=" + protocolName() + flagText;
        }
    }

    /** RDP_NEG_FAILURE: the server refused what was asked and said why. */
    record Refused(int failureCode) implements NegotiationReply {
        public Optional<FailureCode> code() {
            return FailureCode.of(failureCode);
        }

        @JsonProperty("failureName")
        public String failureName() {
            return code().map(Enum::name).orElse(String.format("unknown failure code 0x%x", failureCode));
        }

        public boolean is(FailureCode wanted) {
            return failureCode == wanted.code();
        }

        @Override
        public String describe() {
            return "RDP_NEG_FAILURE " + failureName() + code().map(c -> ": " + c.meaning()).orElse("");
        }
    }

    /** A Connection Confirm with no negotiation data: a server older than Windows Server 2003 SP1 / Vista. */
    record NoNegotiationData() implements NegotiationReply {
        @Override
        public String describe() {
            return "X.224 Connection Confirm without negotiation data (Standard RDP Security only, pre-Vista server)";
        }
    }

    /** A disconnect (X.224 Disconnect Request, MCS Disconnect Provider Ultimatum) instead of a confirm. */
    record Disconnected(String how) implements NegotiationReply {
        @Override
        public String describe() {
            return how + ": the server ended the connection instead of confirming it";
        }
    }

    /** Bytes that are not TPKT: another service listens on the port. */
    record NotRdp(String looksLike, int bytesSeen, String hexPreview, String textPreview) implements NegotiationReply {
        @Override
        public String describe() {
            // A text protocol is shown as its first line ("HTTP/1.1 400 Bad Request"): hex helps nobody there.
            String line = firstLine();
            return "sent " + bytesSeen + " bytes that are not TPKT (" + looksLike + "): "
                    + (line.isEmpty() ? hexPreview : '"' + line + '"');
        }

        /** The reply's first line when it starts as printable text (4 characters at least); empty otherwise. */
        public String firstLine() {
            int end = 0;
            String hex = hexPreview.endsWith("...") ? hexPreview.substring(0, hexPreview.length() - 3) : hexPreview;
            if (hex.length() % 2 != 0 || !hex.matches("[0-9a-fA-F]*")) {
                return "";
            }
            byte[] raw = java.util.HexFormat.of().parseHex(hex);
            while (end < raw.length && raw[end] >= 0x20 && raw[end] < 0x7f) {
                end++;
            }
            boolean lineEnds = end == raw.length || raw[end] == '\r' || raw[end] == '\n';
            return end >= 4 && lineEnds ? new String(raw, 0, end, java.nio.charset.StandardCharsets.US_ASCII) : "";
        }
    }

    /** TPKT framing, but the X.224 or negotiation data inside is broken. */
    record Malformed(String problem, String hexPreview) implements NegotiationReply {
        @Override
        public String describe() {
            return "malformed Connection Confirm: " + problem + " [" + hexPreview + "]";
        }
    }

    /** The connection stayed open and the server sent nothing. */
    record Silent(long waitedMillis) implements NegotiationReply {
        @Override
        public String describe() {
            return "no reply within " + waitedMillis + " ms (the server accepted TCP and said nothing)";
        }
    }

    /** The server closed the connection (FIN or RST) without a byte. */
    record Closed(String how) implements NegotiationReply {
        @Override
        public String describe() {
            return "the server closed the connection without replying (" + how + ")";
        }
    }

    /** This attempt's TCP connect itself failed. */
    record ConnectFailed(TcpState state, String detail) implements NegotiationReply {
        @Override
        public String describe() {
            return "TCP connect failed: " + detail;
        }
    }
}
