package dev.cachalot.engine.command.server;

import dev.cachalot.engine.command.CommandContext;
import dev.cachalot.engine.command.CommandSpec;
import dev.cachalot.engine.server.ServerState;
import dev.cachalot.engine.store.Database;
import dev.cachalot.engine.store.Keyspace;

import java.lang.management.ManagementFactory;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import static dev.cachalot.engine.command.CommandFlag.LOADING;
import static dev.cachalot.engine.command.CommandFlag.STALE;
import static dev.cachalot.engine.command.AclCategory.DANGEROUS;
import static dev.cachalot.engine.command.CommandSpec.command;

/**
 * INFO [section ...]: the Redis 7 text format (CRLF lines, "# Section" headers, a blank line between
 * sections) with Redis's field names, so that tools and the agent can parse it as they parse Redis's.
 */
public final class InfoCommand {

    /** Redis 7's default sections, in its order. */
    private static final List<String> DEFAULT_SECTIONS = List.of("server", "clients", "memory", "persistence",
            "stats", "replication", "cpu", "modules", "errorstats", "cluster", "keyspace");
    /** "all" and "everything": the default ones plus commandstats and latencystats, in Redis's order. */
    private static final List<String> ALL_SECTIONS = List.of("server", "clients", "memory", "persistence",
            "stats", "replication", "cpu", "modules", "commandstats", "errorstats", "latencystats", "cluster", "keyspace");

    private InfoCommand() {
    }

    static CommandSpec spec() {
        return command("info", -1, InfoCommand::info).flags(LOADING, STALE).acl(DANGEROUS).group(ServerCommands.GROUP)
                .args("[section:string...]").doc("1.0.0", "Returns information and statistics about the server.", "O(1)").build();
    }

    static void info(CommandContext ctx) {
        Set<String> sections = new LinkedHashSet<>();
        if (ctx.args().argc() == 1) {
            sections.addAll(DEFAULT_SECTIONS);
        }
        for (int i = 1; i < ctx.args().argc(); i++) {
            String s = ctx.args().string(i).toLowerCase(Locale.ROOT);
            switch (s) {
                case "default" -> sections.addAll(DEFAULT_SECTIONS);
                case "all", "everything" -> sections.addAll(ALL_SECTIONS);
                default -> sections.add(s);
            }
        }
        // Redis prints the sections in its own order, whatever the order asked for
        Set<String> ordered = new LinkedHashSet<>();
        for (String name : ALL_SECTIONS) {
            if (sections.contains(name)) {
                ordered.add(name);
            }
        }
        ctx.reply().verbatim(render(ctx.server(), ordered));
    }

    /** The INFO text for the given lower-case section names; unknown sections are left out. */
    public static String render(ServerState server, Set<String> sections) {
        StringBuilder sb = new StringBuilder(2048);
        boolean first = true;
        for (String section : sections) {
            int before = sb.length();
            if (!first) {
                sb.append("\r\n");
            }
            if (!appendSection(server, section, sb)) {
                sb.setLength(before);
            } else {
                first = false;
            }
        }
        return sb.toString();
    }

    private static boolean appendSection(ServerState server, String section, StringBuilder sb) {
        switch (section) {
            case "server" -> InfoSections.server(server, sb);
            case "clients" -> InfoSections.clients(server, sb);
            case "memory" -> memory(server, sb);
            case "persistence" -> InfoSections.persistence(server, sb);
            case "stats" -> InfoSections.stats(server, sb);
            case "replication" -> InfoSections.replication(server, sb);
            case "cpu" -> InfoSections.cpu(sb);
            case "commandstats" -> InfoSections.commandstats(server, sb);
            case "errorstats" -> InfoSections.errorstats(server, sb);
            case "latencystats" -> InfoSections.latencystats(server, sb);
            case "modules" -> sb.append("# Modules\r\n");
            case "cluster" -> sb.append("# Cluster\r\ncluster_enabled:0\r\n");
            case "keyspace" -> keyspace(server, sb);
            default -> {
                return false;
            }
        }
        return true;
    }

    static void field(StringBuilder sb, String name, Object value) {
        sb.append(name).append(':').append(value).append("\r\n");
    }

    private static void memory(ServerState s, StringBuilder sb) {
        // the data side's byte accounting (what eviction holds under maxmemory), see MemoryReport
        dev.cachalot.engine.store.MemoryReport m = dev.cachalot.engine.store.MemoryReport.of(s.keyspace(), s.maxmemory());
        long used = m.used();
        long peak = m.peak();
        sb.append("# Memory\r\n");
        field(sb, "used_memory", used);
        field(sb, "used_memory_human", human(used));
        long rss = m.rss();
        field(sb, "used_memory_rss", rss);
        field(sb, "used_memory_rss_human", human(rss));
        field(sb, "used_memory_peak", peak);
        field(sb, "used_memory_peak_human", human(peak));
        field(sb, "used_memory_overhead", m.overhead());
        field(sb, "used_memory_startup", m.startup());
        field(sb, "used_memory_dataset", m.dataset());
        field(sb, "total_system_memory", totalSystemMemory());
        field(sb, "maxmemory", s.maxmemory());
        field(sb, "maxmemory_human", human(s.maxmemory()));
        field(sb, "maxmemory_policy", m.policy());
        field(sb, "mem_fragmentation_ratio", String.format(Locale.ROOT, "%.2f", m.fragmentationRatio()));
        field(sb, "mem_allocator", "jvm");
    }

    private static long totalSystemMemory() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getTotalMemorySize();
        }
        return 0;
    }

    private static void keyspace(ServerState s, StringBuilder sb) {
        sb.append("# Keyspace\r\n");
        Keyspace k = s.keyspace();
        long now = k.nowMs();
        for (int i = 0; i < Keyspace.DATABASES; i++) {
            Database db = k.db(i);
            if (db.size() > 0) {
                sb.append("db").append(i).append(":keys=").append(db.size())
                        .append(",expires=").append(db.volatileSize())
                        .append(",avg_ttl=").append(db.averageTtl(now)).append("\r\n");
            }
        }
    }

    /** Redis's bytesToHuman: B, K, M, G… with two decimals. */
    static String human(long n) {
        double d = n;
        if (n < 1024) {
            return n + "B";
        }
        String[] units = {"K", "M", "G", "T", "P"};
        int u = -1;
        while (d >= 1024 && u < units.length - 1) {
            d /= 1024;
            u++;
        }
        return String.format(Locale.ROOT, "%.2f%s", d, units[u]);
    }
}
