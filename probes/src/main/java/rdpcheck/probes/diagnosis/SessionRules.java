package rdpcheck.probes.diagnosis;

import java.util.List;
import java.util.Optional;

import rdpcheck.probes.tls.SessionAnswer;
import rdpcheck.probes.rdp.mcs.SessionProbe;

/** Rules on the MCS connection held after a TLS-only handshake: a server that stops on the way to the logon. */
final class SessionRules {

    private SessionRules() {
    }

    static List<Rule> all() {
        return List.of(SessionRules::stalled);
    }

    static Optional<Match> stalled(Observations seen) {
        return seen.result(SessionProbe.ID)
                .filter(answer -> answer.stoppedAt().isPresent())
                .map(answer -> {
                    String reached = answer.completed().isEmpty() ? "the TLS handshake"
                            : "the " + answer.completed().get(answer.completed().size() - 1);
                    String how = answer.how().orElse("no answer");
                    return seen.match("rdp.session-stalled")
                            .fact("step", answer.stoppedAt().get())
                            .fact("how", how)
                            .fact("reached", reached)
                            .evidence("session: TLS (" + answer.version().label() + ") then "
                                    + (answer.completed().isEmpty() ? "nothing" : String.join(", ", answer.completed()))
                                    + "; waiting for the " + answer.stoppedAt().get() + ": " + how)
                            .build();
                });
    }
}
