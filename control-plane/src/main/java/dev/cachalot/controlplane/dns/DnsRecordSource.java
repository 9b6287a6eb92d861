package dev.cachalot.controlplane.dns;

import java.net.InetAddress;
import java.util.List;
import java.util.Optional;

/**
 * A feature's names in Cachalot's DNS zone: configuration endpoints of memcached clusters today,
 * replication-group endpoints later. Lookups run on DNS request threads and must be answered from
 * memory, never from the database.
 */
public interface DnsRecordSource {

    /**
     * @param name a lower-case name inside the zone, without the final dot
     * @return the addresses of the name, empty when the name is not this source's
     */
    Optional<List<InetAddress>> lookup(String name);
}
