package dev.cachalot.engine.command;

import io.netty.buffer.ByteBuf;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Commands by name, looked up straight from the bytes of a request (case-insensitively, without making
 * a String): an open-addressing table keyed by a hash of the lower-cased name.
 */
public final class CommandTable {

    private final List<CommandSpec> all;
    private final CommandSpec[] slots;
    private final int mask;

    public CommandTable(List<CommandSpec> specs) {
        this.all = CommandSpec.unmodifiable(specs);
        int capacity = Integer.highestOneBit(Math.max(4, specs.size() * 4) - 1) << 1;
        this.slots = new CommandSpec[capacity];
        this.mask = capacity - 1;
        for (CommandSpec spec : specs) {
            byte[] n = spec.nameBytes();
            int idx = hash(n, 0, n.length) & mask;
            while (slots[idx] != null) {
                if (slots[idx].name().equals(spec.name())) {
                    throw new IllegalArgumentException("duplicate command " + spec.name());
                }
                idx = (idx + 1) & mask;
            }
            slots[idx] = spec;
        }
    }

    /** The command named by {@code len} bytes at {@code off} of {@code buf}, in any case; or null. */
    public CommandSpec lookup(ByteBuf buf, int off, int len) {
        int h = 0x811C9DC5;
        for (int i = 0; i < len; i++) {
            h = (h ^ lower(buf.getByte(off + i))) * 0x01000193;
        }
        int idx = h & mask;
        for (;;) {
            CommandSpec spec = slots[idx];
            if (spec == null) {
                return null;
            }
            if (matches(spec.nameBytes(), buf, off, len)) {
                return spec;
            }
            idx = (idx + 1) & mask;
        }
    }

    public CommandSpec lookup(String name) {
        byte[] b = name.getBytes(StandardCharsets.ISO_8859_1);
        return lookup(io.netty.buffer.Unpooled.wrappedBuffer(b), 0, b.length);
    }

    /** Every command, in registration order. */
    public List<CommandSpec> all() {
        return all;
    }

    public int size() {
        return all.size();
    }

    private static boolean matches(byte[] name, ByteBuf buf, int off, int len) {
        if (name.length != len) {
            return false;
        }
        for (int i = 0; i < len; i++) {
            if (name[i] != lower(buf.getByte(off + i))) {
                return false;
            }
        }
        return true;
    }

    private static int hash(byte[] b, int off, int len) {
        int h = 0x811C9DC5;
        for (int i = 0; i < len; i++) {
            h = (h ^ lower(b[off + i])) * 0x01000193;
        }
        return h;
    }

    private static int lower(byte b) {
        return b >= 'A' && b <= 'Z' ? b + 32 : b;
    }

    /** Zeroes the per-command counters of every command and subcommand. */
    public void resetStats() {
        for (CommandSpec s : all) {
            s.resetStats();
            if (s.subcommands() != null) {
                s.subcommands().resetStats();
            }
        }
    }
}
