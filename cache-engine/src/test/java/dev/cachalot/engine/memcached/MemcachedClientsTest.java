package dev.cachalot.engine.memcached;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cachalot.engine.EngineConfig;
import dev.cachalot.engine.EngineServer;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import net.rubyeye.xmemcached.GetsResponse;
import net.rubyeye.xmemcached.MemcachedClient;
import net.rubyeye.xmemcached.XMemcachedClientBuilder;
import net.rubyeye.xmemcached.command.BinaryCommandFactory;
import net.rubyeye.xmemcached.command.TextCommandFactory;
import net.rubyeye.xmemcached.utils.AddrUtil;
import net.spy.memcached.CASResponse;
import net.spy.memcached.CASValue;
import net.spy.memcached.ConnectionFactoryBuilder;
import net.spy.memcached.auth.AuthDescriptor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Maintained Java clients against a memcached node, over real sockets: xmemcached and spymemcached,
 * each with the text and the binary protocol, and SASL PLAIN authentication (spymemcached, and raw frames).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MemcachedClientsTest {

    private EngineServer node;

    @BeforeAll
    void start() throws Exception {
        node = EngineServer.start(EngineConfig.defaults().withEngine(EngineConfig.Engine.MEMCACHED));
    }

    @AfterAll
    void stop() {
        node.close();
    }

    private MemcachedClient xmemcached(boolean binary) throws Exception {
        XMemcachedClientBuilder builder = new XMemcachedClientBuilder(AddrUtil.getAddresses("127.0.0.1:" + node.port()));
        builder.setCommandFactory(binary ? new BinaryCommandFactory() : new TextCommandFactory());
        builder.setConnectTimeout(5000);
        builder.setOpTimeout(5000);
        return builder.build();
    }

    @ParameterizedTest(name = "binary={0}")
    @ValueSource(booleans = {false, true})
    void xmemcachedEveryCommand(boolean binary) throws Exception {
        String p = binary ? "xb:" : "xt:";
        MemcachedClient c = xmemcached(binary);
        try {
            assertThat(c.set(p + "k", 0, "hello")).isTrue();
            assertThat(c.<String>get(p + "k")).isEqualTo("hello");
            assertThat(c.add(p + "k", 0, "other")).isFalse();
            assertThat(c.add(p + "new", 100, "first")).isTrue();
            assertThat(c.replace(p + "missing", 0, "x")).isFalse();
            assertThat(c.replace(p + "k", 0, "world")).isTrue();
            assertThat(c.append(p + "k", "!")).isTrue();
            assertThat(c.prepend(p + "k", ">")).isTrue();
            assertThat(c.<String>get(p + "k")).isEqualTo(">world!");
            GetsResponse<String> gets = c.gets(p + "k");
            assertThat(gets.getCas()).isPositive();
            assertThat(c.cas(p + "k", 0, "swapped", gets.getCas())).isTrue();
            assertThat(c.cas(p + "k", 0, "stale", gets.getCas())).isFalse();
            assertThat(c.<String>get(p + "k")).isEqualTo("swapped");
            Map<String, String> many = c.get(List.of(p + "k", p + "new", p + "absent"));
            assertThat(many).containsOnly(Map.entry(p + "k", "swapped"), Map.entry(p + "new", "first"));
            assertThat(c.incr(p + "n", 5, 10)).isEqualTo(10);
            assertThat(c.incr(p + "n", 5)).isEqualTo(15);
            assertThat(c.decr(p + "n", 100)).isEqualTo(0);
            assertThat(c.touch(p + "k", 100)).isTrue();
            if (binary) { // xmemcached sends GAT only in the binary protocol
                assertThat(c.<String>getAndTouch(p + "k", 200)).isEqualTo("swapped");
            }
            assertThat(c.delete(p + "k")).isTrue();
            assertThat(c.delete(p + "k")).isFalse();
            assertThat(c.<String>get(p + "k")).isNull();
            byte[] big = new byte[900_000];
            new java.util.Random(1).nextBytes(big);
            assertThat(c.set(p + "big", 0, big)).isTrue();
            assertThat(c.<byte[]>get(p + "big")).isEqualTo(big);
            Map<InetSocketAddress, Map<String, String>> stats = c.getStats();
            assertThat(stats.values().iterator().next()).containsKeys("curr_items", "get_hits", "limit_maxbytes");
            assertThat(c.getVersions().values()).containsExactly("1.6.22");
            c.flushAll();
            assertThat(c.<String>get(p + "new")).isNull();
        } finally {
            c.shutdown();
        }
    }

    @ParameterizedTest(name = "binary={0}")
    @ValueSource(booleans = {false, true})
    void spymemcachedEveryCommand(boolean binary) throws Exception {
        String p = binary ? "sb:" : "st:";
        net.spy.memcached.MemcachedClient c = new net.spy.memcached.MemcachedClient(new ConnectionFactoryBuilder()
                .setProtocol(binary ? ConnectionFactoryBuilder.Protocol.BINARY : ConnectionFactoryBuilder.Protocol.TEXT)
                .setOpTimeout(5000).build(), net.spy.memcached.AddrUtil.getAddresses("127.0.0.1:" + node.port()));
        try {
            assertThat(c.set(p + "k", 0, "hello").get(5, TimeUnit.SECONDS)).isTrue();
            assertThat(c.get(p + "k")).isEqualTo("hello");
            assertThat(c.add(p + "k", 0, "x").get(5, TimeUnit.SECONDS)).isFalse();
            assertThat(c.replace(p + "k", 0, "world").get(5, TimeUnit.SECONDS)).isTrue();
            CASValue<Object> gets = c.gets(p + "k");
            assertThat(c.cas(p + "k", gets.getCas(), "swapped")).isEqualTo(CASResponse.OK);
            assertThat(c.cas(p + "k", gets.getCas(), "stale")).isEqualTo(CASResponse.EXISTS);
            assertThat(c.append(gets.getCas() + 1, p + "k", "!").get(5, TimeUnit.SECONDS)).isTrue();
            assertThat(c.getBulk(p + "k", p + "none")).containsOnly(Map.entry(p + "k", "swapped!"));
            assertThat(c.incr(p + "n", 2, 40)).isEqualTo(40);
            assertThat(c.incr(p + "n", 2)).isEqualTo(42);
            assertThat(c.decr(p + "n", 50)).isEqualTo(0);
            assertThat(c.touch(p + "k", 100).get(5, TimeUnit.SECONDS)).isTrue();
            if (binary) { // spymemcached sends get-and-touch only in the binary protocol
                assertThat(c.getAndTouch(p + "k", 100).getValue()).isEqualTo("swapped!");
            }
            assertThat(c.delete(p + "k").get(5, TimeUnit.SECONDS)).isTrue();
            assertThat(c.get(p + "k")).isNull();
            assertThat(c.getStats().values().iterator().next()).containsKeys("curr_items", "evictions");
            assertThat(c.getVersions().values()).containsExactly("1.6.22");
        } finally {
            c.shutdown(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void saslPlainThroughBothClients(@TempDir Path dir) throws Exception {
        Path passwords = dir.resolve("sasl.pwdb");
        Files.writeString(passwords, "alice:wonderland\n");
        try (EngineServer secured = EngineServer.start(EngineConfig.defaults().withEngine(EngineConfig.Engine.MEMCACHED)
                .withMemcached(MemcachedOptions.DEFAULTS.withSaslPasswordFile(passwords.toString())))) {
            String address = "127.0.0.1:" + secured.port();

            net.spy.memcached.MemcachedClient spy = new net.spy.memcached.MemcachedClient(new ConnectionFactoryBuilder()
                    .setProtocol(ConnectionFactoryBuilder.Protocol.BINARY)
                    .setAuthDescriptor(new AuthDescriptor(new String[] {"PLAIN"},
                            new net.spy.memcached.auth.PlainCallbackHandler("alice", "wonderland"))).setOpTimeout(5000).build(),
                    net.spy.memcached.AddrUtil.getAddresses(address));
            try {
                assertThat(spy.set("sasl", 0, "in").get(5, TimeUnit.SECONDS)).isTrue();
                assertThat(spy.get("sasl")).isEqualTo("in");
            } finally {
                spy.shutdown(5, TimeUnit.SECONDS);
            }

            try (RawClient raw = new RawClient(secured.port())) {
                raw.send(Bin.request(Bin.GET, "sasl", new byte[0], new byte[0], 0));
                assertThat(Bin.describe(raw.readBytes(24 + "Auth failure.".length()))).contains("status=32", "Auth failure.");
                raw.send(Bin.request(Bin.SASL_AUTH, "PLAIN", new byte[0], "\0alice\0wrong".getBytes(), 0));
                assertThat(Bin.describe(raw.readBytes(24 + "Auth failure.".length()))).contains("status=32");
                raw.send(Bin.request(Bin.SASL_AUTH, "PLAIN", new byte[0], "\0alice\0wonderland".getBytes(), 0));
                assertThat(Bin.describe(raw.readBytes(24 + "Authenticated".length()))).contains("status=0", "Authenticated");
            }
            try (RawClient text = new RawClient(secured.port())) {
                text.send("get sasl\r\n");
                assertThat(text.readUntil("")).isEqualTo("<CLOSED>"); // binary only, as memcached -S
            }
        }
    }

    @Test
    void xmemcachedReportsAServerErrorForTooLargeItems() throws Exception {
        try (EngineServer small = EngineServer.start(EngineConfig.defaults().withEngine(EngineConfig.Engine.MEMCACHED)
                .withMemcached(MemcachedOptions.DEFAULTS.withMaxItemSize(512 * 1024)))) {
            XMemcachedClientBuilder builder = new XMemcachedClientBuilder(AddrUtil.getAddresses("127.0.0.1:" + small.port()));
            MemcachedClient c = builder.build();
            byte[] random = new byte[600 * 1024]; // incompressible, so the client sends all of it
            new java.util.Random(5).nextBytes(random);
            try {
                assertThatThrownBy(() -> c.set("huge", 0, random)).hasMessageContaining("object too large for cache");
                assertThat(c.set("fits", 0, new byte[100])).isTrue();
            } finally {
                c.shutdown();
            }
        }
    }
}
