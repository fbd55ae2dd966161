package rdpcheck.probes.diagnosis;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * One numbered step of a fix: a command to paste (in a named shell), a place to go in a GUI (a
 * path, never something to paste: in cmd every {@code >} of "certlm.msc > Personal" is a
 * redirect), or a note. Each says whether it only reads or changes something, and whether it needs
 * an administrator.
 *
 * @param where   the machine it runs on: {@code server}, {@code client}, {@code domain controller}, {@code network}
 * @param action  what to do, in words
 * @param kind    command, navigation or note
 * @param shell   the shell a command runs in; {@code NONE} for navigation and notes
 * @param command the exact command (one per line) for {@code COMMAND}; empty otherwise
 * @param path    the GUI path, one element per level, for {@code NAVIGATION}; empty otherwise
 * @param access  read-only, change or destructive
 * @param admin   needs an administrator (elevated shell, admin rights on the machine)
 * @param verify  how to tell it worked
 */
public record FixStep(String where, String action, Kind kind, Shell shell, String command, List<String> path,
                      Access access, boolean admin, String verify) {

    public FixStep {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(shell, "shell");
        Objects.requireNonNull(access, "access");
        command = command == null ? "" : command;
        path = path == null ? List.of() : List.copyOf(path);
        verify = verify == null ? "" : verify;
    }

    /** A change command in PowerShell: for tests and code that builds steps by hand. */
    public FixStep(String where, String action, String command, String verify) {
        this(where, action, command.isBlank() ? Kind.NOTE : Kind.COMMAND, command.isBlank() ? Shell.NONE : Shell.POWERSHELL,
                command, List.of(), Access.CHANGE, false, verify);
    }

    /** The path as people write it in prose: {@code certlm.msc → Personal → Certificates}. */
    public String pathText() {
        return String.join(" → ", path);
    }

    /** {@code server · read-only}, {@code client · change · admin}. */
    public String marks() {
        return where + " · " + access.word() + (admin ? " · admin" : "");
    }

    public enum Kind {
        COMMAND, NAVIGATION, NOTE;

        @JsonValue
        public String word() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public enum Shell {
        POWERSHELL("PowerShell"), CMD("cmd"), BASH("bash"), NONE("");

        private final String label;

        Shell(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }

        @JsonValue
        public String word() {
            return name().toLowerCase(Locale.ROOT);
        }

        static Shell of(String word) {
            for (Shell shell : values()) {
                if (shell.word().equals(word)) {
                    return shell;
                }
            }
            throw new IllegalArgumentException("unknown shell '" + word + "' (powershell, cmd or bash)");
        }
    }

    public enum Access {
        READ_ONLY("read-only"), CHANGE("change"), DESTRUCTIVE("destructive");

        private final String word;

        Access(String word) {
            this.word = word;
        }

        @JsonValue
        public String word() {
            return word;
        }

        static Access of(String word) {
            for (Access access : values()) {
                if (access.word.equals(word)) {
                    return access;
                }
            }
            throw new IllegalArgumentException("unknown access '" + word + "' (read-only, change or destructive)");
        }
    }
}
