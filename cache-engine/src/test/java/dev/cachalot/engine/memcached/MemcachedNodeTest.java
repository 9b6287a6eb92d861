package dev.cachalot.engine.memcached;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cachalot.engine.EngineConfig;
import dev.cachalot.engine.EngineServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A memcached node through a raw socket: memory limit and LRU eviction with memcached's counters, the
 * item size limit, stats names, Auto Discovery and the admin channel, and a node that keeps serving
 * after a client sent garbage.
 */
class MemcachedNodeTest {

    static EngineServer start(MemcachedOptions options, long maxmemory) throws InterruptedException {
        return EngineServer.start(EngineConfig.defaults().withEngine(EngineConfig.Engine.MEMCACHED)
                .withMaxmemory(maxmemory).withMemcached(options));
    }

    static Map<String, String> stats(RawClient c, String group) throws IOException {
        c.send(group.isEmpty() ? "stats\r\n" : "stats " + group + "\r\n");
        Map<String, String> stats = new LinkedHashMap<>();
        for (String line : c.readUntil("END\r\n").split("\r\n")) {
            if (line.startsWith("STAT ")) {
                String[] p = line.split(" ", 3);
                stats.put(p[1], p[2]);
            }
        }
        return stats;
    }

    @Test
    void fillingPastTheLimitEvictsTheLeastRecentlyUsedItems() throws Exception {
        try (EngineServer node = start(MemcachedOptions.DEFAULTS, 2 * 1024 * 1024); RawClient c = new RawClient(node.port())) {
            String value = "v".repeat(1000);
            assertThat(c.call("set hot 0 0 1000\r\n" + value + "\r\n")).isEqualTo("STORED\r\n");
            StringBuilder batch = new StringBuilder();
            for (int i = 0; i < 5000; i++) {
                batch.append("set key").append(i).append(" 0 0 1000 noreply\r\n").append(value).append("\r\n");
                if (i % 100 == 0) {
                    batch.append("get hot\r\n"); // keeps "hot" at the head of the LRU
                }
            }
            c.call(batch.toString());
            Map<String, String> stats = stats(c, "");
            assertThat(Long.parseLong(stats.get("evictions"))).isGreaterThan(3000);
            assertThat(Long.parseLong(stats.get("bytes"))).isLessThanOrEqualTo(2 * 1024 * 1024);
            assertThat(stats.get("limit_maxbytes")).isEqualTo(Long.toString(2 * 1024 * 1024));
            assertThat(Long.parseLong(stats.get("curr_items"))).isBetween(1000L, 2100L);
            assertThat(c.call("get key0\r\n")).isEqualTo("END\r\n");
            assertThat(c.call("get hot\r\n")).startsWith("VALUE hot 0 1000\r\n");
            assertThat(c.call("get key4999\r\n")).startsWith("VALUE key4999 0 1000\r\n");
            assertThat(stats(c, "items").entrySet())
                    .anyMatch(e -> e.getKey().endsWith(":evicted") && Long.parseLong(e.getValue()) > 3000);
        }
    }

    @Test
    void withErrorOnMemoryExhaustedAFullNodeRefusesInsteadOfEvicting() throws Exception {
        MemcachedOptions options = MemcachedOptions.DEFAULTS.with("--error-on-memory-exhausted", "1");
        try (EngineServer node = start(options, 1024 * 1024); RawClient c = new RawClient(node.port())) {
            String value = "v".repeat(1000);
            String last = "";
            for (int i = 0; i < 2000 && !last.startsWith("SERVER_ERROR"); i++) {
                last = c.call("set key" + i + " 0 0 1000\r\n" + value + "\r\n");
            }
            assertThat(last).isEqualTo("SERVER_ERROR out of memory storing object\r\n");
            assertThat(stats(c, "").get("evictions")).isEqualTo("0");
            assertThat(c.call("get key0\r\n")).startsWith("VALUE key0");
        }
    }

