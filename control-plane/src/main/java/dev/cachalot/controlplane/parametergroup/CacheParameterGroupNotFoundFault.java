package dev.cachalot.controlplane.parametergroup;

import dev.cachalot.controlplane.fault.CachalotFault;

/** {@code CacheParameterGroupNotFound} (404). */
public class CacheParameterGroupNotFoundFault extends CachalotFault {
    public CacheParameterGroupNotFoundFault(String name) {
        super("CacheParameterGroupNotFound", 404, "CacheParameterGroup not found: " + name);
    }
}
