package dev.cachalot.controlplane.awsquery;

import dev.cachalot.controlplane.subnetgroup.CacheSubnetGroupService;
import dev.cachalot.controlplane.subnetgroup.CacheSubnetGroupView;
import java.util.List;
import org.springframework.stereotype.Component;

/** Create/Describe/Modify/DeleteCacheSubnetGroup(s) on the wire. */
@Component
class SubnetGroupActions implements QueryAction.Group {

    private static final String LISTING = "subnet-groups";

    private final CacheSubnetGroupService groups;

    SubnetGroupActions(CacheSubnetGroupService groups) {
        this.groups = groups;
    }

    @Override
    public List<QueryAction> actions() {
        return List.of(
                new QueryAction("CreateCacheSubnetGroup", true, (caller, p, xml) -> {
                    CacheSubnetGroupView created = groups.create(caller, p.required("CacheSubnetGroupName"),
                            p.stringOrNull("CacheSubnetGroupDescription"), p.list("SubnetIds", "SubnetIdentifier"),
                            TagActions.tags(p));
                    xml.struct("CacheSubnetGroup", () -> writeGroup(xml, created));
                }),
                new QueryAction("DescribeCacheSubnetGroups", true, (caller, p, xml) -> {
                    CacheSubnetGroupService.Page page = groups.describe(caller, p.string("CacheSubnetGroupName"),
                            p.maxRecords(), Markers.decode(LISTING, caller, p));
                    page.lastName().ifPresent(last -> xml.element("Marker", Markers.encode(LISTING, caller, last)));
                    xml.list("CacheSubnetGroups", "CacheSubnetGroup", page.groups(), SubnetGroupActions::writeGroup);
                }),
                new QueryAction("ModifyCacheSubnetGroup", true, (caller, p, xml) -> {
                    CacheSubnetGroupView modified = groups.modify(caller, p.required("CacheSubnetGroupName"),
                            p.stringOrNull("CacheSubnetGroupDescription"), p.list("SubnetIds", "SubnetIdentifier"));
                    xml.struct("CacheSubnetGroup", () -> writeGroup(xml, modified));
                }),
                new QueryAction("DeleteCacheSubnetGroup", false, (caller, p, xml) ->
                        groups.delete(caller, p.required("CacheSubnetGroupName"))));
    }

    private static void writeGroup(XmlWriter xml, CacheSubnetGroupView g) {
        xml.element("CacheSubnetGroupName", g.name())
                .element("CacheSubnetGroupDescription", g.description())
                .element("VpcId", g.vpcId())
                .list("Subnets", "Subnet", g.subnets(), (w, s) -> w
                        .element("SubnetIdentifier", s.subnetIdentifier())
                        .struct("SubnetAvailabilityZone", () -> w.element("Name", s.availabilityZone()))
                        .list("SupportedNetworkTypes", "member", List.of("ipv4"), (m, t) -> m.text(t)))
                .element("ARN", g.arn())
                .list("SupportedNetworkTypes", "member", List.of("ipv4"), (m, t) -> m.text(t));
    }
}
