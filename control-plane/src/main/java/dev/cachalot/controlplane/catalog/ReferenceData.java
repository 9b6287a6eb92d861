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
public final class ReferenceData {

    private ReferenceData() {}

    /**
     * Data rows as arrays of trimmed cells; comment lines ({@code #}) and the header are skipped. A
     * cell may be quoted ({@code "yes,no"}) to hold commas; {@code ""} inside quotes is one quote.
     */
    public static List<String[]> rows(String name) {
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
                rows.add(line.indexOf('"') < 0
                        ? Arrays.stream(line.split(",", -1)).map(String::trim).toArray(String[]::new)
                        : quotedCells(line));
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String[] quotedCells(String line) {
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cell.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                cells.add(cell.toString().trim());
                cell.setLength(0);
            } else {
                cell.append(c);
            }
        }
        cells.add(cell.toString().trim());
        return cells.toArray(String[]::new);
    }
}
