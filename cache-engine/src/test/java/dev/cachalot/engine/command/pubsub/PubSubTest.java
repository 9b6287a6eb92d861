package dev.cachalot.engine.command.pubsub;

import dev.cachalot.engine.EngineClientTest;
import dev.cachalot.engine.TestClients;
import dev.cachalot.engine.TestEngine;
import dev.cachalot.engine.TestRaw;
import io.lettuce.core.RedisClient;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPubSub;

import java.net.Socket;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static dev.cachalot.engine.TestRaw.exchange;
import static org.assertj.core.api.Assertions.assertThat;

/** SUBSCRIBE family, PUBLISH, PUBSUB, RESP2 subscribed mode and RESP3 pushes, keyspace notifications. */
class PubSubTest extends EngineClientTest {

    @Test
    void jedisSubscriberReceivesChannelAndPatternMessages() throws Exception {
        BlockingQueue<String> got = new LinkedBlockingQueue<>();
        JedisPubSub listener = new JedisPubSub() {
            @Override
            public void onMessage(String channel, String message) {
                got.add(channel + "=" + message);
            }

            @Override
            public void onPMessage(String pattern, String channel, String message) {
                got.add(pattern + ">" + channel + "=" + message);
            }
        };
        Jedis sub = TestEngine.jedis(server);
        Thread t = new Thread(() -> sub.subscribe(listener, "news"));
        t.start();
        try {
            while (jedis.pubsubNumSub("news").get("news") == 0L) {
                Thread.sleep(10);
            }
            listener.psubscribe("n*");
            while (jedis.pubsubNumPat() == 0L) {
                Thread.sleep(10);
            }
            assertThat(jedis.publish("news", "hello")).isEqualTo(2);
            assertThat(List.of(got.poll(10, TimeUnit.SECONDS), got.poll(10, TimeUnit.SECONDS)))
                    .containsExactlyInAnyOrder("news=hello", "n*>news=hello");
            assertThat(jedis.publish("nobody", "x")).isEqualTo(1); // the pattern only
            assertThat(got.poll(10, TimeUnit.SECONDS)).isEqualTo("n*>nobody=x");
            assertThat(jedis.pubsubChannels()).containsExactly("news");
            assertThat(jedis.pubsubChannels("ne*")).containsExactly("news");
            assertThat(jedis.pubsubNumSub("news", "other")).isEqualTo(Map.of("news", 1L, "other", 0L));
            assertThat(jedis.info("stats")).contains("pubsub_channels:1\r\n", "pubsub_patterns:1\r\n");
        } finally {
            listener.unsubscribe();
            listener.punsubscribe();
            t.join(10_000);
            sub.close();
        }
        assertThat(jedis.pubsubNumPat()).isZero();
    }

    @Test
    void resp2SubscribedModeAllowsOnlySubscriptionCommands() throws Exception {
        assertThat(exchange(server.port(), "SUBSCRIBE a b\r\nPSUBSCRIBE p*\r\nSSUBSCRIBE s\r\nPING\r\nPING x\r\nGET k\r\n"
                + "PUBSUB NUMPAT\r\nUNSUBSCRIBE\r\nPUNSUBSCRIBE\r\nSUNSUBSCRIBE\r\nUNSUBSCRIBE\r\nPING\r\n"))
                .isEqualTo("*3\r\n$9\r\nsubscribe\r\n$1\r\na\r\n:1\r\n*3\r\n$9\r\nsubscribe\r\n$1\r\nb\r\n:2\r\n"
                        + "*3\r\n$10\r\npsubscribe\r\n$2\r\np*\r\n:3\r\n"
                        + "*3\r\n$10\r\nssubscribe\r\n$1\r\ns\r\n:1\r\n"
                        + "*2\r\n$4\r\npong\r\n$0\r\n\r\n"
                        + "*2\r\n$4\r\npong\r\n$1\r\nx\r\n"
                        + "-ERR Can't execute 'get': only (P|S)SUBSCRIBE / (P|S)UNSUBSCRIBE / PING / QUIT / RESET are allowed in this context\r\n"
                        + "-ERR Can't execute 'pubsub|numpat': only (P|S)SUBSCRIBE / (P|S)UNSUBSCRIBE / PING / QUIT / RESET are allowed in this context\r\n"
                        + "*3\r\n$11\r\nunsubscribe\r\n$1\r\na\r\n:2\r\n*3\r\n$11\r\nunsubscribe\r\n$1\r\nb\r\n:1\r\n"
                        + "*3\r\n$12\r\npunsubscribe\r\n$2\r\np*\r\n:0\r\n"
                        + "*3\r\n$12\r\nsunsubscribe\r\n$1\r\ns\r\n:0\r\n"
                        + "*3\r\n$11\r\nunsubscribe\r\n$-1\r\n:0\r\n"
                        + "+PONG\r\n");
    }

