package dev.cachalot.controlplane.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The control plane's home for this test run, under target/ (java.io.tmpdir points there). */
public final class TestHome {

    public static final Path PATH = create();

    /** A range of configuration-endpoint ports for this run, away from the defaults and from other runs. */
    public static final String DISCOVERY_PORTS = discoveryPorts();

    private TestHome() {}

    private static String discoveryPorts() {
        int base = 10000 + new java.util.Random().nextInt(90) * 100; // below the ephemeral ports
        return base + "-" + (base + 99);
    }

    private static Path create() {
        try {
            return Files.createTempDirectory("cachalot-home-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
