package rdpcheck.probes;

import java.net.IDN;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.regex.Pattern;

import rdpcheck.config.SecretShapes;

/**
 * Turns what a user typed into a {@link Target}: {@code host}, {@code host:port}, IPv4,
 * {@code [IPv6]:port}, bare IPv6 and internationalised names; {@code HOST gateway} (an RD Gateway,
 * port 443 unless given) and {@code HOST via GATEWAY[:PORT]} (a host behind an RD Gateway). Everything
 * else is refused with a message that says what is wrong; nothing here touches the network.
 */
public final class TargetParser {

    static final int MAX_INPUT_LENGTH = 300;
    static final int MAX_NAME_LENGTH = 253;
    static final int MAX_LABEL_LENGTH = 63;

    private static final Pattern IPV4 = Pattern.compile(
            "(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
    private static final Pattern LDH_LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]*[a-z0-9])?");
    private static final Pattern IPV6_CHARS = Pattern.compile("[0-9a-fA-F:.]+");
    private static final Pattern PORT = Pattern.compile("\\d{1,5}");

    /** Said when a target looks like a credential; shared with the bot's check of the configured secrets. */
    public static final String SECRET_REFUSAL = "that looks like a token or secret (Slack xox…/xapp…, Discord, JWT, bearer),"
            + " not a host name: it was not looked up, checked or posted. If it is a real one, revoke it";

    private TargetParser() {
    }

    /** After a host: the host is an RD Gateway. */
    public static final String GATEWAY_WORD = "gateway";
    /** Between a host and the RD Gateway it is reached through. */
    public static final String VIA_WORD = "via";

    public static Target parse(String input) throws InvalidTargetException {
        if (input != null && !input.isBlank() && input.length() <= MAX_INPUT_LENGTH * 2 + 5 && !SecretShapes.found(input)) {
            String[] words = input.strip().split("\\s+");
            if (words.length == 2 && words[1].equalsIgnoreCase(GATEWAY_WORD)) {
                return parseHost(words[0], Route.GATEWAY_PORT).withRoute(Route.GATEWAY, words[0] + " " + GATEWAY_WORD);
            }
            if (words.length == 3 && words[1].equalsIgnoreCase(VIA_WORD)) {
                return via(words[0], words[2]);
            }
            if (words.length > 1 && (words[words.length - 1].equalsIgnoreCase(VIA_WORD)
                    || words[0].equalsIgnoreCase(VIA_WORD))) {
                throw new InvalidTargetException("'via' goes between a host and its RD Gateway: HOST via GATEWAY[:PORT]");
            }
        }
        return parseHost(input, Target.DEFAULT_PORT);
    }

    /** {@code host} (port 3389 unless given) reached through the RD Gateway {@code gateway} (port 443 unless given). */
    public static Target via(String host, String gateway) throws InvalidTargetException {
        Target target = parseHost(host, Target.DEFAULT_PORT);
        Target through;
        try {
            through = parseHost(gateway, Route.GATEWAY_PORT);
        } catch (InvalidTargetException e) {
            throw new InvalidTargetException("the RD Gateway: " + ProbeText.of(e));
        }
        return target.withRoute(new Route.Via(through.host(), through.port()),
                host.strip() + " " + VIA_WORD + " " + gateway.strip());
    }

    /** {@code host} as an RD Gateway to check itself (port 443 unless given). */
    public static Target gateway(String host) throws InvalidTargetException {
        return parseHost(host, Route.GATEWAY_PORT).withRoute(Route.GATEWAY, host.strip() + " " + GATEWAY_WORD);
    }

    private static Target parseHost(String input, int defaultPort) throws InvalidTargetException {
        if (input == null || input.isBlank()) {
            throw new InvalidTargetException("no host given: type a host name or address, e.g. rdp01.corp or 10.0.0.5:3389");
        }
        String text = input.strip();
        if (text.length() > MAX_INPUT_LENGTH) {
            throw new InvalidTargetException("the target is " + text.length() + " characters long; a host name has at most "
                    + MAX_NAME_LENGTH);
        }
        if (SecretShapes.found(text)) {
            // Never repeated back: the refusal may be shown where the user did not mean to paste it.
            throw new InvalidTargetException(SECRET_REFUSAL);
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c) || Character.isISOControl(c)) {
                throw new InvalidTargetException("the target contains a space or control character; give one host at a time");
            }
            if ("<>&|;`$'\"\\(){}*?!#,=@/%^~".indexOf(c) >= 0) {
                throw new InvalidTargetException("the target contains '" + c + "', which no host name or address has");
            }
        }

        String host;
        String portText = null;
        if (text.startsWith("[")) {
            int close = text.indexOf(']');
            if (close < 0) {
                throw new InvalidTargetException("'" + text + "' opens '[' for an IPv6 address but never closes it");
            }
            host = text.substring(1, close);
            String rest = text.substring(close + 1);
            if (!rest.isEmpty()) {
                if (!rest.startsWith(":")) {
                    throw new InvalidTargetException("after ']' only ':PORT' may follow, not '" + rest + "'");
                }
                portText = rest.substring(1);
            }
            if (host.indexOf(':') < 0) {
                throw new InvalidTargetException("'" + host + "' in brackets is not an IPv6 address");
            }
        } else if (text.indexOf(':') != text.lastIndexOf(':')) {
            host = text; // several colons and no brackets: a bare IPv6 address
        } else if (text.indexOf(':') >= 0) {
            int colon = text.indexOf(':');
            host = text.substring(0, colon);
            portText = text.substring(colon + 1);
        } else {
            host = text;
        }

        int port = portText == null ? defaultPort : parsePort(portText);
        if (host.indexOf(':') >= 0) {
            return new Target(normaliseIpv6(host), port, text);
        }
        if (host.isEmpty()) {
            throw new InvalidTargetException("no host before ':" + portText + "'");
        }
        String lower = host.toLowerCase(Locale.ROOT);
        if (isIpv4Literal(lower)) {
            return new Target(lower, port, text);
        }
        if (lower.chars().allMatch(c -> c == '.' || Character.isDigit(c))) {
            throw new InvalidTargetException("'" + host + "' is not a valid IPv4 address (four numbers 0-255 separated by dots)");
        }
        return new Target(normaliseName(host), port, text);
    }

    static boolean isIpv4Literal(String text) {
        return IPV4.matcher(text).matches();
    }

    private static int parsePort(String text) throws InvalidTargetException {
        if (!PORT.matcher(text).matches()) {
            throw new InvalidTargetException("port '" + text + "' is not a number from 1 to 65535");
        }
        int port = Integer.parseInt(text);
        if (port < 1 || port > 65_535) {
            throw new InvalidTargetException("port " + port + " is out of range: use 1 to 65535 (RDP listens on 3389)");
        }
        return port;
    }

    private static String normaliseIpv6(String text) throws InvalidTargetException {
        String address = text;
        if (address.indexOf('%') >= 0) {
            throw new InvalidTargetException("IPv6 zone ids ('%') are not supported; give a global or loopback address");
        }
        if (!IPV6_CHARS.matcher(address).matches()) {
            throw new InvalidTargetException("'" + text + "' is not an IPv6 address");
        }
        try {
            // A literal of hex digits, colons and dots never triggers a DNS lookup.
            InetAddress parsed = InetAddress.getByName(address);
            String canonical = parsed.getHostAddress();
            if (parsed instanceof java.net.Inet4Address) {
                return canonical; // ::ffff:a.b.c.d mapped form
            }
            return compressIpv6(canonical);
        } catch (UnknownHostException | IllegalArgumentException e) {
            throw new InvalidTargetException("'" + text + "' is not an IPv6 address");
        }
    }

    /** Java prints 0:0:0:0:0:0:0:1; people (and RFC 5952) write ::1. */
    public static String compressIpv6(String full) {
        String[] groups = full.split(":", -1);
        int bestStart = -1;
        int bestLength = 0;
        for (int i = 0; i < groups.length; ) {
            if (groups[i].equals("0")) {
                int j = i;
                while (j < groups.length && groups[j].equals("0")) {
                    j++;
                }
                if (j - i > bestLength && j - i >= 2) {
                    bestStart = i;
                    bestLength = j - i;
                }
                i = j;
            } else {
                i++;
            }
        }
        if (bestStart < 0) {
            return full;
        }
        String head = String.join(":", java.util.Arrays.copyOfRange(groups, 0, bestStart));
        String tail = String.join(":", java.util.Arrays.copyOfRange(groups, bestStart + bestLength, groups.length));
        return head + "::" + tail;
    }

    private static String normaliseName(String name) throws InvalidTargetException {
        String withoutRoot = name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
        if (withoutRoot.isEmpty() || withoutRoot.startsWith(".") || withoutRoot.contains("..")) {
            throw new InvalidTargetException("'" + name + "' has an empty label (two dots in a row, or a leading dot)");
        }
        for (String label : withoutRoot.split("\\.", -1)) {
            if (label.length() > MAX_LABEL_LENGTH) {
                throw new InvalidTargetException("the label '" + abbreviate(label) + "' is " + label.length()
                        + " characters long; a label has at most " + MAX_LABEL_LENGTH);
            }
        }
        String ascii;
        try {
            ascii = IDN.toASCII(withoutRoot, IDN.USE_STD3_ASCII_RULES).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            throw new InvalidTargetException("'" + name + "' is not a valid host name: " + describeIdnFailure(e));
        }
        if (ascii.length() > MAX_NAME_LENGTH) {
            throw new InvalidTargetException("the host name is " + ascii.length() + " characters long; at most "
                    + MAX_NAME_LENGTH + " are allowed");
        }
        for (String label : ascii.split("\\.", -1)) {
            if (label.length() > MAX_LABEL_LENGTH) {
                throw new InvalidTargetException("the label '" + abbreviate(label) + "' is " + label.length()
                        + " characters long; a label has at most " + MAX_LABEL_LENGTH);
            }
            if (!LDH_LABEL.matcher(label).matches()) {
                throw new InvalidTargetException("'" + name + "' is not a valid host name: labels use letters, digits and"
                        + " hyphens, and neither start nor end with a hyphen");
            }
        }
        return ascii;
    }

    private static String describeIdnFailure(IllegalArgumentException e) {
        String message = e.getMessage() == null ? "" : e.getMessage();
        if (message.contains("length")) {
            return "a label is longer than " + MAX_LABEL_LENGTH + " characters";
        }
        return "labels use letters, digits and hyphens, and neither start nor end with a hyphen";
    }

    private static String abbreviate(String label) {
        return label.length() <= 20 ? label : label.substring(0, 17) + "...";
    }
}