    @Test
    void theItemSizeLimitFollowsMaxItemSize() throws Exception {
        MemcachedOptions options = MemcachedOptions.DEFAULTS.withMaxItemSize(2 * 1024 * 1024);
        try (EngineServer node = start(options, 64 * 1024 * 1024); RawClient c = new RawClient(node.port())) {
            String big = "b".repeat(1_500_000);
            assertThat(c.call("set big 0 0 1500000\r\n" + big + "\r\n")).isEqualTo("STORED\r\n");
            assertThat(c.call("get big\r\n")).hasSize(1_500_000 + "VALUE big 0 1500000\r\n\r\nEND\r\n".length());
            String tooBig = "t".repeat(2_100_000);
            assertThat(c.call("set big 0 0 2100000\r\n" + tooBig + "\r\n"))
                    .isEqualTo("SERVER_ERROR object too large for cache\r\n");
            assertThat(c.call("get big\r\n")).isEqualTo("END\r\n"); // a failed set leaves no stale value
            assertThat(stats(c, "settings").get("item_size_max")).isEqualTo("2097152");
            assertThat(stats(c, "").get("store_too_large")).isEqualTo("1");
        }
    }

    @Test
    void statsHaveMemcachedsNames() throws Exception {
        try (EngineServer node = start(MemcachedOptions.DEFAULTS, 0); RawClient c = new RawClient(node.port())) {
            c.call("set a 0 0 1\r\nx\r\nget a\r\nget b\r\nincr a 1\r\ndelete a\r\n");
            Map<String, String> stats = stats(c, "");
            assertThat(stats).containsKeys("pid", "uptime", "time", "version", "curr_connections", "total_connections",
                    "cmd_get", "cmd_set", "get_hits", "get_misses", "get_expired", "delete_hits", "incr_misses",
                    "bytes_read", "bytes_written", "limit_maxbytes", "threads", "bytes", "curr_items", "total_items",
                    "evictions", "reclaimed");
            assertThat(stats.get("limit_maxbytes")).isEqualTo(Long.toString(64 * 1024 * 1024));
            assertThat(stats.get("get_hits")).isEqualTo("1");
            assertThat(stats.get("get_misses")).isEqualTo("1");
            assertThat(stats.get("cmd_set")).isEqualTo("1");
            assertThat(stats.get("delete_hits")).isEqualTo("1");
            assertThat(stats.get("curr_items")).isEqualTo("0");
            assertThat(stats.get("curr_connections")).isEqualTo("1");
            assertThat(stats(c, "settings")).containsEntry("maxbytes", Long.toString(64 * 1024 * 1024))
                    .containsEntry("item_size_max", "1048576").containsEntry("growth_factor", "1.25")
                    .containsEntry("chunk_size", "48");
            assertThat(stats(c, "conns")).isNotEmpty();
            assertThat(c.call("stats sizes\r\n")).isEqualTo("STAT sizes_status disabled\r\nEND\r\n");
            assertThat(c.call("stats reset\r\n")).isEqualTo("RESET\r\n");
            assertThat(stats(c, "").get("get_hits")).isEqualTo("0");
        }
    }

    @Test
    void garbageFromOneClientLeavesTheOthersServed() throws Exception {
        try (EngineServer node = start(MemcachedOptions.DEFAULTS, 0); RawClient good = new RawClient(node.port())) {
            assertThat(good.call("set k 0 0 2\r\nok\r\n")).isEqualTo("STORED\r\n");
            byte[] garbage = new byte[100_000];
            new java.util.Random(7).nextBytes(garbage);
            garbage[0] = 'x';
            try (RawClient bad = new RawClient(node.port())) {
                bad.send(garbage);
                bad.readUntil("");
            }
            try (RawClient bad = new RawClient(node.port())) {
                garbage[0] = (byte) 0x80; // "binary", with nonsense lengths
                bad.send(garbage);
                bad.readUntil("");
            }
            assertThat(good.call("get k\r\n")).isEqualTo("VALUE k 0 2\r\nok\r\nEND\r\n");
        }
    }

