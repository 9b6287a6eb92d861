package dev.cachalot.controlplane.cachecluster;

import dev.cachalot.controlplane.CachalotProperties;
import dev.cachalot.controlplane.dns.DnsRecordSource;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The configuration endpoints of memcached clusters: for each cluster a listener on the port it was
 * given for its life, on this control plane, that answers what a node answers to {@code config get
 * cluster} (and {@code version}) from the desired state, so clients discover the nodes through an
 * address that stays the same while nodes come and go. Also the DNS names of the clusters: the
 * configuration endpoint's name resolves to this control plane's advertised address, a node's name to
 * its host's address.
 *
 * <p>Every replica of the control plane serves every cluster's endpoint from the database, refreshed
 * every {@code cachalot.discovery.refresh-interval}; DNS and the endpoints answer from memory.
 */
@Component
public class ConfigurationEndpoints implements SmartLifecycle, DnsRecordSource {

    private static final Logger log = LoggerFactory.getLogger(ConfigurationEndpoints.class);
    private static final int MAX_LINE = 2048;

    private final CacheClusterRepository clusters;
    private final ClusterEndpoints names;
    private final TransactionTemplate tx;
    private final CachalotProperties.Discovery settings;
    private final InetAddress advertised;
    private final Map<Integer, Listener> listeners = new ConcurrentHashMap<>();
    /** Ports that could not be bound, logged once each until they can. */
    private final java.util.Set<Integer> failedPorts = ConcurrentHashMap.newKeySet();
    private volatile Map<String, List<InetAddress>> dnsNames = Map.of();
    private ScheduledExecutorService refresher;
    private volatile boolean running;

    ConfigurationEndpoints(CacheClusterRepository clusters, ClusterEndpoints names, TransactionTemplate tx,
                           CachalotProperties properties) {
        this.clusters = clusters;
        this.names = names;
        this.tx = tx;
        this.settings = properties.discovery();
        try {
            this.advertised = InetAddress.getByName(settings.advertiseAddress());
        } catch (IOException e) {
            throw new IllegalArgumentException("cachalot.discovery.advertise-address: " + e.getMessage(), e);
        }
    }

    /** What a configuration endpoint answers: the list's version and entries, and the engine version. */
    record Snapshot(String clusterId, long version, String entries, String engineVersion) {

        byte[] configReply() {
            byte[] data = (version + "\n" + entries + "\n").getBytes(StandardCharsets.US_ASCII);
            return concat(("CONFIG cluster 0 " + data.length + "\r\n").getBytes(StandardCharsets.US_ASCII), data,
                    "\r\nEND\r\n".getBytes(StandardCharsets.US_ASCII));
        }

        /** The pre-1.4.14 form some clients still send: {@code get AmazonElastiCache:cluster}. */
        byte[] legacyReply() {
            byte[] data = (version + "\n" + entries + "\n").getBytes(StandardCharsets.US_ASCII);
            return concat(("VALUE AmazonElastiCache:cluster 0 " + data.length + "\r\n").getBytes(StandardCharsets.US_ASCII),
                    data, "\r\nEND\r\n".getBytes(StandardCharsets.US_ASCII));
        }
    }

