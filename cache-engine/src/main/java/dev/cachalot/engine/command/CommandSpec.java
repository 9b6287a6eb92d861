package dev.cachalot.engine.command;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A command's metadata, which the gate enforces and COMMAND reports: name, arity (negative = at least
 * that many arguments, counting the name), flags, key positions, ACL categories, documentation, the
 * handler and, for container commands such as CLIENT, a table of subcommands.
 */
public final class CommandSpec {

    private final String name;
    private final String fullName;
    private final byte[] nameBytes;
    private final int arity;
    private final int flags;
    private final int firstKey;
    private final int lastKey;
    private final int keyStep;
    private final long aclCategories;
    private final String group;
    private final String since;
    private final String summary;
    private final String complexity;
    private final CommandHandler handler;
    private final CommandTable subcommands;
    private final String argsSpec;
    private final List<ArgumentSpec> arguments;

    /** Times the handler ran (INFO commandstats). */
    long calls;
    /** Time spent in the handler, nanoseconds. */
    long nanos;
    /** Calls that replied with an error. */
    long failedCalls;
    /** Calls refused by the gate. */
    long rejectedCalls;
    /** Latency histogram for LATENCY HISTOGRAM and INFO latencystats. */
    final LatencyHistogram histogram = new LatencyHistogram();

    private final CommandSpec parent;

    private CommandSpec(Builder b, CommandSpec parent) {
        this.parent = parent;
        this.name = b.name;
        this.fullName = parent == null ? b.name : parent.name + "|" + b.name;
        this.nameBytes = b.name.getBytes(StandardCharsets.US_ASCII);
        this.arity = b.arity;
        this.flags = b.flags;
        this.firstKey = b.firstKey;
        this.lastKey = b.lastKey;
        this.keyStep = b.keyStep;
        this.aclCategories = b.acl | impliedCategories(b.flags);
        this.group = b.group;
        this.since = b.since;
        this.summary = b.summary;
        this.complexity = b.complexity;
        this.handler = b.handler;
        this.argsSpec = b.argsSpec != null ? b.argsSpec : CommandArguments.of(fullName);
        this.arguments = ArgumentSpec.parseList(argsSpec);
        if (b.subcommands.isEmpty()) {
            this.subcommands = null;
        } else {
            List<CommandSpec> subs = new ArrayList<>();
            for (Builder sb : b.subcommands) {
                if (sb.group == null) {
                    sb.group = b.group;
                }
                subs.add(new CommandSpec(sb, this));
            }
            this.subcommands = new CommandTable(subs);
        }
    }

    /** As Redis's setImplicitACLCategories: flags imply categories, and a command that is not fast is slow. */
    private static long impliedCategories(int flags) {
        long acl = 0;
        if ((flags & CommandFlag.WRITE.bit()) != 0) {
            acl |= AclCategory.WRITE.bit();
        }
        if ((flags & CommandFlag.READONLY.bit()) != 0) {
            acl |= AclCategory.READ.bit();
        }
        if ((flags & CommandFlag.ADMIN.bit()) != 0) {
            acl |= AclCategory.ADMIN.bit() | AclCategory.DANGEROUS.bit();
        }
        if ((flags & CommandFlag.PUBSUB.bit()) != 0) {
            acl |= AclCategory.PUBSUB.bit();
        }
        if ((flags & CommandFlag.FAST.bit()) != 0) {
            acl |= AclCategory.FAST.bit();
        }
        if ((flags & CommandFlag.BLOCKING.bit()) != 0) {
            acl |= AclCategory.BLOCKING.bit();
        }
        if ((acl & AclCategory.FAST.bit()) == 0) {
            acl |= AclCategory.SLOW.bit();
        }
        return acl;
    }

    public static Builder command(String name, int arity, CommandHandler handler) {
        return new Builder(name, arity, handler);
    }

    /** Lower-case name, e.g. "get", or "setname" for a subcommand. */
    public String name() {
        return name;
    }

    /** The container command of a subcommand, or null. */
    public CommandSpec parent() {
        return parent;
    }

    /** Name as used in errors and COMMAND replies: "get", "client|setname". */
    public String fullName() {
        return fullName;
    }

    byte[] nameBytes() {
        return nameBytes;
    }

    public int arity() {
        return arity;
    }

    /** Redis's rule: positive means exactly, negative means at least. */
    public boolean arityAccepts(int argc) {
        return arity > 0 ? argc == arity : argc >= -arity;
    }

    public boolean has(CommandFlag flag) {
        return (flags & flag.bit()) != 0;
    }

    public List<CommandFlag> flags() {
        List<CommandFlag> out = new ArrayList<>();
        for (CommandFlag f : CommandFlag.values()) {
            if (has(f)) {
                out.add(f);
            }
        }
        return out;
    }