    @Test
    void autoDiscoveryIsSetOverTheAdminChannelAndReadByEveryone(@TempDir Path dir) throws Exception {
        Path token = dir.resolve("admin.token");
        Files.writeString(token, "s3cret\n");
        MemcachedOptions options = MemcachedOptions.DEFAULTS.withAdminTokenFile(token.toString());
        try (EngineServer node = start(options, 0); RawClient c = new RawClient(node.port())) {
            assertThat(c.call("config get cluster\r\n")).isEqualTo("ERROR\r\n");
            String config = "3\nmc.abc.0001.cachalot.internal|10.0.0.1|11211 mc.abc.0002.cachalot.internal|10.0.0.2|11212\n";
            int len = config.getBytes(StandardCharsets.US_ASCII).length;
            assertThat(c.call("config set cluster wrong " + len + "\r\n" + config + "\r\n"))
                    .isEqualTo("CLIENT_ERROR unauthorized\r\n");
            assertThat(c.call("config set cluster s3cret " + len + "\r\n" + config + "\r\n")).isEqualTo("STORED\r\n");
            assertThat(c.call("config get cluster\r\n")).isEqualTo("CONFIG cluster 0 " + len + "\r\n" + config + "\r\nEND\r\n");
            String older = "2\nx|10.0.0.9|1\n";
            assertThat(c.call("config set cluster s3cret " + older.length() + "\r\n" + older + "\r\n")).isEqualTo("NOT_STORED\r\n");
            assertThat(c.call("config set cluster s3cret 4\r\nabc\n\r\n")).startsWith("CLIENT_ERROR expected");
            assertThat(c.call("config set max-item-size s3cret 2097152\r\n")).isEqualTo("OK\r\n");
            assertThat(stats(c, "settings").get("item_size_max")).isEqualTo("2097152");
            assertThat(c.call("config set chunk-size s3cret 96\r\n"))
                    .isEqualTo("CLIENT_ERROR chunk-size takes effect when the node restarts\r\n");
            assertThat(c.call("config set chunk-size s3cret 48\r\n")).isEqualTo("OK\r\n");
            assertThat(c.call("config set maxmemory s3cret 10485760\r\n")).isEqualTo("OK\r\n");
            assertThat(stats(c, "").get("limit_maxbytes")).isEqualTo("10485760");
            assertThat(c.call("config set nonsense s3cret 1\r\n")).isEqualTo("CLIENT_ERROR unknown setting nonsense\r\n");
            assertThat(c.call("config set maxmemory wrong 1\r\n")).isEqualTo("CLIENT_ERROR unauthorized\r\n");
            assertThat(c.call("config get nonsense\r\n")).isEqualTo("ERROR\r\n");
        }
    }

    @Test
    void connectionsBeyondTheLimitAreRefusedAndIdleOnesClosed(@TempDir Path dir) throws Exception {
        Path token = dir.resolve("t");
        Files.writeString(token, "tok");
        MemcachedOptions options = MemcachedOptions.DEFAULTS.with("--max-connections", "2").withAdminTokenFile(token.toString());
        try (EngineServer node = start(options, 0); RawClient first = new RawClient(node.port());
             RawClient second = new RawClient(node.port())) {
            assertThat(first.call("version\r\n")).startsWith("VERSION");
            assertThat(second.call("version\r\n")).startsWith("VERSION");
            try (RawClient third = new RawClient(node.port())) {
                assertThat(third.readUntil("")).isEqualTo("ERROR Too many open connections\r\n<CLOSED>");
            }
            assertThat(stats(first, "").get("rejected_connections")).isEqualTo("1");
            assertThat(first.call("config set idle-timeout tok 1\r\n")).isEqualTo("OK\r\n");
            // the idle one is closed (memcached's idle_timeout); waiting, not timing, decides the test
            assertThat(second.readUntilClosed()).isTrue();
        }
    }

    @Test
    void numbersAreFormattedAsUnsigned64BitDecimals() {
        byte[] out = new byte[24];
        for (long v : new long[] {0, 9, 10, 100, 1048576, Long.MAX_VALUE, -1L, Long.MIN_VALUE, -10L}) {
            int n = ItemStore.formatUnsigned(v, out);
            assertThat(new String(out, 0, n, StandardCharsets.US_ASCII)).isEqualTo(Long.toUnsignedString(v));
        }
    }

    @Test
    void withoutAnAdminTokenNobodyCanSetTheConfiguration() throws Exception {
        try (EngineServer node = start(MemcachedOptions.DEFAULTS, 0); RawClient c = new RawClient(node.port())) {
            assertThat(c.call("config set cluster x 4\r\n1\nx\n\r\n")).isEqualTo("CLIENT_ERROR unauthorized\r\n");
            assertThat(c.call("config get cluster\r\n")).isEqualTo("ERROR\r\n");
        }
    }
}
