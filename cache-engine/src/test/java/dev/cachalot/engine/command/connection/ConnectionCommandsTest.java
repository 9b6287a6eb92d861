package dev.cachalot.engine.command.connection;

import dev.cachalot.engine.EngineClientTest;
import dev.cachalot.engine.TestEngine;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisConnectionException;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static dev.cachalot.engine.TestEngine.call;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** PING, ECHO, SELECT, AUTH, HELLO, CLIENT, QUIT and the gate's errors through Jedis. */
@SuppressWarnings("unchecked")
class ConnectionCommandsTest extends EngineClientTest {

    @Test
    void pingAndEcho() {
        assertThat(jedis.ping()).isEqualTo("PONG");
        assertThat(call(jedis, "PING", "hello")).isEqualTo("hello");
        assertThat(call(jedis, "ping")).isEqualTo("PONG");
        assertThatThrownBy(() -> call(jedis, "PING", "a", "b")).hasMessage("ERR wrong number of arguments for 'ping' command");
        assertThat(jedis.echo("héllo")).isEqualTo("héllo");
        assertThat(call(jedis, "ECHO", "")).isEqualTo("");
        assertThatThrownBy(() -> call(jedis, "ECHO")).hasMessage("ERR wrong number of arguments for 'echo' command");
    }

    @Test
    void unknownCommandsGetRedisText() {
        assertThatThrownBy(() -> call(jedis, "FOO", "a", "b"))
                .hasMessage("ERR unknown command 'FOO', with args beginning with: 'a' 'b' ");
        assertThatThrownBy(() -> call(jedis, "FOO"))
                .hasMessage("ERR unknown command 'FOO', with args beginning with: ");
        String longArg = "x".repeat(200);
        assertThatThrownBy(() -> call(jedis, "FOO", longArg, "b"))
                .hasMessage("ERR unknown command 'FOO', with args beginning with: '" + "x".repeat(128) + "' ");
        assertThatThrownBy(() -> call(jedis, "FOO", "a\r\nb"))
                .hasMessage("ERR unknown command 'FOO', with args beginning with: 'a  b' ");
        assertThatThrownBy(() -> call(jedis, "y".repeat(200)))
                .hasMessage("ERR unknown command '" + "y".repeat(128) + "', with args beginning with: ");
        assertThat(jedis.ping()).isEqualTo("PONG"); // the connection stays usable
    }

    @Test
    void commandNamesAreCaseInsensitive() {
        assertThat(call(jedis, "eChO", "x")).isEqualTo("x");
        assertThat(call(jedis, "client", "ID")).isInstanceOf(Long.class);
    }

    @Test
    void select() {
        try (Jedis j = TestEngine.jedis(server)) {
            assertThat(j.select(15)).isEqualTo("OK");
            assertThatThrownBy(() -> j.select(16)).hasMessage("ERR DB index is out of range");
            assertThatThrownBy(() -> j.select(-1)).hasMessage("ERR DB index is out of range");
            assertThatThrownBy(() -> call(j, "SELECT", "x")).hasMessage("ERR value is not an integer or out of range");
            assertThatThrownBy(() -> call(j, "SELECT", "4294967296")).hasMessage("ERR value is not an integer or out of range");
            assertThatThrownBy(() -> call(j, "SELECT", "01")).hasMessage("ERR value is not an integer or out of range");
        }
    }

    @Test
    void authWithoutPasswordConfigured() {
        assertThatThrownBy(() -> call(jedis, "AUTH", "secret")).hasMessage("ERR AUTH <password> called without any password "
                + "configured for the default user. Are you sure your configuration is correct?");
        assertThat(call(jedis, "AUTH", "default", "anything")).isEqualTo("OK");
        assertThatThrownBy(() -> call(jedis, "AUTH", "bob", "pw"))
                .hasMessage("WRONGPASS invalid username-password pair or user is disabled.");
        assertThatThrownBy(() -> call(jedis, "AUTH", "a", "b", "c")).hasMessage("ERR syntax error");
    }