    public List<AclCategory> aclCategories() {
        List<AclCategory> out = new ArrayList<>();
        for (AclCategory c : AclCategory.values()) {
            if ((aclCategories & c.bit()) != 0) {
                out.add(c);
            }
        }
        return out;
    }

    public int firstKey() {
        return firstKey;
    }

    public int lastKey() {
        return lastKey;
    }

    public int keyStep() {
        return keyStep;
    }

    public String group() {
        return group;
    }

    public String since() {
        return since;
    }

    public String summary() {
        return summary;
    }

    public String complexity() {
        return complexity;
    }

    public CommandHandler handler() {
        return handler;
    }

    /** The arguments as declared with {@link Builder#args(String)}, or null. */
    public String argsSpec() {
        return argsSpec;
    }

    /** The arguments for COMMAND DOCS; empty when not declared. */
    public List<ArgumentSpec> arguments() {
        return arguments;
    }

    /** The subcommands of a container command, or null. */
    public CommandTable subcommands() {
        return subcommands;
    }

    public long calls() {
        return calls;
    }

    public long nanos() {
        return nanos;
    }

    public long failedCalls() {
        return failedCalls;
    }

    public long rejectedCalls() {
        return rejectedCalls;
    }

    public LatencyHistogram histogram() {
        return histogram;
    }

    void resetStats() {
        calls = 0;
        nanos = 0;
        failedCalls = 0;
        rejectedCalls = 0;
        histogram.reset();
    }

    /**
     * The positions of the keys in a request of {@code argc} arguments, from first/last/step (a
     * negative last counts from the end): COMMAND GETKEYS and tracking.
     */
    public int[] keyPositions(int argc) {
        if (firstKey <= 0 || firstKey >= argc) {
            return new int[0];
        }
        int last = lastKey < 0 ? argc + lastKey : Math.min(lastKey, argc - 1);
        int step = Math.max(1, keyStep);
        int n = last < firstKey ? 0 : (last - firstKey) / step + 1;
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            out[i] = firstKey + i * step;
        }
        return out;
    }

    @Override
    public String toString() {
        return fullName;
    }

    /** Fluent description of a command; see the command groups for examples. */
    public static final class Builder {
        private final String name;
        private final int arity;
        private final CommandHandler handler;
        private int flags;
        private int firstKey;
        private int lastKey;
        private int keyStep;
        private long acl;
        private String group;
        private String since = "1.0.0";
        private String summary = "";
        private String complexity;
        private final List<Builder> subcommands = new ArrayList<>();
        private String argsSpec;

        private Builder(String name, int arity, CommandHandler handler) {
            this.name = name.toLowerCase(Locale.ROOT);
            this.arity = arity;
            this.handler = handler;
        }

        public Builder flags(CommandFlag... fs) {
            for (CommandFlag f : fs) {
                flags |= f.bit();
            }
            return this;
        }

        /** Key positions: first, last (negative counts from the end) and step, as in Redis. */
        public Builder keys(int first, int last, int step) {
            this.firstKey = first;
            this.lastKey = last;
            this.keyStep = step;
            return this;
        }

        public Builder acl(AclCategory... categories) {
            for (AclCategory c : categories) {
                acl |= c.bit();
            }
            return this;
        }

        public Builder group(String group) {
            this.group = group;
            return this;
        }

        /** Documentation shown by COMMAND DOCS. */
        public Builder doc(String since, String summary, String complexity) {
            this.since = since;
            this.summary = summary;
            this.complexity = complexity;
            return this;
        }

        /**
         * The arguments after the command name, for COMMAND DOCS (redis-cli's hints), in a compact
         * notation: {@code name:type} (types key, string, integer, double, pattern, unix-time),
         * {@code TOKEN} alone for a pure token, {@code TOKEN=name:type} for a token with a value,
         * {@code [ … ]} optional, a trailing {@code ...} repeats, {@code name:(a|b|c)} one of,
         * {@code name:{a b}} a block. Example (SET):
         * {@code key:key value:string [condition:(NX|XX)] [GET] [expiration:(EX=seconds:integer|PX=milliseconds:integer|KEEPTTL)]}
         */
        public Builder args(String spec) {
            this.argsSpec = spec;
            return this;
        }

        public Builder subcommand(Builder sub) {
            subcommands.add(sub);
            return this;
        }

        public CommandSpec build() {
            Objects.requireNonNull(group, () -> "group of " + name);
            return new CommandSpec(this, null);
        }
    }

    static List<CommandSpec> unmodifiable(List<CommandSpec> specs) {
        return Collections.unmodifiableList(new ArrayList<>(specs));
    }
}
