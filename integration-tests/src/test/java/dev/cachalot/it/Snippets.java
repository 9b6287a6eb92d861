package dev.cachalot.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * Runs the console's connect snippets as a user who pasted them would: the shell ones as a
 * command, the Java ones compiled (against the test's Jedis, Lettuce and xmemcached) and run.
 */
final class Snippets {

    /** What a user has imported before pasting each Java snippet. */
    static final java.util.Map<String, String> IMPORTS = java.util.Map.of(
            "snippet-jedis", "import redis.clients.jedis.*;\n",
            "snippet-lettuce", "import io.lettuce.core.*;\nimport io.lettuce.core.api.StatefulRedisConnection;\n",
            "snippet-xmemcached", "import java.net.InetSocketAddress;\nimport net.rubyeye.xmemcached.aws.AWSElasticCacheClient;\n");

    private Snippets() {}

    /** Runs a one-line command snippet; returns what it printed. */
    static String runCommand(String snippet) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(List.of(snippet.strip().split("\\s+"))).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException(snippet + " did not finish");
        }
        return out.strip();
    }

    /** Compiles a Java snippet as the body of a main method and runs it. */
    static void runJava(String imports, String snippet, Path workDir) throws Exception {
        Files.createDirectories(workDir);
        Path source = workDir.resolve("Snippet.java");
        Files.writeString(source, imports + "public class Snippet {\n    public static void main(String[] args) throws Exception {\n"
                + snippet + "\n    }\n}\n");
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        int status = javac.run(null, null, null, "-classpath", System.getProperty("java.class.path"), "-d", workDir.toString(),
                source.toString());
        if (status != 0) {
            throw new IllegalStateException("the snippet does not compile:\n" + snippet);
        }
        try (URLClassLoader loader = new URLClassLoader(new URL[] {workDir.toUri().toURL()}, Snippets.class.getClassLoader())) {
            Method main = loader.loadClass("Snippet").getMethod("main", String[].class);
            main.invoke(null, (Object) new String[0]);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
