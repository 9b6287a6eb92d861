package dev.cachalot.engine.command;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One argument of a command as COMMAND DOCS describes it (name, type, token, optional/multiple
 * flags, nested arguments for oneof and block), parsed from the compact notation of
 * {@link CommandSpec.Builder#args(String)}:
 * <pre>
 *   key:key value:string [condition:(NX|XX)] [GET]
 *   [expiration:(EX=seconds:integer|PX=milliseconds:integer|KEEPTTL)]
 *   data:{key:key value:string}...      [ID=client-id:integer...]
 * </pre>
 */
public record ArgumentSpec(String name, String type, String token, boolean optional, boolean multiple,
                           List<ArgumentSpec> arguments) {

    /** Parses a whole argument list; throws IllegalArgumentException on a malformed notation. */
    public static List<ArgumentSpec> parseList(String spec) {
        if (spec == null || spec.isBlank()) {
            return List.of();
        }
        Parser p = new Parser(spec);
        List<ArgumentSpec> out = p.list('\0');
        if (p.pos != spec.length()) {
            throw new IllegalArgumentException("bad argument notation at " + p.pos + ": " + spec);
        }
        return out;
    }

    private ArgumentSpec with(boolean opt, boolean mult) {
        return new ArgumentSpec(name, type, token, opt || optional, mult || multiple, arguments);
    }

    private static final class Parser {
        final String s;
        int pos;

        Parser(String s) {
            this.s = s;
        }

        List<ArgumentSpec> list(char end) {
            List<ArgumentSpec> out = new ArrayList<>();
            for (;;) {
                skipSpaces();
                if (pos >= s.length() || s.charAt(pos) == end) {
                    return out;
                }
                out.add(item());
            }
        }

        ArgumentSpec item() {
            ArgumentSpec a;
            if (peek('[')) {
                pos++;
                List<ArgumentSpec> inside = list(']');
                expect(']');
                if (inside.size() == 1) {
                    a = inside.get(0).with(true, false);
                } else {
                    a = new ArgumentSpec(blockName(inside), "block", null, true, false, inside);
                }
            } else {
                a = element();
            }
            if (s.startsWith("...", pos)) {
                pos += 3;
                a = a.with(false, true);
            }
            return a;
        }

        /** TOKEN, TOKEN=name:type or name:type. */
        ArgumentSpec element() {
            int start = pos;
            while (pos < s.length() && "=:|)]} ".indexOf(s.charAt(pos)) < 0 && !s.startsWith("...", pos)) {
                pos++;
            }
            String word = s.substring(start, pos);
            if (peek('=')) {
                pos++;
                ArgumentSpec v = element();
                return new ArgumentSpec(v.name, v.type, word, v.optional, v.multiple, v.arguments);
            }
            if (peek(':')) {
                pos++;
                return typed(word);
            }
            // a pure token: its name is the lower-cased word
            return new ArgumentSpec(word.toLowerCase(Locale.ROOT), "pure-token", word, false, false, List.of());
        }

        ArgumentSpec typed(String name) {
            if (peek('(')) {
                pos++;
                List<ArgumentSpec> alts = new ArrayList<>();
                for (;;) {
                    ArgumentSpec alt = element();
                    if (s.startsWith("...", pos)) {
                        pos += 3;
                        alt = alt.with(false, true);
                    }
                    alts.add(alt);
                    if (peek('|')) {
                        pos++;
                        continue;
                    }
                    expect(')');
                    return new ArgumentSpec(name, "oneof", null, false, false, alts);
                }
            }
            if (peek('{')) {
                pos++;
                List<ArgumentSpec> parts = list('}');
                expect('}');
                return new ArgumentSpec(name, "block", null, false, false, parts);
            }
            int start = pos;
            while (pos < s.length() && "|)]} ".indexOf(s.charAt(pos)) < 0 && !s.startsWith("...", pos)) {
                pos++;
            }
            return new ArgumentSpec(name, s.substring(start, pos), null, false, false, List.of());
        }

        String blockName(List<ArgumentSpec> inside) {
            return inside.get(0).name;
        }

        boolean peek(char c) {
            return pos < s.length() && s.charAt(pos) == c;
        }

        void expect(char c) {
            if (!peek(c)) {
                throw new IllegalArgumentException("expected '" + c + "' at " + pos + ": " + s);
            }
            pos++;
        }

        void skipSpaces() {
            while (pos < s.length() && s.charAt(pos) == ' ') {
                pos++;
            }
        }
    }
}
