package dev.cachalot.engine.protocol.resp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The decoder against frames delivered whole, split at every byte boundary and byte by byte: the
 * outcome (decoded arguments, then possibly one protocol error) must never depend on how TCP cut the
 * stream.
 */
class RespDecoderTest {

    /** A decoding outcome: each request's arguments, and the protocol error reply if one ended it. */
    record Outcome(List<List<String>> requests, String error) {
    }

    static Outcome decode(List<byte[]> chunks) {
        RespDecoder decoder = new RespDecoder();
        RespRequest req = new RespRequest();
        ByteBuf cumulation = Unpooled.buffer(16);
        List<List<String>> requests = new ArrayList<>();
        try {
            for (byte[] chunk : chunks) {
                cumulation.writeBytes(chunk);
                for (;;) {
                    int r = decoder.decode(cumulation, req);
                    if (r == RespDecoder.NEED_MORE) {
                        break;
                    }
                    if (r == RespDecoder.PROTOCOL_ERROR) {
                        return new Outcome(requests, new String(decoder.errorReply(), StandardCharsets.ISO_8859_1));
                    }
                    List<String> args = new ArrayList<>();
                    for (int i = 0; i < req.argc(); i++) {
                        args.add(req.string(i));
                    }
                    requests.add(args);
                }
                // as the channel handler does: compaction must not break a partial request
                cumulation.discardSomeReadBytes();
            }
            return new Outcome(requests, null);
        } finally {
            cumulation.release();
        }
    }

    static Outcome whole(byte[] frame) {
        return decode(List.of(frame));
    }

    static void assertSplitInvariant(byte[] frame) {
        Outcome expected = whole(frame);
        for (int cut = 1; cut < frame.length; cut++) {
            Outcome split = decode(List.of(Arrays.copyOfRange(frame, 0, cut), Arrays.copyOfRange(frame, cut, frame.length)));
            assertThat(split).as("split at %d of %s", cut, printable(frame)).isEqualTo(expected);
        }
        for (int a = 1; a < Math.min(frame.length, 64); a++) {
            for (int b = a + 1; b < Math.min(frame.length, 64); b++) {
                Outcome three = decode(List.of(Arrays.copyOfRange(frame, 0, a), Arrays.copyOfRange(frame, a, b),
                        Arrays.copyOfRange(frame, b, frame.length)));
                assertThat(three).as("split at %d and %d of %s", a, b, printable(frame)).isEqualTo(expected);
            }
        }
        List<byte[]> bytes = new ArrayList<>();
        for (byte x : frame) {
            bytes.add(new byte[] {x});
        }
        assertThat(decode(bytes)).as("byte by byte: %s", printable(frame)).isEqualTo(expected);
    }

    static Stream<String> frames() {
        return Stream.of(
                "*1\r\n$4\r\nPING\r\n",
                "*3\r\n$3\r\nSET\r\n$3\r\nkey\r\n$5\r\nvalue\r\n",
                "*2\r\n$4\r\nECHO\r\n$0\r\n\r\n",
                "*2\r\n$4\r\nECHO\r\n$6\r\na\r\nb\r\n\r\n", // CRLF inside a bulk is data
                "*1\r\n$4\r\nPING\r\n*2\r\n$3\r\nGET\r\n$1\r\nk\r\n*3\r\n$6\r\nINCRBY\r\n$1\r\nc\r\n$2\r\n-5\r\n",
                "PING\r\n",
                "PING\n",
                "  SET   k   v  \r\nGET k\r\n",
                "\r\n\r\nPING\r\n",
                "SET \"a b\" 'c d'\r\n",
                "ECHO \"\\x41\\x4a\\n\\t\\\\q\"\r\n",
                "ECHO 'it\\'s'\r\n",
                "ECHO a\"b c\"d\r\n", // a quote opened mid-argument continues that argument
                "*0\r\nPING\r\n",
                "*-1\r\nPING\r\n",
                "*1\r\n$4\r\nPINGxy*1\r\n$4\r\nPING\r\n", // the two bytes after a bulk are not checked
                "*1\r\n$4\rXPING\r\n", // any byte after '\r' counts as '\n'
                "PING\r\n*1\r\n$4\r\nPING\r\n\r\nECHO x\r\n",
                // errors, after earlier complete requests
                "PING\r\n*abc\r\n",
                "*1\r\n$4\r\nPING\r\n*1\r\nx4\r\nPING\r\n",
                "*1\r\n$-1\r\n",
                "*1\r\n$2147483648\r\n",
                "*1\r\n$536870913\r\n",
                "*+1\r\n",
                "*01\r\n",
                "*2147483648\r\n",
                "*1\r\n$ 4\r\nPING\r\n",
                "ECHO \"abc\r\n",
                "ECHO \"abc\"def\r\n",
                "ECHO 'abc\r\n",
                "*1\r\n\r\n",
                // incomplete at the end: no request, no error
                "*2\r\n$3\r\nGET\r\n$1\r\n",
                "*2147483647\r\n",
                "\u0000\u00ff\r\n", // a line search stops at NUL, as Redis's strchr
                "*1\u0000\r\n*1\r\n$4\r\nPING\r\n");
    }

