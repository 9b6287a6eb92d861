package dev.cachalot.controlplane.catalog;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Reads the CSV reference data that api-spec ships ({@code cachalot/reference/*.csv}). */
final class ReferenceData {

    private ReferenceData() {}

    /** Data rows as arrays of trimmed cells; comment lines ({@code #}) and the header are skipped. */
    static List<String[]> rows(String name) {
        String path = "cachalot/reference/" + name;
        try (InputStream in = ReferenceData.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing reference data " + path + " (api-spec jar)");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            List<String[]> rows = new ArrayList<>();
            boolean header = true;
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                if (header) {
                    header = false;
                    continue;
                }
                rows.add(Arrays.stream(line.split(",", -1)).map(String::trim).toArray(String[]::new));
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
