package dev.cachalot.controlplane.rest;

import dev.cachalot.controlplane.tag.Tag;
import java.util.List;

/** A tag on the wire ({@code {"key": …, "value": …}}) and the bodies of the tag operations. */
record TagJson(String key, String value) {

    static List<Tag> tags(List<TagJson> json) {
        return json == null ? List.of() : json.stream().map(t -> new Tag(t.key(), t.value())).toList();
    }

    static TagJson of(Tag t) {
        return new TagJson(t.key(), t.value());
    }

    /** The resource's tags, in key order. */
    record Tags(List<TagJson> items) {
        static Tags of(List<Tag> tags) {
            return new Tags(tags.stream().map(TagJson::of).toList());
        }
    }

    /** Tags to add (a key it already has gets the new value). */
    record AddTags(List<TagJson> tags) {}
}
