package rdpcheck.probes.gateway;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import rdpcheck.probes.rdp.Bytes;
import rdpcheck.probes.rdp.MalformedPduException;

/**
 * The head of an HTTP/1.x response (RFC 9112 4 and 5): status line and header fields, up to the
 * empty line. The body is never read: every answer the gateway probes want (401 and its
 * challenges, 101, an edge's 501) is in the head.
 *
 * <pre>
 * status-line = HTTP-version SP 3DIGIT SP [reason-phrase] CRLF
 * field-line  = field-name ":" OWS field-value OWS CRLF     (a bare LF is accepted as a line end)
 * CRLF                                                      (the end of the head)
 * </pre>
 *
 * @param version  {@code HTTP/1.1} or {@code HTTP/1.0}
 * @param status   the three-digit status code
 * @param reason   the reason phrase, control characters replaced
 * @param headers  the fields in the order sent
 */
public record HttpResponseHead(String version, int status, String reason, List<Header> headers) {

    /** One header field, the name as sent. */
    public record Header(String name, String value) {
    }

    /** A response head is a few hundred bytes; IIS caps a request head at 16 KiB, so an answer past that is not one. */
    public static final int MAX_HEAD_BYTES = 16 * 1024;
    /** Header fields read; an HTTP.sys 401 has about eight. */
    public static final int MAX_HEADERS = 100;
    static final String HTTP_PREFIX = "HTTP/";
    static final int STATUS_DIGITS = 3;
    static final int CR = '\r';
    static final int LF = '\n';

    public HttpResponseHead {
        headers = List.copyOf(headers);
    }

    /**
     * Reads one response head from {@code in}, a byte at a time, so nothing after it is consumed:
     * at most {@code max} bytes up to and including the empty line.
     *
     * @throws EOFException          the stream ended before any byte came
     * @throws MalformedPduException the stream ended inside the head, or the head is longer than {@code max}
     */
    public static byte[] read(InputStream in, int max) throws IOException, MalformedPduException {
        byte[] buffer = new byte[Math.min(max, 1024)];
        int length = 0;
        while (true) {
            int b = in.read();
            if (b < 0) {
                if (length == 0) {
                    throw new EOFException("closed before a response");
                }
                throw new MalformedPduException("the connection ended after " + length + " bytes, inside the response head ("
                        + Bytes.asciiPreview(buffer, Math.min(length, 40)) + ")");
            }
            if (length == max) {
                throw new MalformedPduException("the response head is longer than " + max + " bytes");
            }
            if (length == buffer.length) {
                buffer = java.util.Arrays.copyOf(buffer, Math.min(max, buffer.length * 2));
            }
            buffer[length++] = (byte) b;
            if (b == LF && endsHead(buffer, length)) {
                return java.util.Arrays.copyOf(buffer, length);
            }
        }
    }

    /** The last bytes are an empty line: CRLF CRLF, or LF LF. */
    private static boolean endsHead(byte[] buffer, int length) {
        if (length >= 4 && buffer[length - 4] == CR && buffer[length - 3] == LF && buffer[length - 2] == CR) {
            return true;
        }
        return length >= 2 && buffer[length - 2] == LF;
    }

