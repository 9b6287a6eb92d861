package dev.cachalot.controlplane.awsquery;

import dev.cachalot.controlplane.fault.MissingParameterFault;
import dev.cachalot.controlplane.tag.Tag;
import dev.cachalot.controlplane.tag.TagService;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/** AddTagsToResource, RemoveTagsFromResource, ListTagsForResource on the wire, and {@code Tags.Tag.N} of the Creates. */
@Component
class TagActions implements QueryAction.Group {

    private final TagService tags;

    TagActions(TagService tags) {
        this.tags = tags;
    }

    @Override
    public List<QueryAction> actions() {
        return List.of(
                new QueryAction("AddTagsToResource", true, (caller, p, xml) -> {
                    String arn = p.required("ResourceName");
                    List<Tag> added = tags(p);
                    if (added == null) {
                        throw new MissingParameterFault("Tags");
                    }
                    writeTagList(xml, tags.add(caller, arn, added));
                }),
                new QueryAction("RemoveTagsFromResource", true, (caller, p, xml) -> {
                    String arn = p.required("ResourceName");
                    List<String> keys = p.list("TagKeys", "member");
                    if (keys == null) {
                        throw new MissingParameterFault("TagKeys");
                    }
                    writeTagList(xml, tags.remove(caller, arn, keys));
                }),
                new QueryAction("ListTagsForResource", true, (caller, p, xml) ->
                        writeTagList(xml, tags.list(caller, p.required("ResourceName")))));
    }

    /** {@code Tags.Tag.N.Key} / {@code .Value}; null when the request has no Tags. */
    static List<Tag> tags(QueryParameters p) {
        List<Map<String, String>> items = p.structList("Tags", "Tag", "Key", "Value");
        return items == null ? null : items.stream().map(i -> new Tag(i.get("Key"), i.get("Value"))).toList();
    }

    static void writeTagList(XmlWriter xml, List<Tag> tags) {
        xml.list("TagList", "Tag", tags, (w, t) -> w.element("Key", t.key()).element("Value", t.value()));
    }
}
