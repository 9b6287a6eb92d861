package dev.cachalot.engine.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * One configuration parameter, as data (Redis's standardConfig): name, aliases, type, default,
 * bounds, mutability, and its current value, which the engine reads through {@link #longValue()},
 * {@link #intValue()}, {@link #boolValue()}, {@link #stringValue()} or {@link #value()} (plain field
 * reads, cheap on the hot path). CONFIG GET and CONFIG SET are generated from these.
 *
 * <pre>{@code
 * ConfigParam samples = params.add(ConfigParam.integer("maxmemory-samples", 5, 1, 64));
 * ConfigParam policy = params.add(ConfigParam.enumeration("maxmemory-policy", "noeviction", "volatile-lru", …)
 *         .onChange(p -> eviction.policy(p.stringValue())));
 * }</pre>
 *
 * <p>Setting is two-phase so that CONFIG SET of several parameters is all or nothing: {@link #parse}
 * validates and returns the new value without side effects, {@link #apply} stores it and runs the
 * change hook. Data thread only.
 */
public final class ConfigParam {

    /** How the text of a value is read and printed. */
    public enum Type { BOOL, INTEGER, MEMORY, ENUM, STRING, SPECIAL }

    /** A value that a text does not parse into; the message is Redis's text after "CONFIG SET failed … - ". */
    public static final class InvalidValue extends RuntimeException {
        public InvalidValue(String message) {
            super(message, null, false, false);
        }
    }

    private final String name;
    private final Type type;
    private final List<String> aliases = new ArrayList<>();
    private long min = Long.MIN_VALUE;
    private long max = Long.MAX_VALUE;
    private List<String> choices = List.of();
    private boolean immutable;
    private boolean hidden;
    private Function<String, Object> parser;
    private Function<Object, String> formatter;
    private Supplier<String> getter;
    private Consumer<ConfigParam> onChange;
    private Function<Object, String> validator;
    private final String defaultText;

    private Object value;
    private long number;

    private ConfigParam(String name, Type type, String defaultText) {
        this.name = name.toLowerCase(Locale.ROOT);
        this.type = type;
        this.defaultText = defaultText;
    }

    // ------------------------------------------------------------------------------------ factories

    /** A yes/no parameter. */
    public static ConfigParam bool(String name, boolean defaultValue) {
        return new ConfigParam(name, Type.BOOL, defaultValue ? "yes" : "no").init();
    }

    /** An integer within [min, max]. */
    public static ConfigParam integer(String name, long defaultValue, long min, long max) {
        ConfigParam p = new ConfigParam(name, Type.INTEGER, Long.toString(defaultValue));
        p.min = min;
        p.max = max;
        return p.init();
    }

    /** A byte count accepting Redis's units (1k = 1000, 1kb = 1024, m, mb, g, gb), within [min, max]. */
    public static ConfigParam memory(String name, long defaultValue, long min, long max) {
        ConfigParam p = new ConfigParam(name, Type.MEMORY, Long.toString(defaultValue));
        p.min = min;
        p.max = max;
        return p.init();
    }

    /** One of a fixed list of words (case-insensitive on input, printed as listed). */
    public static ConfigParam enumeration(String name, String defaultValue, String... choices) {
        ConfigParam p = new ConfigParam(name, Type.ENUM, defaultValue);
        p.choices = List.of(choices);
        return p.init();
    }

    /** Free text. */
    public static ConfigParam string(String name, String defaultValue) {
        return new ConfigParam(name, Type.STRING, defaultValue).init();
    }

    /**
     * A parameter with its own syntax (client-output-buffer-limit, notify-keyspace-events): the parser
     * turns text into a value or throws {@link InvalidValue}; the formatter prints it for CONFIG GET.
     */
    public static ConfigParam special(String name, String defaultText, Function<String, Object> parser,
                                      Function<Object, String> formatter) {
        ConfigParam p = new ConfigParam(name, Type.SPECIAL, defaultText);
        p.parser = parser;
        p.formatter = formatter;
        return p.init();
    }

    private ConfigParam init() {
        if (type != Type.SPECIAL) {
            store(parseText(defaultText));
        }
        return this;
    }

    // ------------------------------------------------------------------------------------ fluent options

    /** Another name for the same parameter (e.g. "hash-max-ziplist-entries"). */
    public ConfigParam alias(String alias) {
        aliases.add(alias.toLowerCase(Locale.ROOT));
        return this;
    }

    /** CONFIG SET refuses it ("can't set immutable config"). */
    public ConfigParam immutable() {
        this.immutable = true;
        return this;
    }

    /** Left out of CONFIG GET patterns; an exact name still works. */
    public ConfigParam hidden() {
        this.hidden = true;
        return this;
    }

    /** What CONFIG GET prints, when the value lives elsewhere (e.g. the port actually bound). */
    public ConfigParam getter(Supplier<String> getter) {
        this.getter = getter;
        return this;
    }

    /** Runs after CONFIG SET stored a new value. */
    public ConfigParam onChange(Consumer<ConfigParam> hook) {
        this.onChange = hook;
        return this;
    }

    /** An extra check of a parsed value: returns an error text or null. */
    public ConfigParam validate(Function<Object, String> check) {
        this.validator = check;
        return this;
    }

    // ------------------------------------------------------------------------------------ reads

    public String name() {
        return name;
    }

    public List<String> aliases() {
        return Collections.unmodifiableList(aliases);
    }

    public Type type() {
        return type;
    }

    public boolean isImmutable() {
        return immutable;
    }

    public boolean isHidden() {
        return hidden;
    }

    public long min() {
        return min;
    }

    public long max() {
        return max;
    }

    public List<String> choices() {
        return choices;
    }

    public String defaultText() {
        return defaultText;
    }

    /** BOOL as 0/1, INTEGER and MEMORY as their number. */
    public long longValue() {
        return number;
    }

    public int intValue() {
        return (int) number;
    }

    public boolean boolValue() {
        return number != 0;
    }

    /** ENUM and STRING text. */
    public String stringValue() {
        return (String) value;
    }

    /** The parsed value: Long, Boolean, String, or a SPECIAL parameter's own type. */
    public Object value() {
        return value;
    }

    /** The text CONFIG GET prints. */
    public String text() {
        if (getter != null) {
            return getter.get();
        }
        return format(value);
    }

    // ------------------------------------------------------------------------------------ setting

    /** Validates {@code text} without side effects; throws {@link InvalidValue} with Redis's message. */
    public Object parse(String text) {
        Object v = parseText(text);
        if (validator != null) {
            String error = validator.apply(v);
            if (error != null) {
                throw new InvalidValue(error);
            }
        }
        return v;
    }

    /** Stores a value returned by {@link #parse} and runs the change hook. */
    public void apply(Object parsed) {
        store(parsed);
        if (onChange != null) {
            onChange.accept(this);
        }
    }

    /** Parses and applies in one step (start-up options, tests). */
    public void set(String text) {
        apply(parse(text));
    }

    private void store(Object v) {
        value = v;
        if (v instanceof Long l) {
            number = l;
        } else if (v instanceof Boolean b) {
            number = b ? 1 : 0;
        }
    }

    private Object parseText(String text) {
        switch (type) {
            case BOOL -> {
                if (text.equalsIgnoreCase("yes")) {
                    return Boolean.TRUE;
                }
                if (text.equalsIgnoreCase("no")) {
                    return Boolean.FALSE;
                }
                throw new InvalidValue("argument must be 'yes' or 'no'");
            }
            case INTEGER -> {
                long n;
                try {
                    n = Long.parseLong(text);
                } catch (NumberFormatException e) {
                    throw new InvalidValue("argument couldn't be parsed into an integer");
                }
                return bounded(n);
            }
            case MEMORY -> {
                long n = parseMemory(text);
                if (n < 0) {
                    throw new InvalidValue("argument must be a memory value");
                }
                return bounded(n);
            }
            case ENUM -> {
                for (String c : choices) {
                    if (c.equalsIgnoreCase(text)) {
                        return c;
                    }
                }
                throw new InvalidValue("argument(s) must be one of the following: " + String.join(", ", choices));
            }
            case STRING -> {
                return text;
            }
            default -> {
                return parser.apply(text);
            }
        }
    }

    private Long bounded(long n) {
        if (n < min || n > max) {
            throw new InvalidValue("argument must be between " + min + " and " + max + " inclusive");
        }
        return n;
    }

    private String format(Object v) {
        return switch (type) {
            case BOOL -> ((Boolean) v) ? "yes" : "no";
            case INTEGER, MEMORY -> Long.toString((Long) v);
            case ENUM, STRING -> (String) v;
            case SPECIAL -> formatter.apply(v);
        };
    }

    /**
     * Redis's memtoull: digits with an optional unit b, k (1000), kb (1024), m, mb, g, gb, any case;
     * -1 when the text is not a memory value.
     */
    public static long parseMemory(String text) {
        String v = text.toLowerCase(Locale.ROOT);
        long mul = 1;
        String[][] units = {{"kb", "1024"}, {"mb", "1048576"}, {"gb", "1073741824"}, {"b", "1"},
                {"k", "1000"}, {"m", "1000000"}, {"g", "1000000000"}};
        for (String[] u : units) {
            if (v.endsWith(u[0])) {
                mul = Long.parseLong(u[1]);
                v = v.substring(0, v.length() - u[0].length());
                break;
            }
        }
        if (v.isEmpty() || v.length() > 19) {
            return -1;
        }
        for (int i = 0; i < v.length(); i++) {
            if (v.charAt(i) < '0' || v.charAt(i) > '9') {
                return -1;
            }
        }
        try {
            return Math.multiplyExact(Long.parseLong(v), mul);
        } catch (ArithmeticException | NumberFormatException e) {
            return -1;
        }
    }

    @Override
    public String toString() {
        return name + "=" + text();
    }
}
