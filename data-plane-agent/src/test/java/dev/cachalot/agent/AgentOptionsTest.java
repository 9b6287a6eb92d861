package dev.cachalot.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AgentOptionsTest {

    @Test
    void defaults() {
        AgentOptions options = AgentOptions.defaults();

        assertThat(options.controlPlane()).isEqualTo("localhost:9090");
        assertThat(options.zone()).isEqualTo("local-1a");
        assertThat(options.dataDir()).isEqualTo(Path.of(System.getProperty("user.home"), ".cachalot", "agent"));
        assertThat(options.grpcPort()).isEqualTo(9091);
        assertThat(options.bindAddress()).isEqualTo("0.0.0.0");
        assertThat(options.advertiseAddress()).isEqualTo("127.0.0.1");
        assertThat(options.nodePortFrom()).isEqualTo(6400);
        assertThat(options.nodePortTo()).isEqualTo(6999);
        assertThat(options.stopNodesOnExit()).isFalse();
        assertThat(options.ownerPid()).isEmpty();
        assertThat(options.engineJvmOptions()).isEmpty();
    }

    @Test
    void everyOption() {
        AgentOptions options = AgentOptions.parse(
                "--control-plane", "cp.example:19090",
                "--zone", "eu-2b",
                "--data-dir", "/var/lib/cachalot",
                "--grpc-port", "0",
                "--bind-address", "10.0.0.5",
                "--advertise-address", "host-5.example",
                "--node-ports", "7000-7099",
                "--stop-nodes-on-exit",
                "--owner-pid", "4242",
                "--engine-jvm-options", "  -Xlog:gc   -XX:+AlwaysPreTouch ");

        assertThat(options).isEqualTo(new AgentOptions("cp.example:19090", "eu-2b", Path.of("/var/lib/cachalot"), 0,
                "10.0.0.5", "host-5.example", 7000, 7099, true, OptionalLong.of(4242),
                List.of("-Xlog:gc", "-XX:+AlwaysPreTouch")));
        assertThat(AgentOptions.parse(options.toArgs().toArray(String[]::new))).isEqualTo(options);
    }

    @Test
    void equalsSignForm() {
        AgentOptions options = AgentOptions.parse("--zone=z1", "--grpc-port=9191", "--engine-jvm-options=-Xmx1g");

        assertThat(options.zone()).isEqualTo("z1");
        assertThat(options.grpcPort()).isEqualTo(9191);
        assertThat(options.engineJvmOptions()).containsExactly("-Xmx1g");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "--bogus", "--zone", "--zone=", "--grpc-port=-1", "--grpc-port=65536", "--grpc-port=x",
            "--node-ports=6400", "--node-ports=0-10", "--node-ports=7000-6000", "--node-ports=a-b",
            "--control-plane=localhost", "--control-plane=:9090", "--control-plane=h:0", "--owner-pid=0",
            "--owner-pid=abc", "--stop-nodes-on-exit=yes", "positional"})
    void rejectsBadArguments(String argument) {
        assertThatThrownBy(() -> AgentOptions.parse(argument)).isInstanceOf(AgentOptions.UsageException.class);
    }
}