    @Test
    void hello() {
        List<Object> reply = (List<Object>) call(jedis, "HELLO");
        assertThat(reply).hasSize(14);
        assertThat(reply.subList(0, 6)).containsExactly("server", "redis", "version", "7.2.4", "proto", 2L);
        assertThat(reply.get(6)).isEqualTo("id");
        assertThat(reply.subList(8, 14)).containsExactly("mode", "standalone", "role", "master", "modules", List.of());
        assertThat(call(jedis, "HELLO", "2")).isEqualTo(reply);
        assertThatThrownBy(() -> call(jedis, "HELLO", "4")).hasMessage("NOPROTO unsupported protocol version");
        assertThatThrownBy(() -> call(jedis, "HELLO", "x")).hasMessage("ERR Protocol version is not an integer or out of range");
        assertThatThrownBy(() -> call(jedis, "HELLO", "2", "FOO")).hasMessage("ERR Syntax error in HELLO option 'FOO'");
        assertThat(call(jedis, "HELLO", "2", "SETNAME", "via-hello")).isEqualTo(reply);
        assertThat(jedis.clientGetname()).isEqualTo("via-hello");
        assertThat(call(jedis, "HELLO", "2", "AUTH", "default", "pw")).isEqualTo(reply);
        assertThatThrownBy(() -> call(jedis, "HELLO", "2", "AUTH", "bob", "pw"))
                .hasMessage("WRONGPASS invalid username-password pair or user is disabled.");
    }

    @Test
    void clientSubcommands() {
        try (Jedis j = TestEngine.jedis(server)) {
            long id = j.clientId();
            assertThat(id).isPositive();
            assertThat(j.clientGetname()).isNull();
            assertThat(j.clientSetname("worker-1")).isEqualTo("OK");
            assertThat(j.clientGetname()).isEqualTo("worker-1");
            assertThatThrownBy(() -> j.clientSetname("a b"))
                    .hasMessage("ERR Client names cannot contain spaces, newlines or special characters.");
            assertThat(call(j, "CLIENT", "SETINFO", "LIB-NAME", "mylib")).isEqualTo("OK");
            assertThat(call(j, "CLIENT", "SETINFO", "lib-ver", "1.2")).isEqualTo("OK");
            assertThatThrownBy(() -> call(j, "CLIENT", "SETINFO", "color", "red")).hasMessage("ERR Unrecognized option 'color'");
            assertThatThrownBy(() -> call(j, "CLIENT", "SETINFO", "lib-name", "a b"))
                    .hasMessage("ERR lib-name cannot contain spaces, newlines or special characters.");
            String info = j.clientInfo();
            assertThat(info).startsWith("id=" + id + " addr=").contains(" name=worker-1 ", " lib-name=mylib", " lib-ver=1.2", " db=0 ");
            assertThat(j.clientList()).contains("id=" + id + " ");
            assertThat(j.clientSetname("")).isEqualTo("OK");
            assertThat(j.clientGetname()).isNull();
            assertThatThrownBy(() -> call(j, "CLIENT", "NOPE")).hasMessage("ERR unknown subcommand 'NOPE'. Try CLIENT HELP.");
            assertThatThrownBy(() -> call(j, "client", "nope")).hasMessage("ERR unknown subcommand 'nope'. Try CLIENT HELP.");
            assertThatThrownBy(() -> call(j, "CLIENT")).hasMessage("ERR wrong number of arguments for 'client' command");
            assertThatThrownBy(() -> call(j, "CLIENT", "SETNAME"))
                    .hasMessage("ERR wrong number of arguments for 'client|setname' command");
        }
    }

    @Test
    void jedisSendsItsLibraryNameOnConnect() {
        try (Jedis j = TestEngine.jedis(server)) {
            assertThat(j.clientInfo()).contains("lib-name=jedis");
        }
    }

    @Test
    void clientKill() {
        try (Jedis victim = TestEngine.jedis(server)) {
            long id = victim.clientId();
            assertThat(call(jedis, "CLIENT", "KILL", "ID", Long.toString(id))).isEqualTo(1L);
            assertThatThrownBy(victim::ping).isInstanceOf(JedisConnectionException.class);
        }
    }

    @Test
    void quitRepliesOkAndCloses() throws Exception {
        try (Socket s = new Socket("127.0.0.1", server.port())) {
            OutputStream out = s.getOutputStream();
            out.write("*1\r\n$4\r\nQUIT\r\n*1\r\n$4\r\nPING\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            assertThat(new String(in.readAllBytes(), StandardCharsets.US_ASCII)).isEqualTo("+OK\r\n");
        }
    }
}
