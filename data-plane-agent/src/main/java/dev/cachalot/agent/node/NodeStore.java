package dev.cachalot.agent.node;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * The agent's persisted node state: one directory per node under {@code <data-dir>/nodes/}, holding
 * {@code node.properties} (the spec, assigned port and the current process) and the process's
 * {@code node.log}. The directory is also the node's working directory.
 *
 * <p>Writes replace the file atomically, so a crash leaves either the old or the new record, never a
 * torn one.
 */
public final class NodeStore {

    static final String RECORD_FILE = "node.properties";
    static final String LOG_FILE = "node.log";
    private static final String PARAMETER_PREFIX = "spec.parameter.";

    private final Path nodesDir;

    public NodeStore(Path nodesDir) {
        this.nodesDir = nodesDir;
    }

    public Path nodeDir(String nodeId) {
        DesiredNode.requireValidNodeId(nodeId); // never let an id escape nodesDir
        return nodesDir.resolve(nodeId);
    }

    public Path logFile(String nodeId) {
        return nodeDir(nodeId).resolve(LOG_FILE);
    }

    public boolean exists(String nodeId) {
        return Files.isDirectory(nodeDir(nodeId));
    }

    /** Ids of every node directory, sorted; names that cannot be node ids are skipped. */
    public List<String> nodeIds() {
        if (!Files.isDirectory(nodesDir)) {
            return List.of();
        }
        List<String> ids = new ArrayList<>();
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(nodesDir, Files::isDirectory)) {
            for (Path dir : dirs) {
                String name = dir.getFileName().toString();
                if (DesiredNode.isValidNodeId(name)) {
                    ids.add(name);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + nodesDir, e);
        }
        ids.sort(Comparator.naturalOrder());
        return ids;
    }

    public void save(NodeRecord record) {
        String nodeId = record.spec().nodeId();
        Path dir = nodeDir(nodeId);
        Properties p = new Properties();
        DesiredNode spec = record.spec();
        p.setProperty("node-id", nodeId);
        p.setProperty("spec.engine", spec.engine().flag());
        p.setProperty("spec.engine-version", spec.engineVersion());
        p.setProperty("spec.port", Integer.toString(spec.port()));
        p.setProperty("spec.max-memory-bytes", Long.toString(spec.maxMemoryBytes()));
        p.setProperty("spec.generation", Long.toString(spec.generation()));
        spec.parameters().forEach((name, value) -> p.setProperty(PARAMETER_PREFIX + name, value));
        if (spec.autoDiscovery() != null) {
            p.setProperty("spec.auto-discovery.version", Long.toString(spec.autoDiscovery().version()));
            String payload = spec.autoDiscovery().payload();
            p.setProperty("spec.auto-discovery.nodes", payload.substring(payload.indexOf('\n') + 1).strip());
        }
        p.setProperty("port", Integer.toString(record.port()));
        p.setProperty("process.pid", Long.toString(record.pid()));
        p.setProperty("process.generation", Long.toString(record.processGeneration()));
        p.setProperty("process.started-at-millis", Long.toString(record.startedAtMillis()));
        try {
            Files.createDirectories(dir);
            Path tmp = dir.resolve(RECORD_FILE + ".tmp");
            try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING);
                 Writer out = Channels.newWriter(channel, StandardCharsets.UTF_8)) {
                p.store(out, "Cachalot agent: node state (written by the agent; do not edit while it runs)");
                out.flush();
                channel.force(true);
            }
            try {
                Files.move(tmp, dir.resolve(RECORD_FILE), StandardCopyOption.ATOMIC_MOVE,
                        StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, dir.resolve(RECORD_FILE), StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save the state of node " + nodeId + " in " + dir, e);
        }
    }

    /**
     * Reads a node's record.
     *
     * @throws IOException when the record is missing or unreadable (the caller decides what to do with
     *                     such a directory)
     */
    public NodeRecord load(String nodeId) throws IOException {
        Path file = nodeDir(nodeId).resolve(RECORD_FILE);
        Properties p = new Properties();
        try (var in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(in);
        }
        try {
            String storedId = required(p, "node-id");
            if (!storedId.equals(nodeId)) {
                throw new IOException(file + " describes node " + storedId + ", not " + nodeId);
            }
            DesiredNode spec = new DesiredNode(
                    storedId,
                    Engine.fromFlag(required(p, "spec.engine")),
                    p.getProperty("spec.engine-version", ""),
                    Integer.parseInt(required(p, "spec.port")),
                    Long.parseLong(required(p, "spec.max-memory-bytes")),
                    Long.parseLong(required(p, "spec.generation")),
                    parameters(p),
                    p.getProperty("spec.auto-discovery.version") == null ? null : DesiredNode.AutoDiscovery.parse(
                            Long.parseLong(p.getProperty("spec.auto-discovery.version")),
                            p.getProperty("spec.auto-discovery.nodes", "")));
            return new NodeRecord(
                    spec,
                    Integer.parseInt(required(p, "port")),
                    Long.parseLong(p.getProperty("process.pid", "0")),
                    Long.parseLong(p.getProperty("process.generation", "0")),
                    Long.parseLong(p.getProperty("process.started-at-millis", "0")));
        } catch (IllegalArgumentException e) {
            throw new IOException("corrupt node state in " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * The file holding the token that authorises the agent's admin commands to a memcached node (its
     * configuration and Auto Discovery list); created with a random token, readable by the agent's user
     * only, on first use.
     */
    public Path adminTokenFile(String nodeId) {
        Path file = nodeDir(nodeId).resolve("admin.token");
        if (Files.exists(file)) {
            return file;
        }
        try {
            Files.createDirectories(file.getParent());
            byte[] random = new byte[24];
            new java.security.SecureRandom().nextBytes(random);
            String token = java.util.HexFormat.of().formatHex(random);
            Path tmp = file.resolveSibling("admin.token.tmp");
            Files.deleteIfExists(tmp);
            try {
                Files.createFile(tmp, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                        java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException e) {
                Files.createFile(tmp);
            }
            Files.writeString(tmp, token + "\n", StandardCharsets.US_ASCII);
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the admin token of node " + nodeId, e);
        }
    }

    /** Deletes the node's directory and everything in it; a missing directory is fine. */
    public void delete(String nodeId) {
        Path dir = nodeDir(nodeId);
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                try {
                    Files.delete(path);
                } catch (NoSuchFileException ignored) {
                    // already gone: deleting is idempotent
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dir, e);
        }
    }

    private static java.util.Map<String, String> parameters(Properties p) {
        java.util.Map<String, String> parameters = new java.util.TreeMap<>();
        for (String key : p.stringPropertyNames()) {
            if (key.startsWith(PARAMETER_PREFIX)) {
                parameters.put(key.substring(PARAMETER_PREFIX.length()), p.getProperty(key));
            }
        }
        return parameters;
    }

    private static String required(Properties p, String key) throws IOException {
        String value = p.getProperty(key);
        if (value == null) {
            throw new IOException("missing " + key);
        }
        return value;
    }
}