    /** Decodes a head as {@link #read} returns it (the empty line may be missing). */
    public static HttpResponseHead decode(byte[] head) throws MalformedPduException {
        Bytes.require(head.length <= MAX_HEAD_BYTES, "the response head is longer than " + MAX_HEAD_BYTES + " bytes");
        // ISO-8859-1 maps every byte to one char: a hostile byte cannot make a line vanish or merge.
        String text = new String(head, StandardCharsets.ISO_8859_1);
        List<String> lines = lines(text);
        Bytes.require(!lines.isEmpty() && lines.get(0).startsWith(HTTP_PREFIX),
                "not an HTTP response: it starts with '" + Bytes.asciiPreview(head, 24) + "'");
        String statusLine = lines.get(0);
        int firstSpace = statusLine.indexOf(' ');
        Bytes.require(firstSpace > HTTP_PREFIX.length(), "the status line '" + printable(statusLine, 60) + "' has no status code");
        String version = statusLine.substring(0, firstSpace);
        Bytes.require(version.matches("HTTP/\\d\\.\\d"), "'" + printable(version, 20) + "' is not an HTTP version");
        String rest = statusLine.substring(firstSpace + 1);
        Bytes.require(rest.length() >= STATUS_DIGITS && rest.substring(0, STATUS_DIGITS).chars().allMatch(c -> c >= '0' && c <= '9')
                        && (rest.length() == STATUS_DIGITS || rest.charAt(STATUS_DIGITS) == ' '),
                "the status line '" + printable(statusLine, 60) + "' has no three-digit status code");
        int status = Integer.parseInt(rest.substring(0, STATUS_DIGITS));
        String reason = rest.length() > STATUS_DIGITS ? printable(rest.substring(STATUS_DIGITS + 1), 200) : "";

        List<Header> headers = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            if (line.isEmpty()) {
                break;
            }
            Bytes.require(headers.size() < MAX_HEADERS, "more than " + MAX_HEADERS + " header fields");
            if (line.charAt(0) == ' ' || line.charAt(0) == '\t') {
                // obsolete line folding (RFC 9112 5.2): a recipient may replace it with a space
                Bytes.require(!headers.isEmpty(), "the head continues a header field before the first one");
                Header last = headers.remove(headers.size() - 1);
                headers.add(new Header(last.name(), printable(last.value() + " " + line.strip(), 8192)));
                continue;
            }
            int colon = line.indexOf(':');
            Bytes.require(colon > 0, "the header line '" + printable(line, 60) + "' has no field name and colon");
            String name = line.substring(0, colon);
            Bytes.require(name.chars().allMatch(HttpResponseHead::tokenChar),
                    "'" + printable(name, 40) + "' is not a header field name");
            headers.add(new Header(name, printable(line.substring(colon + 1).strip(), 8192)));
        }
        return new HttpResponseHead(version, status, reason, headers);
    }

    private static List<String> lines(String text) {
        List<String> lines = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == LF) {
                int end = i > start && text.charAt(i - 1) == CR ? i - 1 : i;
                lines.add(text.substring(start, end));
                start = i + 1;
            }
        }
        if (start < text.length()) {
            lines.add(text.substring(start));
        }
        return lines;
    }

    /** RFC 9110 5.6.2 tchar. */
    static boolean tokenChar(int c) {
        return c > 0x20 && c < 0x7f && "\"(),/:;<=>?@[\\]{}".indexOf(c) < 0;
    }

    /** At most {@code max} characters, control and non-ASCII characters as '?': safe to quote in a report. */
    static String printable(String text, int max) {
        StringBuilder out = new StringBuilder(Math.min(text.length(), max));
        for (int i = 0; i < text.length() && out.length() < max; i++) {
            char c = text.charAt(i);
            out.append(c >= 0x20 && c < 0x7f ? c : '?');
        }
        return text.length() > max ? out + "…" : out.toString();
    }

    /** Every value of the fields named {@code name} (case-insensitive), in order. */
    public List<String> values(String name) {
        return headers.stream().filter(h -> h.name().equalsIgnoreCase(name)).map(Header::value).toList();
    }

    /** The first value of {@code name}. */
    public Optional<String> value(String name) {
        return values(name).stream().findFirst();
    }

    /** Whether a comma-separated field (Connection, Upgrade) lists {@code token}, case-insensitive. */
    public boolean lists(String name, String token) {
        String wanted = token.toLowerCase(Locale.ROOT);
        return values(name).stream().flatMap(v -> java.util.Arrays.stream(v.split(",")))
                .anyMatch(t -> t.strip().toLowerCase(Locale.ROOT).equals(wanted));
    }

    /** {@code 401 Unauthorized}. */
    public String statusText() {
        return status + (reason.isEmpty() ? "" : " " + reason);
    }
}
