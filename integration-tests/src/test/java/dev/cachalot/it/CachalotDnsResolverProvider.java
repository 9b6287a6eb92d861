package dev.cachalot.it;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.net.spi.InetAddressResolver;
import java.net.spi.InetAddressResolverProvider;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

/**
 * What an operator's DNS forwarding does (systemd-resolved or dnsmasq sending the Cachalot domain to
 * Cachalot's DNS server), for the test JVM: names under {@code .cachalot.internal} are looked up at the
 * DNS server named by the system property {@code cachalot.test.dns} ({@code host:port}), every other
 * name by the JDK's resolver. Installed through the JDK's resolver SPI (META-INF/services).
 */
public final class CachalotDnsResolverProvider extends InetAddressResolverProvider {

    static final String DOMAIN = ".cachalot.internal";
    static final String PROPERTY = "cachalot.test.dns";

    @Override
    public InetAddressResolver get(Configuration configuration) {
        InetAddressResolver builtin = configuration.builtinResolver();
        return new InetAddressResolver() {
            @Override
            public Stream<InetAddress> lookupByName(String host, LookupPolicy policy) throws UnknownHostException {
                String server = System.getProperty(PROPERTY);
                if (server == null || !host.toLowerCase(Locale.ROOT).endsWith(DOMAIN)) {
                    return builtin.lookupByName(host, policy);
                }
                return lookup(host, server).stream();
            }

            @Override
            public String lookupByAddress(byte[] addr) throws UnknownHostException {
                return builtin.lookupByAddress(addr);
            }
        };
    }

    static List<InetAddress> lookup(String host, String server) throws UnknownHostException {
        try {
            int colon = server.lastIndexOf(':');
            SimpleResolver resolver = new SimpleResolver(server.substring(0, colon));
            resolver.setPort(Integer.parseInt(server.substring(colon + 1)));
            resolver.setTimeout(Duration.ofSeconds(3));
            Message reply = resolver.send(Message.newQuery(Record.newRecord(Name.fromString(host + "."), Type.A, DClass.IN)));
            List<InetAddress> addresses = new ArrayList<>();
            for (Record r : reply.getSection(Section.ANSWER)) {
                if (r instanceof ARecord a) {
                    addresses.add(InetAddress.getByAddress(host, a.getAddress().getAddress()));
                }
            }
            if (reply.getRcode() != Rcode.NOERROR || addresses.isEmpty()) {
                throw new UnknownHostException(host + ": " + Rcode.string(reply.getRcode()) + " from Cachalot's DNS at " + server);
            }
            return addresses;
        } catch (IOException e) {
            if (e instanceof UnknownHostException u) {
                throw u;
            }
            UnknownHostException u = new UnknownHostException(host + ": " + e.getMessage());
            u.initCause(e);
            throw u;
        }
    }

    @Override
    public String name() {
        return "cachalot-test-dns";
    }
}
