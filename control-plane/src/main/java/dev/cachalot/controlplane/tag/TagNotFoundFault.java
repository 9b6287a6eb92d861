package dev.cachalot.controlplane.tag;

import dev.cachalot.controlplane.fault.CachalotFault;

/** {@code TagNotFound} (404): RemoveTagsFromResource named a key the resource does not carry. */
public class TagNotFoundFault extends CachalotFault {
    public TagNotFoundFault(String key) {
        super("TagNotFound", 404, "The requested tag " + key + " was not found on this resource.");
    }
}
