package dev.cachalot.engine.server;

import dev.cachalot.engine.EngineConfig;
import dev.cachalot.engine.command.CommandDispatcher;
import dev.cachalot.engine.command.CommandTable;
import dev.cachalot.engine.command.Commands;
import dev.cachalot.engine.store.Keyspace;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The connection handler (cumulation, compaction, batching of replies) fed a pipeline of commands split
 * at every byte boundary: the replies must be byte-identical to feeding it whole.
 */
class RespChannelHandlerTest {

    static final CommandTable TABLE = Commands.table();

    record Result(String replies, boolean open) {
    }

    static Result run(List<byte[]> chunks) {
        ServerState state = new ServerState(EngineConfig.defaults(), new Keyspace(), TABLE, "embedded");
        EmbeddedChannel ch = new EmbeddedChannel(new RespChannelHandler(state, state.dispatcher()));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] c : chunks) {
            if (!ch.isOpen()) {
                break;
            }
            ch.writeInbound(Unpooled.wrappedBuffer(c));
            drain(ch, out);
        }
        drain(ch, out);
        boolean open = ch.isOpen();
        ch.finishAndReleaseAll();
        return new Result(out.toString(StandardCharsets.ISO_8859_1), open);
    }

    static void drain(EmbeddedChannel ch, ByteArrayOutputStream out) {
        ByteBuf b;
        while ((b = ch.readOutbound()) != null) {
            byte[] bytes = new byte[b.readableBytes()];
            b.readBytes(bytes);
            out.writeBytes(bytes);
            b.release();
        }
    }

    static void assertSplitInvariant(String script) {
        byte[] frame = script.getBytes(StandardCharsets.ISO_8859_1);
        Result whole = run(List.of(frame));
        for (int cut = 1; cut < frame.length; cut++) {
            assertThat(run(List.of(Arrays.copyOfRange(frame, 0, cut), Arrays.copyOfRange(frame, cut, frame.length))))
                    .as("split at %d", cut).isEqualTo(whole);
        }
    }

    @Test
    void pipelinedCommandsSplitAnywhere() {
        String script = "*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$5\r\nhello\r\n"
                + "GET k\r\n"
                + "*2\r\n$4\r\nINCR\r\n$1\r\nn\r\n"
                + "*2\r\n$4\r\nINCR\r\n$1\r\nn\r\n"
                + "*2\r\n$4\r\nECHO\r\n$4\r\na\r\nb\r\n"
                + "*0\r\n"
                + "*5\r\n$3\r\nSET\r\n$1\r\nt\r\n$1\r\nv\r\n$2\r\nPX\r\n$6\r\n100000\r\n"
                + "*2\r\n$6\r\nEXISTS\r\n$1\r\nt\r\n"
                + "NOSUCH a b\r\n";
        Result whole = run(List.of(script.getBytes(StandardCharsets.ISO_8859_1)));
        assertThat(whole).isEqualTo(new Result("+OK\r\n$5\r\nhello\r\n:1\r\n:2\r\n$4\r\na\r\nb\r\n+OK\r\n:1\r\n"
                + "-ERR unknown command 'NOSUCH', with args beginning with: 'a' 'b' \r\n", true));
        assertSplitInvariant(script);
    }

    @Test
    void protocolErrorRepliesThenCloses() {
        assertThat(run(List.of("PING\r\n*1\r\n$x\r\nPING\r\n".getBytes(StandardCharsets.US_ASCII))))
                .isEqualTo(new Result("+PONG\r\n-ERR Protocol error: invalid bulk length\r\n", false));
        assertSplitInvariant("PING\r\n*1\r\n$x\r\nPING\r\n");
    }

    @Test
    void quitStopsProcessingTheRestOfTheBatch() {
        assertThat(run(List.of("PING\r\nQUIT\r\nPING\r\n".getBytes(StandardCharsets.US_ASCII))))
                .isEqualTo(new Result("+PONG\r\n+OK\r\n", false));
    }

    @Test
    void largeValueByteByByte() {
        String value = "x".repeat(70_000);
        byte[] frame = ("*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$70000\r\n" + value + "\r\n*2\r\n$6\r\nSTRLEN\r\n$1\r\nk\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        List<byte[]> chunks = new java.util.ArrayList<>();
        for (byte b : frame) {
            chunks.add(new byte[] {b});
        }
        assertThat(run(chunks)).isEqualTo(new Result("+OK\r\n:70000\r\n", true));
    }
}
