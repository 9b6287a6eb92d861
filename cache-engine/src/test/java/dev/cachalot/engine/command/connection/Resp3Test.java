package dev.cachalot.engine.command.connection;

import dev.cachalot.engine.EngineClientTest;
import dev.cachalot.engine.TestEngine;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.RedisProtocol;

import java.time.Duration;
import java.util.Map;

import static dev.cachalot.engine.TestRaw.exchange;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** HELLO and RESP3 reply types, through Jedis (RESP2 and RESP3), Lettuce (RESP3 by default) and raw bytes. */
class Resp3Test extends EngineClientTest {

    @Test
    void helloSwitchesProtocolAndAnswersInTheNewOne() throws Exception {
        String hello3 = "%7\r\n$6\r\nserver\r\n$5\r\nredis\r\n$7\r\nversion\r\n$5\r\n7.2.4\r\n$5\r\nproto\r\n:3\r\n"
                + "$2\r\nid\r\n:ID\r\n$4\r\nmode\r\n$10\r\nstandalone\r\n$4\r\nrole\r\n$6\r\nmaster\r\n$7\r\nmodules\r\n*0\r\n";
        String got = exchange(server.port(), "HELLO 3\r\nCLIENT ID\r\nGET nokey\r\nHELLO\r\nHELLO 2\r\nGET nokey\r\n");
        String id = got.substring(got.indexOf("id\r\n:") + 5, got.indexOf("\r\n$4\r\nmode"));
        String hello3WithId = hello3.replace(":ID", ":" + id);
        assertThat(got).isEqualTo(hello3WithId + ":" + id + "\r\n" + "_\r\n" + hello3WithId
                + hello3WithId.replace("%7", "*14").replace(":3\r\n$2", ":2\r\n$2") + "$-1\r\n");
    }

    @Test
    void helloErrorsAreRedis72s() throws Exception {
        assertThat(exchange(server.port(), "HELLO 4\r\nHELLO 1\r\nHELLO x\r\nHELLO 3 FOO\r\nHELLO 3 SETNAME\r\n"
                + "HELLO 3 AUTH nobody pw\r\nGET k\r\n"))
                .isEqualTo("-NOPROTO unsupported protocol version\r\n"
                        + "-NOPROTO unsupported protocol version\r\n"
                        + "-ERR Protocol version is not an integer or out of range\r\n"
                        + "-ERR Syntax error in HELLO option 'FOO'\r\n"
                        + "-ERR Syntax error in HELLO option 'SETNAME'\r\n"
                        + "-WRONGPASS invalid username-password pair or user is disabled.\r\n"
                        + "$-1\r\n");
        assertThat(exchange(server.port(), "HELLO 3 SETNAME \"a b\" AUTH default x\r\nHELLO 3 AUTH default pw SETNAME app\r\nCLIENT GETNAME\r\n"))
                .startsWith("-ERR Client names cannot contain spaces, newlines or special characters.\r\n%7\r\n")
                .endsWith("$3\r\napp\r\n");
    }

    @Test
    void resp3TypesForMapsSetsNullsAndVerbatimText() throws Exception {
        String got = exchange(server.port(), "HELLO 3\r\nCONFIG GET maxmemory\r\nINFO keyspace\r\nCOMMAND INFO nosuch\r\n");
        assertThat(got.substring(got.indexOf("*0\r\n") + 4)).isEqualTo(
                "%1\r\n$9\r\nmaxmemory\r\n$1\r\n0\r\n"
                        + "=16\r\ntxt:# Keyspace\r\n\r\n"
                        + "*1\r\n_\r\n");
    }

    @Test
    void jedisSpeaksResp3() {
        try (Jedis resp3 = new Jedis("127.0.0.1", server.port(),
                DefaultJedisClientConfig.builder().protocol(RedisProtocol.RESP3).clientName("j3").build())) {
            resp3.set("k", "v");
            assertThat(resp3.get("k")).isEqualTo("v");
            assertThat(resp3.get("missing")).isNull();
            assertThat(resp3.configGet("maxmemory")).isEqualTo(Map.of("maxmemory", "0"));
            assertThat(resp3.clientInfo()).contains(" resp=3 ", "name=j3 ");
            assertThat(resp3.info("server")).contains("redis_version:7.2.4");
        }
        assertThat(jedis.configGet("maxmemory")).isEqualTo(Map.of("maxmemory", "0"));
        assertThat(jedis.clientInfo()).contains(" resp=2 ");
    }

    @Test
    void lettuceNegotiatesResp3ByDefault() {
        RedisClient client = RedisClient.create(RedisURI.builder().withHost("127.0.0.1").withPort(server.port())
                .withTimeout(Duration.ofSeconds(10)).withClientName("lettuce3").build());
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            RedisCommands<String, String> redis = connection.sync();
            assertThat(redis.clientInfo()).contains(" resp=3 ", "name=lettuce3 ");
            assertThat(redis.set("k", "v")).isEqualTo("OK");
            assertThat(redis.get("k")).isEqualTo("v");
            assertThat(redis.get("nope")).isNull();
            assertThat(redis.configGet("maxmemory")).containsEntry("maxmemory", "0");
            assertThat(redis.info("keyspace")).contains("db0:keys=1");
            assertThatThrownBy(() -> redis.incr("k")).hasMessageContaining("ERR value is not an integer or out of range");
        } finally {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(5));
        }
    }
}
