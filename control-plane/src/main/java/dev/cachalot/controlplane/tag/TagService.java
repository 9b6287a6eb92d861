package dev.cachalot.controlplane.tag;

import dev.cachalot.controlplane.CachalotProperties;
import dev.cachalot.controlplane.fault.CachalotFault;
import dev.cachalot.controlplane.fault.InvalidParameterValueException;
import dev.cachalot.controlplane.identity.Caller;
import dev.cachalot.controlplane.replicationgroup.ReplicationGroupNotFoundFault;
import dev.cachalot.controlplane.snapshot.SnapshotNotFoundFault;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Tags of every taggable resource, addressed by ARN (the tag operations) or by type and name (the
 * features that create and delete resources). An ARN of another account or region is refused as
 * {@code InvalidARN}, exactly like a malformed one: whether a resource exists elsewhere is never
 * revealed.
 */
@Service
public class TagService {

    public static final int MAX_TAGS = 50;
    static final int MAX_KEY_LENGTH = 128;
    static final int MAX_VALUE_LENGTH = 256;
    /** AWS's tag character set: letters, digits, white space and {@code _ . : / = + - @}. */
    private static final Pattern ALLOWED = Pattern.compile("[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*");

    private final JdbcClient jdbc;
    private final Map<String, TaggableResourceType> types;
    private final String region;

    public TagService(JdbcClient jdbc, List<TaggableResourceType> types, CachalotProperties properties) {
        this.jdbc = jdbc;
        this.types = types.stream().collect(Collectors.toUnmodifiableMap(TaggableResourceType::arnType, Function.identity()));
        this.region = properties.region();
    }

    /**
     * Checks tags sent with a Create (ElastiCache's key and value rules, at most 50) and returns
     * them with repeated keys collapsed (the last value wins). Throws without changing anything.
     */
    public List<Tag> validate(List<Tag> tags) {
        if (tags == null || tags.isEmpty()) {
            return List.of();
        }
        Map<String, Tag> byKey = new LinkedHashMap<>();
        for (Tag tag : tags) {
            checkKey(tag.key());
            if (tag.value() != null) {
                if (tag.value().length() > MAX_VALUE_LENGTH) {
                    throw new InvalidParameterValueException("Tag value must be no longer than " + MAX_VALUE_LENGTH
                            + " characters: " + tag.value());
                }
                if (!ALLOWED.matcher(tag.value()).matches()) {
                    throw new InvalidParameterValueException("Tag value contains characters that are not allowed: " + tag.value());
                }
            }
            byKey.remove(tag.key());
            byKey.put(tag.key(), tag);
        }
        if (byKey.size() > MAX_TAGS) {
            throw new TagQuotaPerResourceExceededFault();
        }
        return List.copyOf(byKey.values());
    }

    private static void checkKey(String key) {
        if (key == null || key.isEmpty()) {
            throw new InvalidParameterValueException("Tag keys must not be empty.");
        }
        if (key.length() > MAX_KEY_LENGTH) {
            throw new InvalidParameterValueException("Tag key must be no longer than " + MAX_KEY_LENGTH + " characters: " + key);
        }
        if (key.toLowerCase(Locale.ROOT).startsWith("aws:")) {
            throw new InvalidParameterValueException("Tag keys starting with 'aws:' are reserved for AWS use: " + key);
        }
        if (!ALLOWED.matcher(key).matches()) {
            throw new InvalidParameterValueException("Tag key contains characters that are not allowed: " + key);
        }
    }

    /** Tags a resource that is being created, in the creating transaction; the tags must be validated. */
    @Transactional
    public void tagNew(String accountId, String type, String name, List<Tag> tags) {
        for (Tag tag : tags) {
            upsert(accountId, type, name, tag);
        }
    }

    /** Forgets every tag of a resource that is gone (in the deleting transaction). */
    @Transactional
    public void deleteAll(String accountId, String type, String name) {
        jdbc.sql("delete from resource_tags where account_id = ? and resource_type = ? and resource_name = ?")
                .params(accountId, type, name).update();
    }

