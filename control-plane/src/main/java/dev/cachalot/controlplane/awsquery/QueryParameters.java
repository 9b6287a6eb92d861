package dev.cachalot.controlplane.awsquery;

import dev.cachalot.controlplane.fault.InvalidParameterValueException;
import dev.cachalot.controlplane.fault.MissingParameterFault;
import java.util.ArrayList;
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
}
