package rdpcheck.chat.policy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The names the system resolver may actually look up for what a user typed: the name as given and
 * the name with each search domain appended (resolv.conf {@code search}/{@code domain}, or
 * {@code LOCALDOMAIN}). glibc tries them in an order that depends on {@code ndots}, so the policy
 * judges every one: {@code secret} with search domain {@code corp.example} may resolve as
 * {@code secret.corp.example}, and a deny rule for that name must catch it.
 */
public final class SearchDomains {

    /** resolv.conf is a few lines; a larger file is not read further. */
    static final int MAX_BYTES = 64 * 1024;
    /** glibc uses at most six search domains. */
    static final int MAX_DOMAINS = 6;

    private final List<String> domains;
    /** resolv.conf {@code options ndots:N}: a name with fewer dots is tried under the search domains first. */
    private final int ndots;

    public SearchDomains(List<String> domains) {
        this(domains, 1);
    }

    public SearchDomains(List<String> domains, int ndots) {
        this.ndots = Math.max(0, Math.min(15, ndots)); // glibc caps ndots at 15
        List<String> clean = new ArrayList<>();
        for (String domain : domains) {
            String d = domain.strip().toLowerCase(Locale.ROOT);
            while (d.endsWith(".")) {
                d = d.substring(0, d.length() - 1);
            }
            if (!d.isEmpty() && clean.size() < MAX_DOMAINS) {
                clean.add(d);
            }
        }
        this.domains = List.copyOf(clean);
    }

    public static SearchDomains none() {
        return new SearchDomains(List.of());
    }

    /** This machine's: {@code LOCALDOMAIN} if set, else the last {@code search} or {@code domain} line of /etc/resolv.conf. */
    public static SearchDomains system() {
        SearchDomains conf = fromResolvConf(Path.of("/etc/resolv.conf"));
        String local = System.getenv("LOCALDOMAIN");
        int ndots = ndots(System.getenv("RES_OPTIONS")).orElse(conf.ndots);
        return new SearchDomains(local != null ? List.of(local.strip().split("\\s+")) : conf.domains, ndots);
    }

    /** {@code ndots:N} among resolver options (a resolv.conf {@code options} line, or {@code RES_OPTIONS}). */
    static java.util.OptionalInt ndots(String options) {
        if (options == null) {
            return java.util.OptionalInt.empty();
        }
        java.util.OptionalInt found = java.util.OptionalInt.empty();
        for (String option : options.strip().split("\\s+")) {
            if (option.matches("ndots:\\d{1,3}")) {
                found = java.util.OptionalInt.of(Integer.parseInt(option.substring(6)));
            }
        }
        return found;
    }

    static SearchDomains fromResolvConf(Path file) {
        String text;
        try (InputStream in = Files.newInputStream(file)) {
            text = new String(in.readNBytes(MAX_BYTES), StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            return none(); // no resolv.conf: the resolver has no search list either
        }
        List<String> found = List.of();
        int ndots = 1;
        for (String line : text.split("\n")) {
            String[] words = line.strip().split("\\s+");
            if (words.length > 1 && (words[0].equals("search") || words[0].equals("domain"))) {
                found = List.of(words).subList(1, words.length); // the last one wins, as in glibc
            }
            if (words.length > 1 && words[0].equals("options")) {
                ndots = ndots(line.strip().substring("options".length())).orElse(ndots);
            }
        }
        return new SearchDomains(found, ndots);
    }

    public List<String> domains() {
        return domains;
    }

    public int ndots() {
        return ndots;
    }

    /**
     * The names glibc tries for {@code host}, in its order: the name as given first when it has at
     * least {@code ndots} dots, else the search domains first and the name as given last.
     */
    public List<String> lookupOrder(String host) {
        String name = host.toLowerCase(Locale.ROOT);
        if (name.endsWith(".")) {
            return List.of(name.substring(0, name.length() - 1));
        }
        List<String> expanded = new ArrayList<>();
        for (String domain : domains) {
            expanded.add(name + "." + domain);
        }
        List<String> order = new ArrayList<>();
        boolean asGivenFirst = name.chars().filter(c -> c == '.').count() >= ndots;
        if (asGivenFirst) {
            order.add(name);
        }
        order.addAll(expanded);
        if (!asGivenFirst) {
            order.add(name);
        }
        return List.copyOf(new LinkedHashSet<>(order));
    }

    /** Every name a lookup of {@code host} may resolve; only the name itself when it ends with a dot. */
    public Set<String> candidates(String host) {
        Set<String> names = new LinkedHashSet<>();
        String name = host.toLowerCase(Locale.ROOT);
        if (name.endsWith(".")) {
            names.add(name.substring(0, name.length() - 1));
            return names;
        }
        names.add(name);
        for (String domain : domains) {
            names.add(name + "." + domain);
        }
        return names;
    }
}
