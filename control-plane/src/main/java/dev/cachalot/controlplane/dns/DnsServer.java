package dev.cachalot.controlplane.dns;

import dev.cachalot.controlplane.CachalotProperties;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.NSRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Opcode;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * Cachalot's authoritative name server for one zone ({@code cachalot.dns.domain}, by default
 * {@code <region>.cachalot.internal}), over UDP and TCP: A (and AAAA) records from every
 * {@link DnsRecordSource}, SOA and NS at the zone's apex, NXDOMAIN for other names in the zone and
 * REFUSED for names outside it (it is not a resolver). Operators forward the zone to it.
 */
@Component
public class DnsServer implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DnsServer.class);
    private static final int UDP_LIMIT = 512;

    private final CachalotProperties.Dns settings;
    private final List<DnsRecordSource> sources;
    private final Name zone;
    private final long ttl;
    private volatile DatagramSocket udp;
    private volatile ServerSocket tcp;
    private volatile boolean running;

    public DnsServer(CachalotProperties properties, List<DnsRecordSource> sources) {
        this.settings = properties.dns();
        this.sources = sources;
        try {
            this.zone = Name.fromString(properties.dnsDomain() + ".");
        } catch (TextParseException e) {
            throw new IllegalArgumentException("cachalot.dns.domain is not a DNS name: " + properties.dnsDomain(), e);
        }
        this.ttl = Math.max(0, settings.ttl().toSeconds());
    }

    /** The UDP port it listens on (the configured one, or the one chosen for 0); -1 when not running. */
    public int port() {
        DatagramSocket s = udp;
        return s == null ? -1 : s.getLocalPort();
    }

    public String zone() {
        return zone.toString(true);
    }

    @Override
    public void start() {
        if (!settings.enabled()) {
            return;
        }
        try {
            InetAddress bind = InetAddress.getByName(settings.bindAddress());
            DatagramSocket u = new DatagramSocket(new InetSocketAddress(bind, settings.port()));
            ServerSocket t = new ServerSocket();
            t.setReuseAddress(true);
            t.bind(new InetSocketAddress(bind, u.getLocalPort()), 50);
            udp = u;
            tcp = t;
        } catch (IOException e) {
            // the API works without it; clients then cannot resolve configuration endpoints by name
            log.error("Cachalot DNS cannot listen on {}:{} ({}); configuration endpoints will not resolve. Set "
                    + "cachalot.dns.port (and cachalot.dns.bind-address).", settings.bindAddress(), settings.port(), e.getMessage());
            return;
        }
        running = true;
        Thread.ofVirtual().name("dns-udp").start(this::serveUdp);
        Thread.ofVirtual().name("dns-tcp").start(this::serveTcp);
        log.info("Cachalot DNS serving zone {} on {}:{} (UDP and TCP)", zone(), settings.bindAddress(), port());
    }

    private void serveUdp() {
        byte[] buf = new byte[4096];
        while (running) {
            DatagramPacket packet = new DatagramPacket(buf, buf.length);
            try {
                udp.receive(packet);
                byte[] reply = answer(java.util.Arrays.copyOf(packet.getData(), packet.getLength()), UDP_LIMIT);
                if (reply != null) {
                    udp.send(new DatagramPacket(reply, reply.length, packet.getSocketAddress()));
                }
            } catch (SocketException e) {
                return; // closed
            } catch (IOException | RuntimeException e) {
                log.debug("DNS UDP request failed: {}", e.toString());
            }
        }
    }

    private void serveTcp() {
        while (running) {
            try {
                Socket s = tcp.accept();
                Thread.ofVirtual().name("dns-tcp-conn").start(() -> serveTcpConnection(s));
            } catch (IOException e) {
                if (!running) {
                    return;
                }
            }
        }
    }

    private void serveTcpConnection(Socket s) {
        try (s) {
            s.setSoTimeout(10_000);
            DataInputStream in = new DataInputStream(s.getInputStream());
            DataOutputStream out = new DataOutputStream(s.getOutputStream());
            while (true) {
                int length = in.readUnsignedShort();
                byte[] query = in.readNBytes(length);
                byte[] reply = answer(query, 65535);
                if (reply == null) {
                    return;
                }
                out.writeShort(reply.length);
                out.write(reply);
                out.flush();
            }
        } catch (IOException | RuntimeException e) {
            // the client went away, or sent garbage
        }
    }

    /** The wire answer to a wire query; null when the query cannot even be parsed. */
    byte[] answer(byte[] wire, int maxLength) {
        Message query;
        try {
            query = new Message(wire);
        } catch (IOException e) {
            return null;
        }
        Message response = new Message(query.getHeader().getID());
        response.getHeader().setFlag(Flags.QR);
        if (query.getHeader().getFlag(Flags.RD)) {
            response.getHeader().setFlag(Flags.RD);
        }
        Record question = query.getQuestion();
        if (query.getHeader().getOpcode() != Opcode.QUERY || question == null) {
            response.getHeader().setRcode(Rcode.NOTIMP);
            return response.toWire(maxLength);
        }
        response.addRecord(question, Section.QUESTION);
        Name name = question.getName();
        if (!name.subdomain(zone)) {
            response.getHeader().setRcode(Rcode.REFUSED);
            return response.toWire(maxLength);
        }
        response.getHeader().setFlag(Flags.AA);
        int type = question.getType();
        if (name.equals(zone)) {
            if (type == Type.SOA || type == Type.ANY) {
                response.addRecord(soa(), Section.ANSWER);
            } else if (type == Type.NS) {
                response.addRecord(new NSRecord(zone, DClass.IN, ttl, nameServer()), Section.ANSWER);
            } else {
                response.addRecord(soa(), Section.AUTHORITY);
            }
            return response.toWire(maxLength);
        }
        Optional<List<InetAddress>> found = lookup(name.toString(true).toLowerCase(Locale.ROOT));
        if (found.isEmpty()) {
            response.getHeader().setRcode(Rcode.NXDOMAIN);
            response.addRecord(soa(), Section.AUTHORITY);
            return response.toWire(maxLength);
        }
        for (InetAddress address : found.get()) {
            if (address instanceof Inet4Address && (type == Type.A || type == Type.ANY)) {
                response.addRecord(new ARecord(name, DClass.IN, ttl, address), Section.ANSWER);
            } else if (address instanceof Inet6Address && (type == Type.AAAA || type == Type.ANY)) {
                response.addRecord(new AAAARecord(name, DClass.IN, ttl, address), Section.ANSWER);
            }
        }
        if (response.getSection(Section.ANSWER).isEmpty()) {
            response.addRecord(soa(), Section.AUTHORITY); // the name exists, without records of that type
        }
        return response.toWire(maxLength);
    }

    private Optional<List<InetAddress>> lookup(String name) {
        for (DnsRecordSource source : sources) {
            Optional<List<InetAddress>> found = source.lookup(name);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    private Name nameServer() {
        try {
            return Name.fromString("ns", zone);
        } catch (TextParseException e) {
            throw new IllegalStateException(e);
        }
    }

    private SOARecord soa() {
        try {
            return new SOARecord(zone, DClass.IN, ttl, nameServer(), Name.fromString("hostmaster", zone),
                    System.currentTimeMillis() / 1000, 3600, 600, 86400, ttl);
        } catch (TextParseException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void stop() {
        running = false;
        if (udp != null) {
            udp.close();
        }
        if (tcp != null) {
            try {
                tcp.close();
            } catch (IOException ignored) {
                // closing
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
