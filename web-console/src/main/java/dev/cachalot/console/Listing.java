package dev.cachalot.console;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Search and sort of a list page: rows whose text contains the query (case-insensitive), ordered
 * by one of the page's columns. Presentation only: what the rows are comes from the backend.
 *
 * @param columns the sortable columns by name; the first is the default order
 */
record Listing<T>(Map<String, Function<T, ? extends Comparable<?>>> columns, Function<T, String> text) {

    /** The state of a list page: what was searched and how it is sorted. */
    record View<T>(List<T> rows, String q, String sort, String dir) {
        public boolean ascending() {
            return !"desc".equals(dir);
        }

        /** The direction a click on a column's header asks for. */
        public String nextDir(String column) {
            return column.equals(sort) && ascending() ? "desc" : "asc";
        }

        /** {@code aria-sort} of a column's header. */
        public String ariaSort(String column) {
            return !column.equals(sort) ? "none" : ascending() ? "ascending" : "descending";
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    View<T> apply(List<T> rows, String q, String sort, String dir) {
        String column = sort != null && columns.containsKey(sort) ? sort : columns.keySet().iterator().next();
        String query = q == null ? "" : q.strip().toLowerCase(Locale.ROOT);
        Function<T, Comparable> key = (Function<T, Comparable>) (Function) columns.get(column);
        Comparator<T> order = Comparator.comparing(key, Comparator.nullsLast(Comparator.naturalOrder()));
        boolean descending = "desc".equals(dir);
        List<T> shown = rows.stream()
                .filter(r -> query.isEmpty() || text.apply(r).toLowerCase(Locale.ROOT).contains(query))
                .sorted(descending ? order.reversed() : order)
                .toList();
        return new View<>(shown, q == null ? "" : q.strip(), column, descending ? "desc" : "asc");
    }
}
