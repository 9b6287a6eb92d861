package dev.cachalot.controlplane.awsquery;

import dev.cachalot.controlplane.fault.InvalidParameterValueException;
import dev.cachalot.controlplane.fault.MissingParameterFault;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The parameters of an AWS Query request (form body and query string), with the typed reads
 * and the list flattening of the protocol: {@code Name.Member.N}, N from 1.
 */
final class QueryParameters {

    private final Map<String, List<String>> values;

    QueryParameters(Map<String, List<String>> values) {
        this.values = values;
    }

    Optional<String> string(String name) {
        List<String> v = values.get(name);
        return v == null || v.isEmpty() ? Optional.empty() : Optional.of(v.getFirst());
    }

    String stringOrNull(String name) {
        return string(name).orElse(null);
    }

    String required(String name) {
        return string(name).filter(v -> !v.isEmpty()).orElseThrow(() -> new MissingParameterFault(name));
    }

    Integer integer(String name) {
        Optional<String> v = string(name);
        if (v.isEmpty()) {
            return null;
        }
        try {
            return Integer.parseInt(v.get().strip());
        } catch (NumberFormatException e) {
            throw new InvalidParameterValueException("Invalid value for parameter " + name + ": '" + v.get()
                    + "' is not a valid integer.");
        }
    }

    Boolean bool(String name) {
        Optional<String> v = string(name);
        if (v.isEmpty()) {
            return null;
        }
        return switch (v.get().strip().toLowerCase(java.util.Locale.ROOT)) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> throw new InvalidParameterValueException("Invalid value for parameter " + name + ": '"
                    + v.get() + "' is not a valid boolean.");
        };
    }

    /**
     * A list flattened as {@code Name.Member.1 … Name.Member.N}; {@code Name=} (an empty list,
     * as the SDKs send it) gives an empty list; null when the list is absent.
     */
    List<String> list(String name, String member) {
        List<String> items = new ArrayList<>();
        String prefix = name + "." + member + ".";
        for (int i = 1; ; i++) {
            Optional<String> v = string(prefix + i);
            if (v.isEmpty()) {
                break;
            }
            items.add(v.get());
        }
        if (items.isEmpty() && !values.containsKey(name)) {
            return null;
        }
        return items;
    }

    /**
     * A list of structures flattened as {@code Name.Member.N.Field}: one map of field to value per
     * item, N from 1 until an index has none of the fields; null when the list is absent.
     */
    List<Map<String, String>> structList(String name, String member, String... fields) {
        List<Map<String, String>> items = new ArrayList<>();
        String prefix = name + "." + member + ".";
        for (int i = 1; ; i++) {
            Map<String, String> item = new LinkedHashMap<>();
            for (String field : fields) {
                string(prefix + i + "." + field).ifPresent(v -> item.put(field, v));
            }
            if (item.isEmpty()) {
                break;
            }
            items.add(item);
        }
        if (items.isEmpty() && !values.containsKey(name)) {
            return null;
        }
        return items;
    }

    /** {@code MaxRecords} of a Describe: 100 when absent, otherwise 20 to 100 as ElastiCache allows. */
    int maxRecords() {
        Integer maxRecords = integer("MaxRecords");
        if (maxRecords == null) {
            return 100;
        }
        if (maxRecords < 20 || maxRecords > 100) {
            throw new InvalidParameterValueException("The parameter MaxRecords must be between 20 and 100.");
        }
        return maxRecords;
    }

    /** A timestamp in ISO-8601 (the SDKs send UTC with a {@code Z}; an offset is accepted too). */
    Instant timestamp(String name) {
        Optional<String> v = string(name);
        if (v.isEmpty()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(v.get().strip()).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return Instant.parse(v.get().strip());
            } catch (DateTimeParseException again) {
                throw new InvalidParameterValueException("Invalid value for parameter " + name + ": '" + v.get()
                        + "' is not a valid ISO-8601 timestamp.");
            }
        }
    }
}
