package dev.cachalot.it;

import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One region for the test classes that only add resources of their own (the REST contract and
 * the console in a browser): starting a region costs tens of seconds, so they share it, and
 * JUnit closes it when the whole run ends.
 */
final class SharedRegion {

    private SharedRegion() {}

    static LocalRegion get(ExtensionContext context) {
        return context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .computeIfAbsent(SharedRegion.class, k -> {
                    try {
                        return new Closing(LocalRegion.start("shared"));
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IllegalStateException(e);
                    }
                }, Closing.class).region();
    }

    private record Closing(LocalRegion region) implements AutoCloseable {
        @Override
        public void close() {
            region.close();
        }
    }
}
