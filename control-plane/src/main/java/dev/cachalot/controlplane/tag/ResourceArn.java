package dev.cachalot.controlplane.tag;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The ARN of a regional ElastiCache resource: {@code arn:aws:elasticache:<region>:<account>:<type>:<name>}.
 */
public record ResourceArn(String region, String accountId, String type, String name) {

    private static final Pattern ARN = Pattern.compile("arn:aws:elasticache:([a-z0-9-]+):(\\d{12}):([a-z-]+):(.+)");

    public static String of(String region, String accountId, String type, String name) {
        return "arn:aws:elasticache:" + region + ":" + accountId + ":" + type + ":" + name;
    }

    /** The parts of a well-formed ARN; empty for anything else. */
    public static Optional<ResourceArn> parse(String arn) {
        if (arn == null) {
            return Optional.empty();
        }
        Matcher m = ARN.matcher(arn);
        if (!m.matches()) {
            return Optional.empty();
        }
        return Optional.of(new ResourceArn(m.group(1), m.group(2), m.group(3), m.group(4)));
    }

    @Override
    public String toString() {
        return of(region, accountId, type, name);
    }
}
