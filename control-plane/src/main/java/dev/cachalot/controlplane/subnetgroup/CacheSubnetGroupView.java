package dev.cachalot.controlplane.subnetgroup;

import java.util.List;

/** A cache subnet group as DescribeCacheSubnetGroups shows it. */
public record CacheSubnetGroupView(String name, String description, String vpcId, List<Subnet> subnets, String arn) {}
