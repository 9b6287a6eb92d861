package dev.cachalot.agent.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NodeStoreTest {

    @TempDir
    Path nodesDir;

    @Test
    void savesLoadsListsAndDeletes() throws Exception {
        NodeStore store = new NodeStore(nodesDir);
        DesiredNode spec = new DesiredNode("cluster-0001", Engine.VALKEY, "8.1.0", 0, 1 << 20, 7);
        NodeRecord record = new NodeRecord(spec, 6401, 1234, 6, 1_700_000_000_000L);

        store.save(record);
        store.save(NodeRecord.notStarted(new DesiredNode("a-node", Engine.REDIS, "", 6500, 0, 1), 6500));
        Files.writeString(store.logFile("cluster-0001"), "some log\n");

        assertThat(store.load("cluster-0001")).isEqualTo(record);
        assertThat(store.nodeIds()).containsExactly("a-node", "cluster-0001");
        assertThat(store.exists("cluster-0001")).isTrue();
        assertThat(nodesDir.resolve("cluster-0001").resolve("node.properties.tmp")).doesNotExist();

        store.delete("cluster-0001");
        store.delete("cluster-0001");
        assertThat(store.nodeIds()).containsExactly("a-node");
        assertThat(nodesDir.resolve("cluster-0001")).doesNotExist();
    }

    @Test
    void parametersAreKeptWithTheSpec() throws Exception {
        NodeStore store = new NodeStore(nodesDir);
        DesiredNode spec = new DesiredNode("with-params", Engine.REDIS, "7.1.0", 0, 1 << 20, 3,
                java.util.Map.of("maxmemory-policy", "allkeys-lru", "notify-keyspace-events", "", "timeout", "300"));
        store.save(NodeRecord.notStarted(spec, 6402));
        assertThat(store.load("with-params").spec().parameters())
                .containsExactly(java.util.Map.entry("maxmemory-policy", "allkeys-lru"),
                        java.util.Map.entry("notify-keyspace-events", ""), java.util.Map.entry("timeout", "300"));
    }

    @Test
    void aMemcachedNodeKeepsItsAutoDiscoveryList() throws Exception {
        NodeStore store = new NodeStore(nodesDir);
        DesiredNode.AutoDiscovery list = DesiredNode.AutoDiscovery.parse(5, "a.cfg|10.0.0.1|11211 b.x|10.0.0.2|11212");
        DesiredNode spec = new DesiredNode("mc-1", Engine.MEMCACHED, "1.6.22", 0, 1 << 20, 2,
                java.util.Map.of("max-item-size", "2097152"), list);
        store.save(NodeRecord.notStarted(spec, 11211));
        assertThat(store.load("mc-1").spec()).isEqualTo(spec);
        assertThat(list.payload()).isEqualTo("5\na.cfg|10.0.0.1|11211 b.x|10.0.0.2|11212\n");
        assertThat(store.adminTokenFile("mc-1")).exists().isEqualTo(store.adminTokenFile("mc-1"));
    }

    @Test
    void aCorruptRecordIsAnIOException() throws Exception {
        NodeStore store = new NodeStore(nodesDir);
        Files.createDirectories(nodesDir.resolve("broken"));
        Files.writeString(nodesDir.resolve("broken").resolve("node.properties"), "node-id=broken\nspec.engine=memcached\n");
        Files.createDirectories(nodesDir.resolve("empty"));

        assertThatThrownBy(() -> store.load("broken")).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> store.load("empty")).isInstanceOf(IOException.class);
    }

    @Test
    void idsCannotEscapeTheNodesDirectory() {
        NodeStore store = new NodeStore(nodesDir);

        assertThatThrownBy(() -> store.nodeDir("..")).isInstanceOf(InvalidNodeSpecException.class);
        assertThatThrownBy(() -> store.delete("../x")).isInstanceOf(InvalidNodeSpecException.class);
    }
}
