package dev.cachalot.controlplane.parametergroup;

import dev.cachalot.controlplane.catalog.EngineCatalog;
import dev.cachalot.controlplane.catalog.EngineVersion;
import dev.cachalot.controlplane.catalog.ReferenceData;
import dev.cachalot.controlplane.fault.InvalidParameterValueException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The parameters of every parameter group family (api-spec {@code cache-parameters.csv}), and the
 * rules a value must follow: its data type and allowed values. Pure data, no database.
 */
@Component
public class ParameterCatalog {

    private final Map<String, Map<String, CacheParameter>> byFamily;

    public ParameterCatalog(EngineCatalog engines) {
        Map<String, String> oldestVersion = new LinkedHashMap<>();
        for (EngineVersion v : engines.versions()) {
            oldestVersion.merge(v.family(), v.version(), (a, b) -> compareVersions(a, b) <= 0 ? a : b);
        }
        Map<String, Map<String, CacheParameter>> families = new LinkedHashMap<>();
        oldestVersion.keySet().forEach(f -> families.put(f, new java.util.TreeMap<>()));
        for (String[] r : ReferenceData.rows("cache-parameters.csv")) {
            for (String family : r[1].split("\\s+")) {
                Map<String, CacheParameter> parameters = families.get(family);
                if (parameters == null) {
                    throw new IllegalStateException("cache-parameters.csv: " + r[0] + " names unknown family " + family);
                }
                String since = r[7];
                String oldest = oldestVersion.get(family);
                String minimum = since.isEmpty() || compareVersions(since, oldest) <= 0 ? oldest : since;
                parameters.put(r[0], new CacheParameter(r[0], r[2], r[3], r[4], Boolean.parseBoolean(r[5]),
                        ChangeType.fromWireValue(r[6]), minimum, r[8], r[9], r[10]));
            }
        }
        this.byFamily = families;
    }

    public List<String> families() {
        return List.copyOf(byFamily.keySet());
    }

    public boolean hasFamily(String family) {
        return byFamily.containsKey(family);
    }

    /** The family's parameters in name order. */
    public List<CacheParameter> parameters(String family) {
        return List.copyOf(byFamily.getOrDefault(family, Map.of()).values());
    }

    public Optional<CacheParameter> parameter(String family, String name) {
        return Optional.ofNullable(byFamily.getOrDefault(family, Map.of()).get(name));
    }

    /** Throws {@code InvalidParameterValue} unless the value fits the parameter's type and allowed values. */
    static void checkValue(CacheParameter p, String value) {
        boolean numeric = p.dataType().equals("integer") || p.dataType().equals("float");
        BigDecimal number = null;
        if (numeric) {
            try {
                number = new BigDecimal(value.strip());
                if (p.dataType().equals("integer") && number.stripTrailingZeros().scale() > 0) {
                    throw new NumberFormatException();
                }
            } catch (NumberFormatException e) {
                throw invalid(p, value);
            }
        }
        if (p.allowedValues().isEmpty()) {
            return;
        }
        for (String allowed : splitAllowed(p.allowedValues())) {
            if (numeric && isRange(allowed)) {
                int dash = allowed.indexOf('-', 1);
                BigDecimal low = new BigDecimal(allowed.substring(0, dash));
                String high = allowed.substring(dash + 1);
                if (number.compareTo(low) >= 0 && (high.isEmpty() || number.compareTo(new BigDecimal(high)) <= 0)) {
                    return;
                }
            } else if (numeric ? number.compareTo(new BigDecimal(allowed)) == 0 : allowed.equals(value)) {
                return;
            }
        }
        throw invalid(p, value);
    }

    private static List<String> splitAllowed(String allowed) {
        List<String> parts = new ArrayList<>();
        for (String part : allowed.split(",")) {
            parts.add(part.strip());
        }
        return parts;
    }

    /** {@code 1-100}, {@code 20-}; a leading minus is a negative number ({@code -2}), not a range. */
    private static boolean isRange(String allowed) {
        return allowed.indexOf('-', 1) > 0;
    }

    private static InvalidParameterValueException invalid(CacheParameter p, String value) {
        return new InvalidParameterValueException("Invalid value '" + value + "' for parameter " + p.name()
                + (p.allowedValues().isEmpty() ? "" : ": allowed values are " + p.allowedValues()) + ".");
    }

    static int compareVersions(String a, String b) {
        String[] x = a.split("\\.");
        String[] y = b.split("\\.");
        for (int i = 0; i < Math.max(x.length, y.length); i++) {
            int c = Integer.compare(i < x.length ? parse(x[i]) : 0, i < y.length ? parse(y[i]) : 0);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    private static int parse(String part) {
        try {
            return Integer.parseInt(part.replaceAll("\\D.*", ""));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

}
