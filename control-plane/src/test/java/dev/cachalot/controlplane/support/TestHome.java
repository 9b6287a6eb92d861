package dev.cachalot.controlplane.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The control plane's home for this test run, under target/ (java.io.tmpdir points there). */
public final class TestHome {

    public static final Path PATH = create();

    private TestHome() {}

    private static Path create() {
        try {
            return Files.createTempDirectory("cachalot-home-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
