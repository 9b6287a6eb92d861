package dev.cachalot.engine.memcached;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cachalot.engine.EngineConfig;
import dev.cachalot.engine.EngineServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The same bytes — well-formed, malformed and hostile, text and binary — go to Debian's memcached 1.6
 * ({@code /usr/bin/memcached -t 1}) and to a Cachalot memcached node, both fresh, in the same order; the
 * replies (and whether the connection was closed) must be identical, CAS values included. Fails with a
 * clear message when memcached is not installed ({@code .ci/run} installs it).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MemcachedDifferentialTest {

    private ReferenceMemcached reference;
    private EngineServer engine;

    @BeforeAll
    void start() throws Exception {
        assertThat(ReferenceMemcached.installed())
                .as(ReferenceMemcached.BINARY + " (apt-get install memcached; .ci/run installs it)").isTrue();
        reference = ReferenceMemcached.start();
        engine = EngineServer.start(EngineConfig.defaults().withEngine(EngineConfig.Engine.MEMCACHED));
    }

    @AfterAll
    void stop() {
        if (engine != null) {
            engine.close();
        }
        if (reference != null) {
            reference.close();
        }
    }

    static Stream<String> textCases() {
        String k250 = "k".repeat(250);
        String k251 = "k".repeat(251);
        return Stream.of(
                // storage and retrieval
                "set a 0 0 1\r\nx\r\nget a\r\ngets a\r\nget a b a\r\n",
                "set a 123 0 5\r\nhello\r\nget a\r\nset a 4294967295 0 1\r\nx\r\nget a\r\nset a 4294967296 0 1\r\ny\r\nget a\r\n",
                "set a -1 0 1\r\nx\r\nset a 1x 0 1\r\nx\r\nset a 0 0 -1\r\nset a 0 0 abc\r\nset a 0 0 4294967297\r\nx\r\nget a\r\n",
                "set a 0 0 1\r\nab\r\nget a\r\n",
                "set a 0 0 3\r\nab\r\n\r\nget a\r\n",
                "set a 0 0 0\r\n\r\nget a\r\nappend a 0 0 2\r\nxy\r\nprepend a 0 0 1\r\nz\r\nget a\r\n",
                "add a 0 0 1\r\n1\r\nadd a 0 0 1\r\n2\r\nreplace b 0 0 1\r\n3\r\nreplace a 7 0 1\r\n4\r\ngets a\r\n",
                "append nope 0 0 1\r\nx\r\nprepend nope 0 0 1\r\nx\r\nset k 5 0 1\r\na\r\nappend k 9 9 1\r\nb\r\ngets k\r\n",
                "cas nope 0 0 1 1\r\nx\r\nset c 0 0 1\r\nx\r\ncas c 0 0 1 999999\r\ny\r\ncas c 0 0 1 abc\r\ncas c 0 0 1\r\ngets c\r\n",
                "set " + k250 + " 0 0 1\r\nx\r\nget " + k250 + "\r\nset " + k251 + " 0 0 1\r\nx\r\nget " + k251 + "\r\n",
                "set a 0 0 1\r\nx\r\nget a " + k251 + " a\r\ndelete " + k251 + "\r\nincr " + k251 + " 1\r\ntouch " + k251 + " 1\r\n",
                "set k\u0001ey 0 0 1\r\nx\r\nget k\u0001ey\r\nset tab\tkey 0 0 1\r\ny\r\nget tab\tkey\r\n",
                // expiry
                "set e 0 -1 1\r\nx\r\nget e\r\nset e 0 1000 1\r\nx\r\nget e\r\nset e 0 1000000000 1\r\nx\r\nget e\r\nset e 0 4000000000 1\r\nx\r\nget e\r\n",
                "set t 0 0 1\r\nx\r\ntouch t -1\r\nget t\r\nset t 0 0 1\r\nx\r\ntouch t 100\r\ntouch nope 1\r\ntouch t abc\r\n",
                "set g 3 0 2\r\nab\r\ngat 100 g nope\r\ngats 0 g\r\ngat abc g\r\ngat 10\r\ngat -1 g\r\nget g\r\n",
                // arithmetic
                "set n 0 0 2\r\n10\r\ndecr n 1\r\nget n\r\nincr n 5\r\nget n\r\ndecr n 100\r\nincr nope 1\r\n",
                "set n 0 0 20\r\n18446744073709551615\r\nincr n 2\r\nget n\r\nincr n -1\r\nincr n abc\r\nincr n 18446744073709551616\r\n",
                "set n 0 0 2\r\n 5\r\nincr n 1\r\nset n 0 0 2\r\n5 \r\nincr n 1\r\nset n 0 0 2\r\n-5\r\nincr n 1\r\nset n 0 0 2\r\n5a\r\nincr n 1\r\n",
                "set n 0 0 0\r\n\r\nincr n 1\r\nset n 0 0 30\r\n000000000000000000000000000005\r\nincr n 1\r\nget n\r\nset n 7 0 1\r\n9\r\nincr n 1\r\ngets n\r\n",
                // delete
                "set d 0 0 1\r\nx\r\ndelete d\r\ndelete d\r\ndelete d 0\r\ndelete d 1\r\ndelete d noreply\r\ndelete d 0 noreply\r\ndelete d 1 noreply\r\n",
                // noreply everywhere
                "set q 0 0 1 noreply\r\nx\r\nadd q 0 0 1 noreply\r\ny\r\nreplace q 0 0 1 noreply\r\nz\r\nappend q 0 0 1 noreply\r\nw\r\nget q\r\n",
                "set q 0 0 1 noreply\r\nab\r\nincr q 1 noreply\r\nset q 0 0 1\r\n1\r\nincr q 1 noreply\r\ndecr q 1 noreply\r\ntouch q 1 noreply\r\nget q\r\n",
                "set q 0 0 abc noreply\r\nflush_all noreply\r\nverbosity 1 noreply\r\nflush_all 0 noreply\r\nget q\r\n",
                // bad commands and lines
                "\r\nx\r\nGET a\r\nget\r\ngetx a\r\nsets a\r\nset a 0 0\r\nset a 0 0 1 2 3\r\nincr a\r\ndelete\r\ndelete a 0 0 0\r\ntouch a\r\n",
                "\n\r\r\n  \r\nget  a\r\n get a\r\nget a \r\nversion x\r\nflush_all 1 2 3\r\nverbosity\r\nverbosity x\r\n",
                "\u0001\u0002garbage\u00ff\r\nstats nope\r\nstats detail\r\nstats detail x y\r\ncache_memlimit 1\r\ncache_memlimit abc\r\nshutdown\r\n",
                "flush_all abc\r\nflush_all -1\r\nflush_all 0\r\nflush_all\r\n",
                "slabs\r\nslabs automove 1\r\nslabs automove 9\r\nslabs automove x\r\nlru\r\nlru mode flat\r\nlru_crawler\r\nlru_crawler enable\r\n",
                // meta
                "ms m 2\r\nhi\r\nmg m v\r\nmg m s f c\r\nmg m k O123 q\r\nmg nope v\r\nmg nope v q\r\nmg nope k Oabc\r\n",
                "ms m 2 F7 T0 c\r\nhi\r\nmg m f v c\r\nms m 2 MA\r\nyo\r\nmg m v\r\nms m 1 MP\r\nz\r\nmg m v\r\nms none 1 MR\r\nx\r\nms m 1 ME\r\nx\r\n",
                "ms m 1 q\r\nx\r\nms m 1 MZ\r\nx\r\nms m abc\r\nms m\r\nms m 1 zz\r\nx\r\nms m 1 F1 F2\r\nx\r\nmg m v\r\n",
                "ms m 1\r\nx\r\nmg m v v\r\nmg m zz\r\nmg\r\nmd\r\nma\r\nmx m\r\nmg m " + "O".repeat(40) + "\r\nmg m v Oabc k\r\n",
                "ms m 1\r\nx\r\nmd m q\r\nmg m v\r\nmd m\r\nmd m q\r\nms m 1\r\nx\r\nmd m C1\r\nmd m k O9\r\n",
                "ma nope\r\nma nope N0 J13 v\r\nma nope v\r\nma nope MD v\r\nma nope q\r\nms x 1\r\na\r\nma x\r\nma nope MX\r\nma nope D5 v t\r\n",
                "ms s 1 T100\r\nx\r\nmd s I T30\r\nmg s v c\r\nmg s v\r\nms s 1 C1 I\r\ny\r\nmg s v\r\nmg nope N30 v\r\nmg nope v\r\n",
                "ms s 1\r\nx\r\nmg s h v\r\nmg s h\r\nmg s l u\r\nme s\r\nme nope\r\nmn\r\n",
                "ms " + "a2V5".repeat(1) + " 1 b\r\nx\r\nmg a2V5 b v k\r\nmg key v\r\nmg !!! b v\r\n",
                // a multiget longer than memcached's 24 tokens, and one longer than 2048 bytes
                "set k1 0 0 1\r\n1\r\nset k29 0 0 2\r\n29\r\nget " + String.join(" ", java.util.stream.IntStream.rangeClosed(1, 30)
                        .mapToObj(i -> "k" + i).toList()) + "\r\ngets k29 k1\r\n",
                "set k1 0 0 1\r\n1\r\nget " + "missing-key-abcdefghij ".repeat(120) + "k1\r\n",
                // sizes
                "set big 0 0 1048514\r\n" + "x".repeat(1048514) + "\r\nget nope\r\nset big 0 0 1048515\r\n" + "x".repeat(1048515) + "\r\nget big\r\n",
                "set big 0 0 2000000\r\n" + "y".repeat(2000000) + "\r\nget big\r\nms big 2000000\r\n" + "z".repeat(2000000) + "\r\n");
    }

    @ParameterizedTest
    @MethodSource("textCases")
    void textProtocolRepliesAsMemcachedDoes(String request) throws IOException {
        String expected = normalize(exchange(reference.port, request));
        String actual = normalize(exchange(engine.port(), request));
        assertThat(actual).as("reply to %s", shorten(request)).isEqualTo(expected);
    }

    static Stream<String> closingCases() {
        return Stream.of("quit\r\nget a\r\n",
                "GET / HTTP/1.1\r\nHost: x\r\n\r\n",
                "set a 0 0 1 " + "z".repeat(3000),
                "get a\r\nquit\r\n");
    }

    /** Requests after which memcached closes the connection. */
    @ParameterizedTest
    @MethodSource("closingCases")
    void closesWhereMemcachedCloses(String request) throws IOException {
        assertThat(exchangeRaw(engine.port(), request.getBytes(StandardCharsets.ISO_8859_1)))
                .isEqualTo(exchangeRaw(reference.port, request.getBytes(StandardCharsets.ISO_8859_1)));
    }

    @Test
    void randomGarbageGetsTheSameReplies() throws IOException {
        Random random = new Random(42);
        String[] words = {"get", "set", "gets", "delete", "incr", "mg", "ms", "md", "ma", "k", "0", "1", "-1", "noreply",
                "v", "c", "T1", "q", "\u0000", "\t", "  ", "\r\n", "\r\n", "\r\n", "x", "99"};
        for (int round = 0; round < 60; round++) {
            StringBuilder b = new StringBuilder();
            int n = 1 + random.nextInt(25);
            for (int i = 0; i < n; i++) {
                b.append(words[random.nextInt(words.length)]);
                if (random.nextInt(3) > 0) {
                    b.append(' ');
                }
            }
            b.append("\r\n");
            String request = b.toString();
            String expected = normalize(exchange(reference.port, request));
            String actual = normalize(exchange(engine.port(), request));
            assertThat(actual).as("reply to %s", shorten(request)).isEqualTo(expected);
        }
    }

    @Test
    void binaryProtocolRepliesAsMemcachedDoes() throws IOException {
        List<byte[]> requests = List.of(
                Bin.request(Bin.GET, "nope", new byte[0], new byte[0], 0),
                Bin.request(Bin.SET, "b1", Bin.ext(5, 0), "value".getBytes(), 0),
                Bin.request(Bin.GET, "b1", new byte[0], new byte[0], 0),
                Bin.request(Bin.GETK, "b1", new byte[0], new byte[0], 0),
                Bin.request(Bin.GETK, "nope", new byte[0], new byte[0], 0),
                Bin.request(Bin.GETQ, "nope", new byte[0], new byte[0], 0),
                Bin.request(Bin.ADD, "b1", Bin.ext(0, 0), "x".getBytes(), 0),
                Bin.request(Bin.REPLACE, "nope", Bin.ext(0, 0), "x".getBytes(), 0),
                Bin.request(Bin.APPEND, "b1", new byte[0], "++".getBytes(), 0),
                Bin.request(Bin.PREPEND, "nope", new byte[0], "++".getBytes(), 0),
                Bin.request(Bin.GET, "b1", new byte[0], new byte[0], 0),
                Bin.request(Bin.SET, "b1", Bin.ext(0, 0), "x".getBytes(), 12345),
                Bin.request(Bin.INCR, "ctr", Bin.arith(5, 100, 0), new byte[0], 0),
                Bin.request(Bin.INCR, "ctr", Bin.arith(5, 100, 0), new byte[0], 0),
                Bin.request(Bin.DECR, "ctr", Bin.arith(500, 0, 0), new byte[0], 0),
                Bin.request(Bin.INCR, "b1", Bin.arith(1, 0, 0), new byte[0], 0),
                Bin.request(Bin.INCR, "nope2", Bin.arith(1, 0, 0xFFFFFFFF), new byte[0], 0),
                Bin.request(Bin.TOUCH, "b1", Bin.int32(100), new byte[0], 0),
                Bin.request(Bin.GAT, "b1", Bin.int32(100), new byte[0], 0),
                Bin.request(Bin.DELETE, "b1", new byte[0], new byte[0], 999),
                Bin.request(Bin.DELETE, "b1", new byte[0], new byte[0], 0),
                Bin.request(Bin.DELETE, "b1", new byte[0], new byte[0], 0),
                Bin.request(Bin.SETQ, "q1", Bin.ext(0, 0), "x".getBytes(), 0),
                Bin.request(Bin.GETKQ, "q1", new byte[0], new byte[0], 0),
                Bin.request(0x55, "", new byte[0], new byte[0], 0),
                Bin.request(Bin.SET, "toolarge", Bin.ext(0, 0), new byte[2_000_000], 0),
                Bin.request(Bin.FLUSH, "", new byte[0], new byte[0], 0),
                Bin.request(Bin.GET, "q1", new byte[0], new byte[0], 0),
                Bin.request(Bin.NOOP, "", new byte[0], new byte[0], 0));
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (byte[] r : requests) {
            all.writeBytes(r);
        }
        byte[] stream = all.toByteArray();
        assertThat(Bin.describe(exchangeBinary(engine.port(), stream)))
                .isEqualTo(Bin.describe(exchangeBinary(reference.port, stream)));
    }

    @Test
    void binaryProtocolErrorsCloseTheConnection() throws IOException {
        byte[] badExtras = Bin.request(Bin.GET, "k", new byte[4], new byte[0], 0);
        byte[] badMagic = HexFormat.of().parseHex("81000000000000000000000000000000000000000000000000");
        for (byte[] r : List.of(badExtras, badMagic)) {
            assertThat(exchangeRaw(engine.port(), r)).isEqualTo(exchangeRaw(reference.port, r));
        }
    }

    private static String exchange(int port, String request) throws IOException {
        try (RawClient c = new RawClient(port); RawClient control = new RawClient(port)) {
            control.send("flush_all\r\n");
            control.readUntil("OK\r\n");
            return c.call(request);
        }
    }

    private static String exchangeRaw(int port, byte[] request) throws IOException {
        try (RawClient c = new RawClient(port)) {
            c.send(request);
            return c.readUntil("");
        }
    }

    /** Sends the frames followed by a NOOP and returns every response frame up to that NOOP's. */
    private static List<byte[]> exchangeBinary(int port, byte[] requests) throws IOException {
        try (RawClient control = new RawClient(port)) {
            control.send("flush_all\r\n");
            control.readUntil("OK\r\n");
        }
        try (RawClient c = new RawClient(port)) {
            c.send(requests);
            c.send(Bin.request(Bin.NOOP, "", new byte[0], new byte[0], 0, 0xABCD));
            List<byte[]> frames = new ArrayList<>();
            while (true) {
                byte[] header = c.readBytes(24);
                assertThat(header).hasSize(24);
                int body = ByteBuffer.wrap(header, 8, 4).getInt();
                byte[] frame = new byte[24 + body];
                System.arraycopy(header, 0, frame, 0, 24);
                System.arraycopy(c.readBytes(body), 0, frame, 24, body);
                if (header[1] == Bin.NOOP && ByteBuffer.wrap(header, 12, 4).getInt() == 0xABCD) {
                    return frames;
                }
                frames.add(frame);
            }
        }
    }

    static String normalize(String reply) {
        return reply.replace("VERSION 1.6.18", "VERSION 1.6.22");
    }

    static String shorten(String s) {
        String v = s.replace("\r", "\\r").replace("\n", "\\n");
        return v.length() > 300 ? v.substring(0, 300) + "…" : v;
    }
}
