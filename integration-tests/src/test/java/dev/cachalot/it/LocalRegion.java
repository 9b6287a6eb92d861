package dev.cachalot.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.elasticache.ElastiCacheClient;

/**
 * A complete region made of real processes, as the README's run command starts it: the packaged
 * control plane (with its embedded PostgreSQL in a fresh home) and one packaged agent in zone
 * {@code local-1a}, which starts engine nodes as processes of their own. Both are told to exit
 * when this JVM is gone, so nothing outlives a killed test run.
 */
final class LocalRegion implements AutoCloseable {

    static final String REGION = "local-1";
    static final String ZONE = "local-1a";
    private static final Duration START_TIMEOUT = Duration.ofMinutes(3);

    final Path home;
    final int httpPort;
    final int grpcPort;
    /** Cachalot's DNS server (configuration endpoints resolve through it). */
    final int dnsPort;
    /** The configuration-endpoint ports of this region's memcached clusters. */
    final String discoveryPorts;
    private ManagedProcess controlPlane;
    private ManagedProcess agent;
    private final List<ManagedProcess> extraAgents = new ArrayList<>();
    private int controlPlaneStarts;
    private String accessKeyId;
    private String secretAccessKey;

    private LocalRegion(Path home) {
        this.home = home;
        this.httpPort = freePort();
        this.grpcPort = freePort();
        this.dnsPort = freePort();
        int from = 20000 + java.util.concurrent.ThreadLocalRandom.current().nextInt(90) * 100;
        this.discoveryPorts = from + "-" + (from + 99);
    }

