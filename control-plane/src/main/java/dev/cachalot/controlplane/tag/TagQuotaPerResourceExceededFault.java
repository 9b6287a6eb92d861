package dev.cachalot.controlplane.tag;

import dev.cachalot.controlplane.fault.CachalotFault;

/** {@code TagQuotaPerResourceExceeded} (400): a resource may carry at most 50 tags. */
public class TagQuotaPerResourceExceededFault extends CachalotFault {
    public TagQuotaPerResourceExceededFault() {
        super("TagQuotaPerResourceExceeded", 400, "The request cannot be processed because it would cause the resource "
                + "to have more than the allowed number of tags. The maximum number of tags permitted on a resource is "
                + TagService.MAX_TAGS + ".");
    }
}
