package dev.cachalot.controlplane.parametergroup;

import dev.cachalot.controlplane.fault.CachalotFault;

/** {@code CacheParameterGroupAlreadyExists} (400). */
public class CacheParameterGroupAlreadyExistsFault extends CachalotFault {
    public CacheParameterGroupAlreadyExistsFault(String name) {
        super("CacheParameterGroupAlreadyExists", 400, "CacheParameterGroup " + name + " already exists.");
    }
}