    @Test
    void resp3SubscriberGetsPushesAndKeepsFullCommandSet() throws Exception {
        try (Socket s = new Socket("127.0.0.1", server.port())) {
            assertThat(TestRaw.send(s, "HELLO 3\r\n")).startsWith("%7\r\n");
            assertThat(TestRaw.send(s, "SUBSCRIBE a\r\n")).isEqualTo(">3\r\n$9\r\nsubscribe\r\n$1\r\na\r\n:1\r\n");
            assertThat(TestRaw.send(s, "PUBLISH a hi\r\nGET nokey\r\nPING\r\n"))
                    .isEqualTo(">3\r\n$7\r\nmessage\r\n$1\r\na\r\n$2\r\nhi\r\n:1\r\n_\r\n+PONG\r\n");
            jedis.publish("a", "from-other");
            assertThat(TestRaw.read(s, 300)).isEqualTo(">3\r\n$7\r\nmessage\r\n$1\r\na\r\n$10\r\nfrom-other\r\n");
            assertThat(TestRaw.send(s, "SSUBSCRIBE sh\r\nSPUBLISH sh m\r\nRESET\r\nGET nokey\r\n"))
                    .isEqualTo(">3\r\n$10\r\nssubscribe\r\n$2\r\nsh\r\n:1\r\n>3\r\n$8\r\nsmessage\r\n$2\r\nsh\r\n$1\r\nm\r\n:1\r\n+RESET\r\n$-1\r\n");
        }
        assertThat(jedis.pubsubChannels()).isEmpty();
    }

    @Test
    void lettucePubSubOverResp3() throws Exception {
        RedisClient client = TestClients.lettuce(server);
        try (StatefulRedisPubSubConnection<String, String> c = client.connectPubSub()) {
            BlockingQueue<String> got = new LinkedBlockingQueue<>();
            c.addListener(new RedisPubSubAdapter<>() {
                @Override
                public void message(String channel, String message) {
                    got.add(channel + "=" + message);
                }

                @Override
                public void message(String pattern, String channel, String message) {
                    got.add(pattern + ">" + channel + "=" + message);
                }
            });
            c.sync().subscribe("ch");
            c.sync().psubscribe("c*");
            assertThat(c.sync().ping()).isEqualTo("PONG"); // RESP3: any command works while subscribed
            assertThat(jedis.publish("ch", "v")).isEqualTo(2);
            assertThat(List.of(got.poll(10, TimeUnit.SECONDS), got.poll(10, TimeUnit.SECONDS)))
                    .containsExactlyInAnyOrder("ch=v", "c*>ch=v");
            c.sync().unsubscribe("ch");
            c.sync().punsubscribe("c*");
            assertThat(jedis.publish("ch", "v")).isZero();
        } finally {
            TestClients.shutdown(client);
        }
    }

    @Test
    void keyspaceNotificationsFollowTheConfiguredClasses() throws Exception {
        jedis.configSet("notify-keyspace-events", "KE$");
        try (Socket s = new Socket("127.0.0.1", server.port())) {
            TestRaw.send(s, "PSUBSCRIBE __key*@0__:*\r\n");
            jedis.set("k1", "v");
            assertThat(TestRaw.read(s, 300)).isEqualTo(
                    "*4\r\n$8\r\npmessage\r\n$12\r\n__key*@0__:*\r\n$17\r\n__keyspace@0__:k1\r\n$3\r\nset\r\n"
                            + "*4\r\n$8\r\npmessage\r\n$12\r\n__key*@0__:*\r\n$18\r\n__keyevent@0__:set\r\n$2\r\nk1\r\n");
            jedis.configSet("notify-keyspace-events", "Kg");
            jedis.set("k2", "v"); // a string event is not in the classes any more
            assertThat(TestRaw.read(s, 300)).isEmpty();
        } finally {
            jedis.configSet("notify-keyspace-events", "");
        }
    }

    @Test
    void pubsubHelpAndErrors() throws Exception {
        assertThat(exchange(server.port(), "PUBSUB CHANNELS a b\r\nPUBSUB FOO\r\nPUBLISH a\r\n"))
                .isEqualTo("-ERR unknown subcommand or wrong number of arguments for 'CHANNELS'. Try PUBSUB HELP.\r\n"
                        + "-ERR unknown subcommand 'FOO'. Try PUBSUB HELP.\r\n"
                        + "-ERR wrong number of arguments for 'publish' command\r\n");
        @SuppressWarnings("unchecked")
        List<Object> help = (List<Object>) TestEngine.call(jedis, "PUBSUB", "HELP");
        assertThat(help).first().isEqualTo("PUBSUB <subcommand> [<arg> [value] [opt] ...]. Subcommands are:");
    }
}