    @Override
    public void start() {
        running = true;
        refresher = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("configuration-endpoints").daemon(true).factory());
        refresher.scheduleWithFixedDelay(this::refreshQuietly, 0, settings.refreshInterval().toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Brings the listeners and DNS names up to date with the database now. */
    public void refresh() {
        Map<Integer, Snapshot> wanted = new HashMap<>();
        Map<String, List<InetAddress>> dns = new HashMap<>();
        tx.executeWithoutResult(s -> read(wanted, dns));
        dnsNames = Map.copyOf(dns);
        for (Map.Entry<Integer, Listener> e : listeners.entrySet()) {
            if (!wanted.containsKey(e.getKey())) {
                e.getValue().close();
                listeners.remove(e.getKey());
                log.info("Configuration endpoint on port {} ({}) closed", e.getKey(), e.getValue().snapshot.clusterId());
            }
        }
        for (Map.Entry<Integer, Snapshot> e : wanted.entrySet()) {
            Listener l = listeners.get(e.getKey());
            if (l != null) {
                l.snapshot = e.getValue();
            } else if (running) {
                open(e.getKey(), e.getValue());
            }
        }
    }

    /** Reads the endpoints and names of every memcached cluster (in a transaction). */
    private void read(Map<Integer, Snapshot> wanted, Map<String, List<InetAddress>> dns) {
        for (CacheCluster c : clusters.findWithConfigurationEndpoints()) {
            if (c.status() == CacheClusterStatus.DELETING) {
                continue;
            }
            wanted.put(c.discoveryPort(), new Snapshot(c.clusterId(), c.discoveryVersion(), c.discoveryNodes(), c.engineVersion()));
            dns.put(names.configurationAddress(c.accountId(), c.clusterId()), List.of(advertised));
            for (CacheNode n : c.nodes()) {
                if (n.address() != null) {
                    try {
                        dns.put(names.nodeHostname(c.accountId(), c.clusterId(), n.cacheNodeId()),
                                List.of(InetAddress.getByName(n.address())));
                    } catch (IOException e) {
                        log.debug("Node {} has an address DNS cannot give: {}", n.nodeName(), n.address());
                    }
                }
            }
        }
    }

    private void refreshQuietly() {
        try {
            refresh();
        } catch (RuntimeException e) {
            log.warn("Could not refresh the configuration endpoints: {}", e.toString());
        }
    }

    private void open(int port, Snapshot snapshot) {
        ServerSocket server;
        try {
            server = new ServerSocket();
            server.setReuseAddress(true);
            server.bind(new InetSocketAddress(InetAddress.getByName(settings.bindAddress()), port), 100);
        } catch (IOException e) {
            if (failedPorts.add(port)) {
                log.error("Configuration endpoint of cluster {} cannot listen on port {}: {} (retrying)", snapshot.clusterId(),
                        port, e.getMessage());
            }
            return;
        }
        failedPorts.remove(port);
        Listener l = new Listener(server, snapshot);
        listeners.put(port, l);
        Thread.ofVirtual().name("cfg-endpoint-" + port).start(l::acceptLoop);
        log.info("Configuration endpoint of cluster {} listening on port {}", snapshot.clusterId(), port);
    }

    @Override
    public Optional<List<InetAddress>> lookup(String name) {
        return Optional.ofNullable(dnsNames.get(name));
    }

    /** The ports with a listener (for tests and diagnostics). */
    public java.util.Set<Integer> listeningPorts() {
        return java.util.Set.copyOf(listeners.keySet());
    }

    @Override
    public void stop() {
        running = false;
        if (refresher != null) {
            refresher.shutdownNow();
        }
        listeners.values().forEach(Listener::close);
        listeners.clear();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** One cluster's endpoint: accepts clients and answers each line with the current snapshot. */
    private static final class Listener {
        private final ServerSocket server;
        private volatile Snapshot snapshot;

        Listener(ServerSocket server, Snapshot snapshot) {
            this.server = server;
            this.snapshot = snapshot;
        }

        void acceptLoop() {
            while (!server.isClosed()) {
                try {
                    Socket s = server.accept();
                    Thread.ofVirtual().name("cfg-endpoint-client").start(() -> serve(s));
                } catch (IOException e) {
                    return;
                }
            }
        }

        private void serve(Socket socket) {
            try (socket) {
                socket.setTcpNoDelay(true);
                socket.setSoTimeout((int) TimeUnit.MINUTES.toMillis(10));
                InputStream in = new BufferedInputStream(socket.getInputStream());
                OutputStream out = socket.getOutputStream();
                while (true) {
                    String line = readLine(in);
                    if (line == null) {
                        return;
                    }
                    String command = line.strip();
                    Snapshot snap = snapshot;
                    if (command.equals("config get cluster")) {
                        out.write(snap.version() > 0 ? snap.configReply() : "ERROR\r\n".getBytes(StandardCharsets.US_ASCII));
                    } else if (command.equals("get AmazonElastiCache:cluster")) {
                        out.write(snap.version() > 0 ? snap.legacyReply() : "END\r\n".getBytes(StandardCharsets.US_ASCII));
                    } else if (command.equals("version")) {
                        out.write(("VERSION " + snap.engineVersion() + "\r\n").getBytes(StandardCharsets.US_ASCII));
                    } else if (command.equals("quit")) {
                        return;
                    } else {
                        out.write("ERROR\r\n".getBytes(StandardCharsets.US_ASCII));
                    }
                    out.flush();
                }
            } catch (IOException e) {
                // the client went away
            }
        }

        private static String readLine(InputStream in) throws IOException {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            while (true) {
                int c = in.read();
                if (c < 0) {
                    return null;
                }
                if (c == '\n') {
                    return line.toString(StandardCharsets.ISO_8859_1);
                }
                if (line.size() >= MAX_LINE) {
                    return null;
                }
                line.write(c);
            }
        }

        void close() {
            try {
                server.close();
            } catch (IOException ignored) {
                // closing
            }
        }
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
