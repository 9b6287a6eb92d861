package dev.cachalot.agent.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DesiredNodeTest {

    @ParameterizedTest
    @ValueSource(strings = {"n", "cluster-0001", "rg.shard_2-replica-3", "3f2a9c1e-7b7d-4e7e-9d55-0c9f8b2d1a11"})
    void acceptsNodeIds(String id) {
        assertThat(new DesiredNode(id, Engine.REDIS, "7.1.0", 0, 0, 0).nodeId()).isEqualTo(id);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ".", "..", "-flag", "a/b", "a b", "é",
            "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"})
    void rejectsNodeIds(String id) {
        assertThatThrownBy(() -> new DesiredNode(id, Engine.REDIS, "7.1.0", 0, 0, 0))
                .isInstanceOf(InvalidNodeSpecException.class).hasMessageContaining("node_id");
    }

    @Test
    void rejectsOtherBadFields() {
        assertThatThrownBy(() -> new DesiredNode("n", null, "", 0, 0, 0)).hasMessageContaining("engine");
        assertThatThrownBy(() -> new DesiredNode("n", Engine.REDIS, "7 1", 0, 0, 0)).hasMessageContaining("engine_version");
        assertThatThrownBy(() -> new DesiredNode("n", Engine.REDIS, "", 65536, 0, 0)).hasMessageContaining("port");
        assertThatThrownBy(() -> new DesiredNode("n", Engine.REDIS, "", 0, -1, 0)).hasMessageContaining("max_memory");
        assertThatThrownBy(() -> new DesiredNode("n", Engine.REDIS, "", 0, 0, -1)).hasMessageContaining("generation");
    }

    @Test
    void anEmptyVersionMeansTheEngineDefault() {
        assertThat(new DesiredNode("n", Engine.VALKEY, null, 0, 0, 0).engineVersion()).isEmpty();
    }
}
