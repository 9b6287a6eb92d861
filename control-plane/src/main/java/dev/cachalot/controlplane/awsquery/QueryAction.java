package dev.cachalot.controlplane.awsquery;

import dev.cachalot.controlplane.identity.Caller;

/**
 * One operation of an AWS Query API.
 *
 * @param name      the {@code Action} value, e.g. {@code CreateCacheCluster}
 * @param hasResult false for operations whose response has no {@code <ActionResult>} element
 * @param handler   writes the members of the result element
 */
record QueryAction(String name, boolean hasResult, Handler handler) {

    /** Actions a read-only policy allows: those that only read ({@code Describe*}, {@code List*}). */
    boolean readOnly() {
        return name.startsWith("Describe") || name.startsWith("List");
    }

    @FunctionalInterface
    interface Handler {
        void handle(Caller caller, QueryParameters params, XmlWriter result);
    }

    /** A feature's set of operations; the registry collects every bean of this type. */
    interface Group {
        java.util.List<QueryAction> actions();
    }
}