    @ParameterizedTest
    @MethodSource("frames")
    void outcomeDoesNotDependOnHowTheStreamIsCut(String frame) {
        assertSplitInvariant(frame.getBytes(StandardCharsets.ISO_8859_1));
    }

    @Test
    void multibulkRequests() {
        assertThat(whole(b("*3\r\n$3\r\nSET\r\n$3\r\nkey\r\n$5\r\nvalue\r\n")).requests())
                .containsExactly(List.of("SET", "key", "value"));
        assertThat(whole(b("*2\r\n$4\r\nPINGxy")).requests()).isEmpty();
        assertThat(whole(b("*1\r\n$4\r\nPINGxy*1\r\n$4\r\nPING\r\n")).requests())
                .containsExactly(List.of("PING"), List.of("PING"));
    }

    @Test
    void emptyAndNegativeCountsAreSkipped() {
        assertThat(whole(b("*0\r\n*-5\r\nPING\r\n"))).isEqualTo(new Outcome(List.of(List.of("PING")), null));
    }

    @Test
    void inlineCommandsFollowRedisQuoting() {
        assertThat(whole(b("  SET   k   v  \r\n")).requests()).containsExactly(List.of("SET", "k", "v"));
        assertThat(whole(b("SET \"a b\" 'c d'\r\n")).requests()).containsExactly(List.of("SET", "a b", "c d"));
        assertThat(whole(b("ECHO \"\\x41\\x4a\\n\"\r\n")).requests()).containsExactly(List.of("ECHO", "AJ\n"));
        assertThat(whole(b("ECHO 'it\\'s'\r\n")).requests()).containsExactly(List.of("ECHO", "it's"));
        assertThat(whole(b("ECHO a\"b c\"d\r\n")).error()).isEqualTo("-ERR Protocol error: unbalanced quotes in request\r\n");
        assertThat(whole(b("ECHO a\"b c\" d\r\n")).requests()).containsExactly(List.of("ECHO", "ab c", "d"));
        assertThat(whole(b("\r\n\n  \r\n")).requests()).isEmpty();
    }

    @Test
    void protocolErrorsUseRedisTexts() {
        assertThat(whole(b("*abc\r\n")).error()).isEqualTo("-ERR Protocol error: invalid multibulk length\r\n");
        assertThat(whole(b("*2147483648\r\n")).error()).isEqualTo("-ERR Protocol error: invalid multibulk length\r\n");
        assertThat(whole(b("*1\r\nx4\r\n")).error()).isEqualTo("-ERR Protocol error: expected '$', got 'x'\r\n");
        assertThat(whole(b("*1\r\n\r\n")).error()).isEqualTo("-ERR Protocol error: expected '$', got ' '\r\n");
        assertThat(whole(b("*1\r\n$-1\r\n")).error()).isEqualTo("-ERR Protocol error: invalid bulk length\r\n");
        assertThat(whole(b("*1\r\n$2147483648\r\n")).error()).isEqualTo("-ERR Protocol error: invalid bulk length\r\n");
        assertThat(whole(b("*1\r\n$536870913\r\n")).error()).isEqualTo("-ERR Protocol error: invalid bulk length\r\n");
        assertThat(whole(b("*1\r\n$536870912\r\n")).error()).isNull(); // the limit itself is allowed
        assertThat(whole(b("ECHO \"abc\r\n")).error()).isEqualTo("-ERR Protocol error: unbalanced quotes in request\r\n");
    }

