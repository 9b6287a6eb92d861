package dev.cachalot.agent;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.UUID;

/**
 * The agent's data directory: the host id, the node directories, and a lock that keeps a second agent
 * from supervising the same nodes (two supervisors would restart each other's processes).
 */
final class DataDirectory implements AutoCloseable {

    private final Path root;
    private final FileChannel lockChannel;
    private final FileLock lock;

    private DataDirectory(Path root, FileChannel lockChannel, FileLock lock) {
        this.root = root;
        this.lockChannel = lockChannel;
        this.lock = lock;
    }

    /**
     * @throws IOException when the directory cannot be created or another agent holds it
     */
    static DataDirectory open(Path root) throws IOException {
        Files.createDirectories(root.resolve("nodes"));
        FileChannel channel = FileChannel.open(root.resolve("agent.lock"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null; // held by another agent in this JVM
        }
        if (lock == null) {
            channel.close();
            throw new IOException("another agent is using the data directory " + root);
        }
        return new DataDirectory(root, channel, lock);
    }

    Path nodesDir() {
        return root.resolve("nodes");
    }

    /** The host's stable id: generated on the first start and kept, so that re-registration is idempotent. */
    String hostId() throws IOException {
        Path file = root.resolve("host-id");
        if (Files.exists(file)) {
            String id = Files.readString(file, StandardCharsets.UTF_8).strip();
            if (!id.isEmpty()) {
                return id;
            }
        }
        String id = UUID.randomUUID().toString();
        Path tmp = root.resolve("host-id.tmp");
        Files.writeString(tmp, id + "\n", StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE,
                StandardCopyOption.REPLACE_EXISTING);
        return id;
    }

    @Override
    public void close() {
        try {
            lock.release();
            lockChannel.close();
        } catch (IOException ignored) {
            // the lock goes with the channel or the process anyway
        }
    }
}