    @Transactional(readOnly = true)
    public List<Tag> list(Caller caller, String arn) {
        ResourceArn resource = resolve(caller, arn);
        return tags(resource);
    }

    /** Adds tags (replacing the values of keys it already has) and returns all of its tags. */
    @Transactional
    public List<Tag> add(Caller caller, String arn, List<Tag> tags) {
        ResourceArn resource = resolve(caller, arn);
        List<Tag> valid = validate(tags);
        lock(resource);
        for (Tag tag : valid) {
            upsert(resource.accountId(), resource.type(), resource.name(), tag);
        }
        List<Tag> all = tags(resource);
        if (all.size() > MAX_TAGS) {
            throw new TagQuotaPerResourceExceededFault(); // rolls the additions back
        }
        return all;
    }

    /** Removes tags by key and returns the tags left. */
    @Transactional
    public List<Tag> remove(Caller caller, String arn, List<String> keys) {
        ResourceArn resource = resolve(caller, arn);
        lock(resource);
        Set<String> present = tags(resource).stream().map(Tag::key).collect(Collectors.toSet());
        for (String key : keys) {
            if (!present.contains(key)) {
                throw new TagNotFoundFault(key);
            }
        }
        for (String key : keys) {
            jdbc.sql("delete from resource_tags where account_id = ? and resource_type = ? and resource_name = ? and tag_key = ?")
                    .params(resource.accountId(), resource.type(), resource.name(), key).update();
        }
        return tags(resource);
    }

    /**
     * The caller's resource an ARN names. Malformed ARNs, unknown resource types and ARNs of another
     * region or account are all {@code InvalidARN}; a well-formed ARN of the caller's naming no
     * resource is the type's NotFound error.
     */
    private ResourceArn resolve(Caller caller, String arn) {
        ResourceArn parsed = ResourceArn.parse(arn).orElseThrow(() -> new InvalidARNFault(arn));
        if (!parsed.region().equals(region) || !parsed.accountId().equals(caller.accountId())) {
            throw new InvalidARNFault(arn);
        }
        String name = parsed.name().toLowerCase(Locale.ROOT);
        TaggableResourceType type = types.get(parsed.type());
        if (type == null) {
            throw notYetTaggable(parsed.type(), name, arn);
        }
        if (!type.exists(caller.accountId(), name)) {
            throw type.notFound(name);
        }
        return new ResourceArn(parsed.region(), parsed.accountId(), parsed.type(), name);
    }

    /** Resource types ElastiCache has and Cachalot does not serve yet: none of them exists. */
    private static CachalotFault notYetTaggable(String type, String name, String arn) {
        return switch (type) {
            case "replicationgroup" -> new ReplicationGroupNotFoundFault(name);
            case "snapshot" -> new SnapshotNotFoundFault(name);
            default -> new InvalidARNFault(arn);
        };
    }

    private void lock(ResourceArn resource) {
        // one writer per resource at a time, so that two concurrent adds cannot pass the quota together
        jdbc.sql("select pg_advisory_xact_lock(hashtext(?))")
                .param(resource.accountId() + "/" + resource.type() + "/" + resource.name())
                .query((rs, i) -> 1).list();
    }

    private void upsert(String accountId, String type, String name, Tag tag) {
        jdbc.sql("""
                insert into resource_tags (account_id, resource_type, resource_name, tag_key, tag_value)
                values (?, ?, ?, ?, ?)
                on conflict (account_id, resource_type, resource_name, tag_key) do update set tag_value = excluded.tag_value
                """).params(accountId, type, name, tag.key(), tag.value()).update();
    }

    private List<Tag> tags(ResourceArn resource) {
        return new ArrayList<>(jdbc.sql("""
                select tag_key, tag_value from resource_tags
                where account_id = ? and resource_type = ? and resource_name = ? order by tag_key
                """).params(resource.accountId(), resource.type(), resource.name())
                .query((rs, i) -> new Tag(rs.getString("tag_key"), rs.getString("tag_value"))).list());
    }
}
