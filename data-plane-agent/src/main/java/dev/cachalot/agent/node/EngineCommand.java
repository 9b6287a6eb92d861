package dev.cachalot.agent.node;

import java.io.File;
import java.nio.file.Path;
import dev.cachalot.engine.memcached.MemcachedOptions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalLong;
import java.util.stream.Collectors;

/**
 * Builds the command line of a node process: a JVM running {@code dev.cachalot.engine.EngineMain}
 * from the agent's own class path (which carries the engine jar and its Netty dependencies).
 *
 * @param javaExecutable    the {@code java} launcher to use, normally the agent's own
 * @param classPath         the class path for the node, with absolute entries
 * @param extraJvmOptions   operator-supplied JVM options, placed after the defaults so that they win
 * @param ownerPid          when present, passed as {@code --owner-pid}: the node exits once that
 *                          process is gone (local/dev mode)
 * @param setsid            {@code /usr/bin/setsid} or {@code null}; running the node in its own
 *                          session keeps a Ctrl-C in the agent's terminal away from it
 * @param physicalMemory    bytes of memory of the host, caps the heap that a node may ask for
 */
public record EngineCommand(
        Path javaExecutable,
        String classPath,
        List<String> extraJvmOptions,
        OptionalLong ownerPid,
        Path setsid,
        long physicalMemory) {

    public static final String ENGINE_MAIN_CLASS = "dev.cachalot.engine.EngineMain";

    /** Always on: small, single-threaded-friendly JVM settings for many small node processes. */
    static final List<String> DEFAULT_JVM_OPTIONS = List.of(
            "-Xss512k",
            "-XX:+UseCompactObjectHeaders",
            "--sun-misc-unsafe-memory-access=allow",
            "--enable-native-access=ALL-UNNAMED",
            "-Dio.netty.leakDetection.level=disabled");

    private static final long MIB = 1024L * 1024;
    static final long DEFAULT_HEAP = 256 * MIB;
    static final long MIN_HEAP = 64 * MIB;

    public EngineCommand {
        extraJvmOptions = List.copyOf(extraJvmOptions);
    }

    /** The agent's own JVM and class path, as used both under {@code java -jar} and in tests. */
    public static EngineCommand forThisJvm(List<String> extraJvmOptions, OptionalLong ownerPid, long physicalMemory) {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Path setsid = Path.of("/usr/bin/setsid");
        return new EngineCommand(java, absoluteClassPath(System.getProperty("java.class.path")), extraJvmOptions,
                ownerPid, setsid.toFile().canExecute() ? setsid : null, physicalMemory);
    }

    /**
     * Makes every entry absolute: the node runs in its own directory, while the agent may have been
     * started with {@code java -jar data-plane-agent/target/data-plane-agent.jar}. Entries that are
     * jars keep their manifest {@code Class-Path}, which the node's JVM follows as the agent's did.
     */
    static String absoluteClassPath(String classPath) {
        return Arrays.stream(classPath.split(File.pathSeparator))
                .filter(entry -> !entry.isBlank())
                .map(entry -> Path.of(entry).toAbsolutePath().normalize().toString())
                .collect(Collectors.joining(File.pathSeparator));
    }

    public List<String> command(DesiredNode spec, int port) {
        return command(spec, port, null);
    }

    /**
     * @param adminTokenFile memcached nodes: the file with the token of their admin channel (see
     *                       {@link MemcachedAdminClient}); null for RESP nodes
     */
    public List<String> command(DesiredNode spec, int port, Path adminTokenFile) {
        List<String> command = new ArrayList<>();
        if (setsid != null) {
            command.add(setsid.toString());
        }
        command.add(javaExecutable.toString());
        command.addAll(DEFAULT_JVM_OPTIONS);
        long heap = heapBytes(spec.maxMemoryBytes());
        command.addAll(gcOptions(heap));
        command.add("-Xmx" + heap / MIB + "m");
        command.addAll(extraJvmOptions);
        command.add("-cp");
        command.add(classPath);
        command.add(ENGINE_MAIN_CLASS);
        command.add("--port");
        command.add(Integer.toString(port));
        command.add("--bind");
        command.add("0.0.0.0");
        command.add("--engine");
        command.add(spec.engine().flag());
        if (!spec.engineVersion().isEmpty()) {
            command.add("--engine-version");
            command.add(spec.engineVersion());
        }
        command.add("--maxmemory");
        command.add(Long.toString(spec.maxMemoryBytes()));
        command.add("--node-id");
        command.add(spec.nodeId());
        if (spec.engine() == Engine.MEMCACHED) {
            command.addAll(memcachedOptions(spec));
            if (adminTokenFile != null) {
                command.add("--admin-token-file");
                command.add(adminTokenFile.toAbsolutePath().toString());
            }
        }
        ownerPid.ifPresent(pid -> {
            command.add("--owner-pid");
            command.add(Long.toString(pid));
        });
        return command;
    }

    static final long SERIAL_GC_MAX_HEAP = 4096 * MIB;

    /**
     * Collector and young generation for a heap of {@code heapBytes}. The engine allocates nothing per
     * command on its hot path, so the young generation only holds new keys on their way to the old
     * generation: a small one (heap/64, 16–64 MiB) keeps the resident set close to the data (measured
     * with 1M × 100-byte keys: 179 bytes/key with -Xmn16m, 192 with 32m, 264 with the default sizing,
     * against redis-server's 208). Serial suits the single data thread up to 4 GiB of heap; beyond,
     * G1 bounds the pauses of collecting a large old generation.
     */
    static List<String> gcOptions(long heapBytes) {
        if (heapBytes <= SERIAL_GC_MAX_HEAP) {
            long young = Math.min(64 * MIB, Math.max(16 * MIB, heapBytes / 64));
            return List.of("-XX:+UseSerialGC", "-Xmn" + young / MIB + "m");
        }
        return List.of("-XX:+UseG1GC", "-XX:MaxGCPauseMillis=50");
    }

    /**
     * A memcached node's parameters that are also options of its command line (slab geometry and CAS
     * can only be set when the process starts); values the engine would not accept are left out, so the
     * node starts anyway and the live apply reports them unapplied.
     */
    static List<String> memcachedOptions(DesiredNode spec) {
        List<String> options = new ArrayList<>();
        MemcachedOptions check = MemcachedOptions.DEFAULTS;
        for (var p : spec.parameters().entrySet()) {
            String option = "--" + p.getKey();
            if (!MemcachedOptions.isOption(option) || option.equals("--sasl-password-file")
                    || option.equals("--admin-token-file")) {
                continue;
            }
            try {
                check = check.with(option, p.getValue());
            } catch (IllegalArgumentException e) {
                continue;
            }
            options.add(option);
            options.add(p.getValue());
        }
        return options;
    }

    /**
     * Heap for a node: twice its data limit (the JVM's object overhead and a copying young
     * generation need room beyond the data itself), at least 64 MiB, at most three quarters of the
     * host's memory; 256 MiB when the data set has no limit.
     */
    long heapBytes(long maxMemoryBytes) {
        if (maxMemoryBytes <= 0) {
            return DEFAULT_HEAP;
        }
        long wanted = maxMemoryBytes > Long.MAX_VALUE / 2 ? Long.MAX_VALUE : 2 * maxMemoryBytes;
        long cap = physicalMemory > 0 ? Math.max(MIN_HEAP, physicalMemory / 4 * 3) : Long.MAX_VALUE;
        long heap = Math.min(Math.max(MIN_HEAP, wanted), cap);
        return Math.max(MIB, heap / MIB * MIB);
    }
}
