package rdpcheck.probes.diagnosis;

/**
 * One numbered step of a fix.
 *
 * @param where   the machine it runs on: {@code server}, {@code client}, {@code domain controller}, {@code network}
 * @param action  what to do, in words
 * @param command the exact command, registry path, console path or Group Policy path
 * @param verify  how to tell it worked
 */
public record FixStep(String where, String action, String command, String verify) {
}
