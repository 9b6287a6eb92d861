package dev.cachalot.agent.node;

import java.util.Arrays;

/** The engines this agent can run as a node process, named as the engine's {@code --engine} flag spells them. */
public enum Engine {
    REDIS("redis"),
    VALKEY("valkey"),
    MEMCACHED("memcached");

    private final String flag;

    Engine(String flag) {
        this.flag = flag;
    }

    /** The value of the engine's {@code --engine} option, also the name kept in the node's persisted state. */
    public String flag() {
        return flag;
    }

    /** Whether the node speaks RESP (health check PING, parameters by CONFIG SET). */
    public boolean resp() {
        return this != MEMCACHED;
    }

    public static Engine fromFlag(String flag) {
        return Arrays.stream(values())
                .filter(e -> e.flag.equals(flag))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown engine '" + flag + "'"));
    }
}