    @Test
    void inlineLimitIs64Kilobytes() {
        byte[] almost = new byte[RespDecoder.INLINE_MAX_SIZE];
        Arrays.fill(almost, (byte) 'a');
        assertThat(whole(almost).error()).isNull();
        byte[] over = new byte[RespDecoder.INLINE_MAX_SIZE + 1];
        Arrays.fill(over, (byte) 'a');
        assertThat(whole(over).error()).isEqualTo("-ERR Protocol error: too big inline request\r\n");
        // a complete inline line may be longer than the limit when it arrives at once, as in Redis
        byte[] line = Arrays.copyOf(over, over.length + 2);
        line[line.length - 2] = '\r';
        line[line.length - 1] = '\n';
        assertThat(whole(line).requests()).hasSize(1);
    }

    @Test
    void headerLinesAreLimitedTo64Kilobytes() {
        byte[] digits = new byte[RespDecoder.INLINE_MAX_SIZE + 1];
        Arrays.fill(digits, (byte) '1');
        assertThat(whole(concat(b("*"), digits)).error()).isEqualTo("-ERR Protocol error: too big mbulk count string\r\n");
        assertThat(whole(concat(b("*1\r\n$"), digits)).error()).isEqualTo("-ERR Protocol error: too big bulk count string\r\n");
    }

    @Test
    void bigArgumentsSplitAnywhere() {
        byte[] value = new byte[100_000];
        for (int i = 0; i < value.length; i++) {
            value[i] = (byte) (i % 251); // binary, including CR, LF and NUL
        }
        byte[] frame = concat(b("*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$100000\r\n"), value, b("\r\n*1\r\n$4\r\nPING\r\n"));
        Outcome expected = whole(frame);
        assertThat(expected.requests()).hasSize(2);
        assertThat(expected.requests().get(0).get(2).getBytes(StandardCharsets.ISO_8859_1)).isEqualTo(value);
        for (int cut = 1; cut < frame.length; cut += 997) {
            assertThat(decode(List.of(Arrays.copyOfRange(frame, 0, cut), Arrays.copyOfRange(frame, cut, frame.length))))
                    .isEqualTo(expected);
        }
        List<byte[]> small = new ArrayList<>();
        for (int i = 0; i < frame.length; i += 7) {
            small.add(Arrays.copyOfRange(frame, i, Math.min(frame.length, i + 7)));
        }
        assertThat(decode(small)).isEqualTo(expected);
    }

    @Test
    void manyPipelinedCommandsInOneRead() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < 10_000; i++) {
            String k = "key:" + i;
            out.writeBytes(b("*3\r\n$3\r\nSET\r\n$" + k.length() + "\r\n" + k + "\r\n$1\r\n" + (i % 10) + "\r\n"));
        }
        Outcome o = whole(out.toByteArray());
        assertThat(o.requests()).hasSize(10_000);
        assertThat(o.requests().get(9_999)).containsExactly("SET", "key:9999", "9");
    }

    @Test
    void requestArgumentsAreSlicesNotCopies() {
        RespDecoder decoder = new RespDecoder();
        RespRequest req = new RespRequest();
        ByteBuf in = Unpooled.wrappedBuffer(b("*2\r\n$3\r\nGET\r\n$3\r\nkey\r\n"));
        assertThat(decoder.decode(in, req)).isEqualTo(RespDecoder.COMMAND);
        assertThat(req.buf()).isSameAs(in);
        assertThat(req.offset(1)).isEqualTo(17);
        assertThat(req.length(1)).isEqualTo(3);
        assertThat(req.is(0, b("GET"))).isTrue();
        in.release();
    }

    static byte[] b(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    static String printable(byte[] frame) {
        String s = new String(frame, StandardCharsets.ISO_8859_1);
        return s.length() > 80 ? s.substring(0, 80) + "…" : s.replace("\r", "\\r").replace("\n", "\\n");
    }
}
