package rdpcheck.probes.rdp.mcs;

import com.fasterxml.jackson.annotation.JsonTypeInfo;

import rdpcheck.probes.rdp.NegotiationReply;

/** How a server answered one Connect-Initial offering one encryption method: every way it can go, none an exception. */
@JsonTypeInfo(use = JsonTypeInfo.Id.SIMPLE_NAME, property = "kind")
public sealed interface MethodReply {

    String describe();

    /** A Connect-Response: the server's choice is in its security data. */
    record Answered(McsConnectResponse response) implements MethodReply {
        @Override
        public String describe() {
            if (!response.successful()) {
                return "Connect-Response " + response.resultName() + " (GCC result " + response.gccResult() + ")";
            }
            String method = response.security().map(ServerSecurityData::methodName).orElse("no security data");
            String level = response.security().map(s -> ", level " + s.levelName()).orElse("");
            return "Connect-Response: method " + method + level;
        }
    }

    /** The server ended the connection instead of answering: FIN, RST, X.224 or MCS disconnect. */
    record Refused(String how) implements MethodReply {
        @Override
        public String describe() {
            return "the server ended the connection (" + how + ")";
        }
    }

    record Silent(long waitedMillis) implements MethodReply {
        @Override
        public String describe() {
            return "no Connect-Response within " + waitedMillis + " ms";
        }
    }

    record Malformed(String problem, String hexPreview) implements MethodReply {
        @Override
        public String describe() {
            return "malformed Connect-Response: " + problem + " [" + hexPreview + "]";
        }
    }

    /** The X.224 step before MCS did not select Standard RDP Security. */
    record NotNegotiated(NegotiationReply reply) implements MethodReply {
        @Override
        public String describe() {
            return "Standard RDP Security was not selected: " + reply.describe();
        }
    }
}
