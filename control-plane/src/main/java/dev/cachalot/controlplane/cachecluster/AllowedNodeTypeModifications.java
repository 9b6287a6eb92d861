package dev.cachalot.controlplane.cachecluster;

import java.util.List;

/** The node types a cluster can move to: larger ones (scale up) and smaller ones (scale down). */
public record AllowedNodeTypeModifications(List<String> scaleUp, List<String> scaleDown) {}
