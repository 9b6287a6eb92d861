package dev.cachalot.controlplane.catalog;

import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/** The node types Cachalot offers (api-spec {@code node-types.csv}). */
@Component
public class NodeTypeCatalog {

    private static final double GIB = 1024.0 * 1024 * 1024;

    private final Map<String, NodeType> byName;

    public NodeTypeCatalog() {
        this.byName = ReferenceData.rows("node-types.csv").stream()
                .map(r -> new NodeType(r[0], Integer.parseInt(r[1]), (long) (Double.parseDouble(r[2]) * GIB)))
                .collect(Collectors.toUnmodifiableMap(NodeType::name, Function.identity()));
    }

    /** Every node type, smallest memory first. */
    public java.util.List<NodeType> all() {
        return byName.values().stream()
                .sorted(java.util.Comparator.comparingLong(NodeType::memoryBytes).thenComparing(NodeType::name))
                .toList();
    }

    public Optional<NodeType> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }
}
