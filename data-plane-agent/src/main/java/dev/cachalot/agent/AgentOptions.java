package dev.cachalot.agent;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalLong;

/**
 * The agent's settings, parsed from its command line (a contract shared with the integration tests
 * and the local-region script: see {@link #usage()}).
 *
 * @param controlPlane      HOST:PORT of the control plane's gRPC endpoint
 * @param zone              availability zone of this host
 * @param dataDir           agent state: host-id, nodes/&lt;node-id&gt;/
 * @param grpcPort          port of the Agent service; 0 = any free port
 * @param bindAddress       listen address of the Agent service
 * @param advertiseAddress  host put in agent_endpoint and node_address
 * @param nodePortFrom      first port for nodes whose spec leaves the port to the agent
 * @param nodePortTo        last such port (inclusive)
 * @param stopNodesOnExit   local/dev mode: nodes are stopped with the agent and die with it
 * @param ownerPid          the agent exits once this process is gone
 * @param engineJvmOptions  extra JVM options for node processes
 */
public record AgentOptions(
        String controlPlane,
        String zone,
        Path dataDir,
        int grpcPort,
        String bindAddress,
        String advertiseAddress,
        int nodePortFrom,
        int nodePortTo,
        boolean stopNodesOnExit,
        OptionalLong ownerPid,
        List<String> engineJvmOptions) {

    public static final String DEFAULT_CONTROL_PLANE = "localhost:9090";
    public static final String DEFAULT_ZONE = "local-1a";
    public static final int DEFAULT_GRPC_PORT = 9091;
    public static final String DEFAULT_BIND_ADDRESS = "0.0.0.0";
    public static final String DEFAULT_ADVERTISE_ADDRESS = "127.0.0.1";
    public static final int DEFAULT_NODE_PORT_FROM = 6400;
    public static final int DEFAULT_NODE_PORT_TO = 6999;

    public AgentOptions {
        engineJvmOptions = List.copyOf(engineJvmOptions);
        dataDir = dataDir.toAbsolutePath().normalize();
    }

    public static Path defaultDataDir() {
        return Path.of(System.getProperty("user.home"), ".cachalot", "agent");
    }

    /** All defaults: what {@code java -jar data-plane-agent.jar} runs with. */
    public static AgentOptions defaults() {
        return parse();
    }

    /**
     * Parses {@code --name value} or {@code --name=value} options.
     *
     * @throws UsageException on an unknown option, a missing or malformed value
     */
    public static AgentOptions parse(String... args) {
        String controlPlane = DEFAULT_CONTROL_PLANE;
        String zone = DEFAULT_ZONE;
        Path dataDir = defaultDataDir();
        int grpcPort = DEFAULT_GRPC_PORT;
        String bindAddress = DEFAULT_BIND_ADDRESS;
        String advertiseAddress = DEFAULT_ADVERTISE_ADDRESS;
        int nodePortFrom = DEFAULT_NODE_PORT_FROM;
        int nodePortTo = DEFAULT_NODE_PORT_TO;
        boolean stopNodesOnExit = false;
        OptionalLong ownerPid = OptionalLong.empty();
        List<String> engineJvmOptions = List.of();

        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String name = arg;
            String inlineValue = null;
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 0) {
                name = arg.substring(0, eq);
                inlineValue = arg.substring(eq + 1);
            }
            if (name.equals("--stop-nodes-on-exit")) {
                if (inlineValue != null) {
                    throw new UsageException("--stop-nodes-on-exit takes no value");
                }
                stopNodesOnExit = true;
                continue;
            }
            if (!List.of("--control-plane", "--zone", "--data-dir", "--grpc-port", "--bind-address",
                    "--advertise-address", "--node-ports", "--owner-pid", "--engine-jvm-options").contains(name)) {
                throw new UsageException("unknown option '" + arg + "'");
            }
            String value;
            if (inlineValue != null) {
                value = inlineValue;
            } else if (i + 1 < args.length) {
                value = args[++i];
            } else {
                throw new UsageException(name + " needs a value");
            }
            switch (name) {
                case "--control-plane" -> controlPlane = hostPort(name, value);
                case "--zone" -> zone = nonBlank(name, value);
                case "--data-dir" -> dataDir = Path.of(nonBlank(name, value));
                case "--grpc-port" -> grpcPort = port(name, value, 0);
                case "--bind-address" -> bindAddress = nonBlank(name, value);
                case "--advertise-address" -> advertiseAddress = nonBlank(name, value);
                case "--node-ports" -> {
                    String[] range = value.split("-", -1);
                    if (range.length != 2) {
                        throw new UsageException("--node-ports must be FROM-TO, e.g. 6400-6999, was '" + value + "'");
                    }
                    nodePortFrom = port(name, range[0], 1);
                    nodePortTo = port(name, range[1], 1);
                    if (nodePortFrom > nodePortTo) {
                        throw new UsageException("--node-ports " + value + " is empty (FROM is above TO)");
                    }
                }
                case "--owner-pid" -> {
                    try {
                        long pid = Long.parseLong(value.strip());
                        if (pid <= 0) {
                            throw new NumberFormatException();
                        }
                        ownerPid = OptionalLong.of(pid);
                    } catch (NumberFormatException e) {
                        throw new UsageException("--owner-pid must be a process id, was '" + value + "'");
                    }
                }
                case "--engine-jvm-options" -> engineJvmOptions = Arrays.stream(value.strip().split("\\s+"))
                        .filter(option -> !option.isEmpty())
                        .toList();
                default -> throw new AssertionError(name);
            }
        }
        return new AgentOptions(controlPlane, zone, dataDir, grpcPort, bindAddress, advertiseAddress,
                nodePortFrom, nodePortTo, stopNodesOnExit, ownerPid, engineJvmOptions);
    }

    /** Arguments that {@link #parse} turns back into these options (e.g. to launch an agent process). */
    public List<String> toArgs() {
        List<String> args = new ArrayList<>(List.of(
                "--control-plane", controlPlane,
                "--zone", zone,
                "--data-dir", dataDir.toString(),
                "--grpc-port", Integer.toString(grpcPort),
                "--bind-address", bindAddress,
                "--advertise-address", advertiseAddress,
                "--node-ports", nodePortFrom + "-" + nodePortTo));
        if (stopNodesOnExit) {
            args.add("--stop-nodes-on-exit");
        }
        ownerPid.ifPresent(pid -> args.addAll(List.of("--owner-pid", Long.toString(pid))));
        if (!engineJvmOptions.isEmpty()) {
            args.addAll(List.of("--engine-jvm-options", String.join(" ", engineJvmOptions)));
        }
        return args;
    }

    public static String usage() {
        return """
                Usage: java -jar data-plane-agent.jar [options]

                Runs the Cachalot agent of this host: registers with the control plane, serves the Agent
                gRPC service and starts, supervises and removes cache-node processes.

                  --control-plane HOST:PORT   control plane gRPC endpoint (default localhost:9090)
                  --zone NAME                 availability zone of this host (default local-1a)
                  --data-dir PATH             agent state: host-id, nodes/<node-id>/ (default ~/.cachalot/agent)
                  --grpc-port N               port of the Agent service (default 9091; 0 = any free port)
                  --bind-address ADDR         listen address of the Agent service (default 0.0.0.0)
                  --advertise-address HOST    host used in agent_endpoint and node_address (default 127.0.0.1)
                  --node-ports FROM-TO        ports for nodes whose spec has port 0 (default 6400-6999)
                  --stop-nodes-on-exit        local/dev mode: stop every node when the agent stops, and
                                              make nodes exit if the agent is killed
                  --owner-pid PID             exit within about a second after process PID is gone
                  --engine-jvm-options "..."  extra JVM options for node processes (split on spaces)
                  --help                      print this help
                """;
    }

    private static String hostPort(String name, String value) {
        int colon = value.lastIndexOf(':');
        if (colon <= 0 || colon == value.length() - 1) {
            throw new UsageException(name + " must be HOST:PORT, was '" + value + "'");
        }
        port(name, value.substring(colon + 1), 1);
        return value;
    }

    private static int port(String name, String value, int min) {
        try {
            int port = Integer.parseInt(value.strip());
            if (port < min || port > 65535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw new UsageException(name + ": '" + value + "' is not a port (" + min + "-65535)");
        }
    }

    private static String nonBlank(String name, String value) {
        if (value.isBlank()) {
            throw new UsageException(name + " must not be empty");
        }
        return value.strip();
    }

    /** The command line cannot be understood; {@link AgentMain} prints the usage and exits with 2. */
    public static final class UsageException extends IllegalArgumentException {
        public UsageException(String message) {
            super(message);
        }
    }
}
