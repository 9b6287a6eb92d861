package dev.cachalot.controlplane.cachecluster;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/** Stores a map of parameter names to values in one text column (Java properties format, sorted). */
@Converter
class ParameterMapConverter implements AttributeConverter<Map<String, String>, String> {

    @Override
    public String convertToDatabaseColumn(Map<String, String> values) {
        if (values == null) {
            return null;
        }
        StringWriter out = new StringWriter();
        for (Map.Entry<String, String> e : new TreeMap<>(values).entrySet()) {
            Properties one = new Properties();
            one.setProperty(e.getKey(), e.getValue());
            StringWriter line = new StringWriter();
            try {
                one.store(line, null);
            } catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
            // drop the date comment that Properties.store always writes first
            line.toString().lines().filter(l -> !l.startsWith("#")).forEach(l -> out.append(l).append('\n'));
        }
        return out.toString();
    }

    @Override
    public Map<String, String> convertToEntityAttribute(String text) {
        if (text == null) {
            return null;
        }
        Properties p = new Properties();
        try {
            p.load(new StringReader(text));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> values = new TreeMap<>();
        p.stringPropertyNames().forEach(k -> values.put(k, p.getProperty(k)));
        return values;
    }
}
