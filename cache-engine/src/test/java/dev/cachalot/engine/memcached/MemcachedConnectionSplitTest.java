package dev.cachalot.engine.memcached;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cachalot.engine.EngineConfig;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The connection's decoding is resumable: the same request stream, cut at every byte (and fed one byte
 * at a time), gives exactly the replies it gives in one piece — text commands with data blocks, meta
 * commands, swallowed blocks, binary frames.
 */
class MemcachedConnectionSplitTest {

    static Stream<byte[]> streams() {
        ByteArrayOutputStream binary = new ByteArrayOutputStream();
        binary.writeBytes(Bin.request(Bin.SET, "bk", Bin.ext(7, 0), "binval".getBytes(StandardCharsets.US_ASCII), 0));
        binary.writeBytes(Bin.request(Bin.GETK, "bk", new byte[0], new byte[0], 0));
        binary.writeBytes(Bin.request(Bin.INCR, "n", Bin.arith(2, 40, 0), new byte[0], 0));
        binary.writeBytes(Bin.request(Bin.GETQ, "missing", new byte[0], new byte[0], 0));
        binary.writeBytes(Bin.request(Bin.SET, "big", Bin.ext(0, 0), new byte[1_100_000], 0));
        binary.writeBytes(Bin.request(Bin.NOOP, "", new byte[0], new byte[0], 0));
        return Stream.of(
                ascii("set k 5 0 5\r\nhello\r\nget k\r\ngets k missing\r\nappend k 0 0 1\r\n!\r\nincr n 1\r\n"),
                ascii("set n 0 0 2\r\n41\r\nincr n 1\r\ndecr n 100\r\ndelete n\r\ndelete n noreply\r\ntouch k 10\r\n"),
                ascii("ms m 3 T0 F9 c\r\nabc\r\nmg m v f k O42\r\nma c N0 J5 v\r\nmd m q\r\nmg m v\r\nmn\r\n"),
                ascii("set big 0 0 1048600\r\n" + "x".repeat(1048600) + "\r\nget big\r\nset k 0 0 1\r\nab\r\nbogus\r\n"),
                ascii("set k 0 0 3\r\n\r\n\r\r\nget k\r\nflush_all\r\nget k\r\n"),
                binary.toByteArray());
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    @ParameterizedTest
    @MethodSource("streams")
    void everySplitGivesTheSameReplies(byte[] stream) {
        byte[] whole = run(List.of(stream));
        assertThat(whole).isNotEmpty();
        int step = Math.max(1, stream.length / 400); // every byte for the short streams, 400 cuts for the big ones
        for (int cut = 1; cut < stream.length; cut += step) {
            byte[] first = java.util.Arrays.copyOfRange(stream, 0, cut);
            byte[] second = java.util.Arrays.copyOfRange(stream, cut, stream.length);
            assertThat(run(List.of(first, second))).as("cut at %d", cut).isEqualTo(whole);
        }
        if (stream.length < 10_000) {
            List<byte[]> bytes = new java.util.ArrayList<>();
            for (byte b : stream) {
                bytes.add(new byte[] {b});
            }
            assertThat(run(bytes)).as("one byte at a time").isEqualTo(whole);
        }
    }

    /** Feeds the pieces, each as its own read batch, to a connection of a fresh node; returns all replies. */
    private static byte[] run(List<byte[]> pieces) {
        MemcachedNode node = new MemcachedNode(EngineConfig.defaults().withEngine(EngineConfig.Engine.MEMCACHED));
        EmbeddedChannel channel = new EmbeddedChannel(new MemcachedConnection(node));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] piece : pieces) {
            channel.writeInbound(Unpooled.wrappedBuffer(piece));
            drain(channel, out);
        }
        channel.finishAndReleaseAll();
        return out.toByteArray(); // a fresh node per run: CAS values are the same in every run
    }

    private static void drain(EmbeddedChannel channel, ByteArrayOutputStream out) {
        for (Object o = channel.readOutbound(); o != null; o = channel.readOutbound()) {
            ByteBuf b = (ByteBuf) o;
            byte[] bytes = new byte[b.readableBytes()];
            b.readBytes(bytes);
            out.writeBytes(bytes);
            b.release();
        }
    }
}
