package rdpcheck.probes.diagnosis;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One diagnosis as the knowledge base describes it (resource {@code rdpcheck/diagnosis/ID.yaml}):
 * templates for the words, the client messages it explains and the fix steps, reviewed like code.
 *
 * @param id          catalogue id; must equal the file name
 * @param severity    critical, warning, info or ok
 * @param confidence  certain, likely or possible: the default a rule may lower
 * @param layer       where in the connection the cause sits (dns 10 ... latency 90): root causes
 *                    earlier in the connection hide and outrank what follows from them
 * @param facts       the facts its templates use besides host, port and target: what its rule must supply
 * @param summary     the root cause in plain words, for the one-sentence verdict
 * @param codes       the client codes and messages it explains, short, for the verdict (may be empty)
 * @param hides       ids this diagnosis makes redundant when both are found
 * @param clients     the client-impact model: per client group key ({@link ClientGroup}), fails, warns,
 *                    unaffected or unknown; ranking and the report's "who can connect" lines come from it
 * @param claims      what the diagnosis asserts about the server ({@link Claim} keys): checked against
 *                    every finding, so no diagnosis can contradict what was seen
 * @param basis       the probes whose findings it rests on (their labels)
 */
record Playbook(
        String id,
        String severity,
        String confidence,
        int layer,
        List<String> facts,
        String summary,
        String codes,
        Map<String, String> clients,
        List<String> claims,
        List<String> basis,
        String title,
        String explanation,
        List<String> explains,
        List<String> hides,
        List<Step> steps) {

    Playbook {
        facts = facts == null ? List.of() : List.copyOf(facts);
        explains = explains == null ? List.of() : List.copyOf(explains);
        hides = hides == null ? List.of() : List.copyOf(hides);
        clients = clients == null ? Map.of() : Map.copyOf(clients);
        claims = claims == null ? List.of() : List.copyOf(claims);
        basis = basis == null ? List.of() : List.copyOf(basis);
        steps = steps == null ? List.of() : List.copyOf(steps);
        summary = summary == null ? "" : summary;
        codes = codes == null ? "" : codes;
        explanation = explanation == null ? "" : explanation;
    }

    /**
     * A fix step with templates: {@code command} (with its {@code shell}), {@code navigate} (a GUI
     * path, one element per level) or neither (a note); {@code access} is read-only, change or
     * destructive; {@code admin} when it needs an administrator.
     */
    record Step(String where, String action, String shell, String command, List<String> navigate, String access,
                Boolean admin, String verify, String when, String unless) {

        Step {
            navigate = navigate == null ? List.of() : List.copyOf(navigate);
            command = command == null ? "" : command;
            verify = verify == null ? "" : verify;
        }

        FixStep.Kind kind() {
            return !command.isBlank() ? FixStep.Kind.COMMAND : !navigate.isEmpty() ? FixStep.Kind.NAVIGATION : FixStep.Kind.NOTE;
        }

        /** What is wrong with the step as written; empty when it is well-formed. */
        List<String> problems() {
            List<String> problems = new java.util.ArrayList<>();
            if (!command.isBlank() && !navigate.isEmpty()) {
                problems.add("a step is a command or a navigation path, not both: " + action);
            }
            if (!command.isBlank() && shell == null) {
                problems.add("a command needs its shell (powershell, cmd, bash): " + action);
            }
            if (command.isBlank() && shell != null) {
                problems.add("a shell without a command: " + action);
            }
            if (access == null) {
                problems.add("access (read-only, change or destructive) is missing: " + action);
            }
            for (String level : navigate) {
                if (level.contains(" > ")) {
                    problems.add("a navigation level holds ' > ' (one level per list item): " + level);
                }
            }
            try {
                if (shell != null) {
                    FixStep.Shell.of(shell);
                }
                if (access != null) {
                    FixStep.Access.of(access);
                }
            } catch (IllegalArgumentException e) {
                problems.add(e.getMessage());
            }
            return problems;
        }

        /**
         * Whether the step applies: {@code when: selfSigned} needs that fact to be {@code yes},
         * {@code unless: selfSigned} needs it not to be; a condition on a fact the rule did not
         * supply is a bug in the playbook, so it fails loudly like a template would.
         */
        boolean applies(Map<String, String> facts) {
            return (when == null || "yes".equals(condition(when, facts))) && (unless == null || !"yes".equals(condition(unless, facts)));
        }

        private static String condition(String fact, Map<String, String> facts) {
            String value = facts.get(fact);
            if (value == null) {
                throw new IllegalStateException("no fact '" + fact + "' for a step's condition");
            }
            return value;
        }

        FixStep render(Map<String, String> facts) {
            return new FixStep(Template.fill(where, facts), Template.fill(action, facts), kind(),
                    shell == null ? FixStep.Shell.NONE : FixStep.Shell.of(shell), Template.fill(command, facts),
                    navigate.stream().map(level -> Template.fill(level, facts)).toList(),
                    FixStep.Access.of(access), Boolean.TRUE.equals(admin), Template.fill(verify, facts));
        }
    }

    Severity severityValue() {
        return Severity.valueOf(severity.toUpperCase(Locale.ROOT));
    }

    Confidence confidenceValue() {
        return Confidence.valueOf(confidence.toUpperCase(Locale.ROOT));
    }

    /** The impact model, typed; a key that names no group or impact is a defect in the resource. */
    Map<ClientGroup, ClientImpact> clientImpacts() {
        Map<ClientGroup, ClientImpact> out = new java.util.EnumMap<>(ClientGroup.class);
        clients.forEach((key, value) -> out.put(ClientGroup.ofKey(key)
                .orElseThrow(() -> new IllegalStateException(id + ": no client group " + key)), ClientImpact.ofKey(value)));
        return out;
    }

    List<Claim> claimValues() {
        return claims.stream().map(key -> Claim.ofKey(key)
                .orElseThrow(() -> new IllegalStateException(id + ": no claim " + key))).toList();
    }

    long failing() {
        return clients.values().stream().filter("fails"::equals).count();
    }

    long warning() {
        return clients.values().stream().filter("warns"::equals).count();
    }

    /** The diagnosis for one rule match: every template filled from the facts. */
    Diagnosis render(Match match) {
        Map<String, String> facts = match.facts();
        List<FixStep> fix = steps.stream().filter(s -> s.applies(facts)).map(s -> s.render(facts)).toList();
        List<String> filledExplains = explains.stream().map(e -> Template.fill(e, facts)).toList();
        return new Diagnosis(id,
                match.severity().orElse(severityValue()),
                match.confidence().orElse(confidenceValue()),
                Template.fill(title, facts),
                Template.fill(explanation, facts).strip(),
                match.evidence(),
                filledExplains,
                fix,
                basis,
                clientImpacts());
    }

    String renderSummary(Map<String, String> facts) {
        return Template.fill(summary, facts).strip();
    }

    String renderCodes(Map<String, String> facts) {
        return Template.fill(codes, facts).strip();
    }
}
