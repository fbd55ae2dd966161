package rdpcheck.probes.net;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * How to ask the system resolver for exactly one name. A final dot stops glibc from appending
 * search domains, but the hosts file does not match a name written with it, so a name the hosts
 * file lists is asked as it is (the files source answers before DNS, without search domains).
 * With {@code jdk.net.hosts.file} set the JDK reads only that file and appends nothing either.
 */
final class HostsFile {

    /** /etc/hosts is a few lines; a larger file is not read further. */
    static final int MAX_BYTES = 256 * 1024;

    private HostsFile() {
    }

    /** The query that resolves {@code name} and no other name. */
    static String exact(String name) {
        if (System.getProperty("jdk.net.hosts.file") != null || lists(Path.of("/etc/hosts"), name)) {
            return name;
        }
        return name.endsWith(".") ? name : name + ".";
    }

    static boolean lists(Path file, String name) {
        String text;
        try (InputStream in = Files.newInputStream(file)) {
            text = new String(in.readNBytes(MAX_BYTES), StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            return false;
        }
        String wanted = name.toLowerCase(Locale.ROOT);
        for (String line : text.split("\n")) {
            int comment = line.indexOf('#');
            String[] words = (comment >= 0 ? line.substring(0, comment) : line).strip().split("\\s+");
            for (int i = 1; i < words.length; i++) {
                if (words[i].toLowerCase(Locale.ROOT).equals(wanted)) {
                    return true;
                }
            }
        }
        return false;
    }
}
