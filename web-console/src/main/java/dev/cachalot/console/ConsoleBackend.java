package dev.cachalot.console;

import java.util.List;

/**
 * What the console reads and does, in the console's own terms. The control plane implements it
 * on the same application services as its APIs.
 */
public interface ConsoleBackend {

    /** The signed-in account's cache clusters, in identifier order. */
    List<CacheClusterRow> cacheClusters(ConsolePrincipal principal);
}