    static LocalRegion start(String name) throws InterruptedException {
        Path home;
        try {
            home = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "region-" + name + "-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        LocalRegion region = new LocalRegion(home);
        try {
            region.startControlPlane();
            region.startAgent();
            region.awaitAgentRegistered(1);
            return region;
        } catch (RuntimeException | Error | InterruptedException e) {
            region.close();
            throw e;
        }
    }

    void startControlPlane() throws InterruptedException {
        controlPlaneStarts++;
        controlPlane = ManagedProcess.start("control-plane", List.of(java(), "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-jar", jar("cachalot.controlPlaneJar"),
                "--cachalot.home=" + home,
                "--server.port=" + httpPort,
                "--cachalot.grpc.port=" + grpcPort,
                "--cachalot.dns.port=" + dnsPort,
                "--cachalot.discovery.ports=" + discoveryPorts,
                "--cachalot.discovery.refresh-interval=250ms",
                "--cachalot.discovery.drain=3s",
                "--cachalot.owner-pid=" + ProcessHandle.current().pid(),
                "--cachalot.workflow.polling-interval=100ms",
                "--cachalot.workflow.maintenance-interval=1s"), home.resolve("control-plane.log"));
        controlPlane.awaitLine("Cachalot control plane is ready", 1, START_TIMEOUT);
        if (accessKeyId == null) {
            readCredentials();
        }
    }

    private void startAgent() {
        agent = ManagedProcess.start("agent", List.of(java(), "-XX:+UseSerialGC", "-jar", jar("cachalot.agentJar"),
                "--control-plane", "localhost:" + grpcPort,
                "--zone", ZONE,
                "--data-dir", home.resolve("agent").toString(),
                "--grpc-port", "0",
                // a range of its own, so that regions of builds running side by side rarely meet
                "--node-ports", nodePorts(),
                "--stop-nodes-on-exit",
                "--owner-pid", Long.toString(ProcessHandle.current().pid())), home.resolve("agent.log"));
    }

    /**
     * Starts one more agent, in {@code zone} (a host of another availability zone), and waits until it
     * has registered.
     */
    void startAgent(String zone) throws InterruptedException {
        ManagedProcess extra = ManagedProcess.start("agent-" + zone, List.of(java(), "-XX:+UseSerialGC", "-jar", jar("cachalot.agentJar"),
                "--control-plane", "localhost:" + grpcPort,
                "--zone", zone,
                "--data-dir", home.resolve("agent-" + zone).toString(),
                "--grpc-port", "0",
                "--node-ports", nodePorts(),
                "--stop-nodes-on-exit",
                "--owner-pid", Long.toString(ProcessHandle.current().pid())), home.resolve("agent-" + zone + ".log"));
        extraAgents.add(extra);
        extra.awaitLine("Registered with control plane", 1, START_TIMEOUT);
    }

    /** Waits for the agent's n-th successful registration (one per control-plane start). */
    void awaitAgentRegistered(int times) throws InterruptedException {
        agent.awaitLine("Registered with control plane", times, START_TIMEOUT);
    }

    int controlPlaneStarts() {
        return controlPlaneStarts;
    }

    /** SIGKILL the control plane: a crash, no shutdown hook. */
    void killControlPlane() throws InterruptedException {
        controlPlane.kill();
    }

    void pauseAgent() {
        agent.signal("STOP");
    }

    void resumeAgent() {
        agent.signal("CONT");
    }

    String accessKeyId() {
        return accessKeyId;
    }

    String secretAccessKey() {
        return secretAccessKey;
    }

    /** The console sign-in the first start wrote: account, user and password. */
    Map<String, String> consoleLogin() {
        try {
            return Files.readAllLines(home.resolve("console-login")).stream()
                    .filter(l -> l.contains("="))
                    .collect(Collectors.toMap(l -> l.substring(0, l.indexOf('=')).strip(), l -> l.substring(l.indexOf('=') + 1).strip()));
        } catch (IOException e) {
            throw new UncheckedIOException("the control plane did not write its console sign-in file", e);
        }
    }

    String endpoint() {
        return "http://localhost:" + httpPort;
    }

    ElastiCacheClient sdk() {
        return ElastiCacheClient.builder()
                .endpointOverride(URI.create(endpoint()))
                .region(Region.of(REGION))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKeyId, secretAccessKey)))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(o -> o.retryStrategy(r -> r.maxAttempts(1)).apiCallTimeout(Duration.ofSeconds(60)))
                .build();
    }

    /**
     * Engine node processes of a cache cluster (node names start with the cluster id). Reads
     * /proc directly: the JDK's command line view gives up on command lines longer than 4 KB,
     * and a node's carries a whole class path.
     */
    static List<Long> engineProcesses(String clusterId) {
        return ProcessHandle.allProcesses().map(ProcessHandle::pid).filter(pid -> {
            try {
                String cmdline = Files.readString(Path.of("/proc", Long.toString(pid), "cmdline")).replace('\0', ' ');
                return cmdline.contains("dev.cachalot.engine.EngineMain") && cmdline.contains("--node-id " + clusterId + "-");
            } catch (IOException | RuntimeException e) {
                return false;
            }
        }).toList();
    }

    private void readCredentials() {
        try {
            Map<String, String> values = Files.readAllLines(home.resolve("credentials")).stream()
                    .filter(l -> l.contains("="))
                    .collect(Collectors.toMap(l -> l.substring(0, l.indexOf('=')).strip(), l -> l.substring(l.indexOf('=') + 1).strip()));
            accessKeyId = values.get("aws_access_key_id");
            secretAccessKey = values.get("aws_secret_access_key");
        } catch (IOException e) {
            throw new UncheckedIOException("the control plane did not write its credentials file", e);
        }
    }

    @Override
    public void close() {
        List<RuntimeException> failures = new ArrayList<>();
        List<ManagedProcess> all = new ArrayList<>(extraAgents);
        all.add(agent);
        all.add(controlPlane);
        for (ManagedProcess p : all) {
            if (p != null) {
                try {
                    p.close();
                } catch (RuntimeException e) {
                    failures.add(e);
                }
            }
        }
        if (!failures.isEmpty()) {
            throw failures.getFirst();
        }
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static String jar(String property) {
        Path jar = Path.of(System.getProperty(property, ""));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("missing " + jar + " (system property " + property
                    + "): run the tests through Maven from the repository root, which packages it first");
        }
        return jar.toAbsolutePath().normalize().toString();
    }

    private static String nodePorts() {
        int from = 30000 + java.util.concurrent.ThreadLocalRandom.current().nextInt(300) * 100;
        return from + "-" + (from + 99);
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
