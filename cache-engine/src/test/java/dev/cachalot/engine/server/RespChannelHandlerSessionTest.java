package dev.cachalot.engine.server;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static dev.cachalot.engine.server.RespChannelHandlerTest.assertSplitInvariant;
import static dev.cachalot.engine.server.RespChannelHandlerTest.run;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Session state across the byte stream: transactions, RESP3, subscriptions to oneself, reply modes
 * and tracking give the same bytes however the stream is cut.
 */
class RespChannelHandlerSessionTest {

    static RespChannelHandlerTest.Result whole(String script) {
        return run(List.of(script.getBytes(StandardCharsets.ISO_8859_1)));
    }

    @Test
    void transactionsSplitAnywhere() {
        String script = "MULTI\r\n*3\r\n$3\r\nSET\r\n$1\r\na\r\n$1\r\n1\r\nINCR a\r\nGET\r\nEXEC\r\n"
                + "WATCH a\r\nMULTI\r\nGET a\r\nEXEC\r\n";
        assertThat(whole(script).replies()).isEqualTo("+OK\r\n+QUEUED\r\n+QUEUED\r\n"
                + "-ERR wrong number of arguments for 'get' command\r\n"
                + "-EXECABORT Transaction discarded because of previous errors.\r\n"
                + "+OK\r\n+OK\r\n+QUEUED\r\n*1\r\n$-1\r\n"); // the aborted transaction set nothing
        assertSplitInvariant(script);
    }

    @Test
    void resp3AndPushesToOneselfSplitAnywhere() {
        String script = "HELLO 3\r\nSUBSCRIBE ch\r\nPUBLISH ch hi\r\nCONFIG GET maxmemory\r\nGET none\r\nRESET\r\nGET none\r\n";
        String replies = whole(script).replies();
        assertThat(replies).endsWith(">3\r\n$9\r\nsubscribe\r\n$2\r\nch\r\n:1\r\n"
                + ">3\r\n$7\r\nmessage\r\n$2\r\nch\r\n$2\r\nhi\r\n:1\r\n"
                + "%1\r\n$9\r\nmaxmemory\r\n$1\r\n0\r\n_\r\n+RESET\r\n$-1\r\n");
        assertSplitInvariant(script);
    }

    @Test
    void replyModesAndTrackingSplitAnywhere() {
        String script = "CLIENT REPLY OFF\r\nPING\r\nCLIENT REPLY ON\r\nCLIENT REPLY SKIP\r\nPING\r\nPING\r\n"
                + "HELLO 3\r\nCLIENT TRACKING on\r\nGET k\r\nSET k v\r\n";
        assertThat(whole(script).replies()).startsWith("+OK\r\n+PONG\r\n%7\r\n")
                .endsWith("+OK\r\n_\r\n+OK\r\n>2\r\n$10\r\ninvalidate\r\n*1\r\n$1\r\nk\r\n");
        assertSplitInvariant(script);
    }
}
