package dev.cachalot.engine.config;

import dev.cachalot.engine.util.Glob;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Every configuration parameter of a node, by name and alias: what CONFIG GET lists and CONFIG SET
 * changes. Components add their parameters at start-up with one line each
 * ({@code params.add(ConfigParam.integer(…))}) and keep the returned {@link ConfigParam} to read
 * its value. Data thread only (after start-up).
 */
public final class ConfigRegistry {

    private final List<ConfigParam> all = new ArrayList<>();
    private final Map<String, ConfigParam> byName = new HashMap<>();

    /** Registers a parameter and returns it. A name or alias used twice is a programming error. */
    public ConfigParam add(ConfigParam param) {
        put(param.name(), param);
        for (String alias : param.aliases()) {
            put(alias, param);
        }
        all.add(param);
        return param;
    }

    private void put(String name, ConfigParam param) {
        if (byName.putIfAbsent(name, param) != null) {
            throw new IllegalArgumentException("config parameter registered twice: " + name);
        }
    }

    /** By name or alias, in any case; or null. */
    public ConfigParam get(String name) {
        return byName.get(name.toLowerCase(Locale.ROOT));
    }

    /** Every parameter, in registration order. */
    public List<ConfigParam> all() {
        return Collections.unmodifiableList(all);
    }

    /**
     * CONFIG GET's selection for one argument: an exact name (or alias, hidden ones included) as given,
     * or a glob pattern matched case-insensitively against every visible name and alias.
     *
     * @param into matched name → parameter, in order; a name already present is not added again
     */
    public void match(String pattern, Map<String, ConfigParam> into) {
        if (pattern.indexOf('*') < 0 && pattern.indexOf('?') < 0 && pattern.indexOf('[') < 0) {
            ConfigParam p = get(pattern);
            if (p != null) {
                into.putIfAbsent(pattern, p);
            }
            return;
        }
        String lower = pattern.toLowerCase(Locale.ROOT);
        for (ConfigParam p : all) {
            if (p.isHidden()) {
                continue;
            }
            if (Glob.matches(lower, p.name(), true)) {
                into.putIfAbsent(p.name(), p);
            }
            for (String alias : p.aliases()) {
                if (Glob.matches(lower, alias, true)) {
                    into.putIfAbsent(alias, p);
                }
            }
        }
    }
}
