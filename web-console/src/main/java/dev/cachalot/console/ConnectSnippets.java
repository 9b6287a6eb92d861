package dev.cachalot.console;

import java.util.ArrayList;
import java.util.List;

/**
 * Copy-ready client snippets for a cache node's endpoint (a memcached cluster's configuration
 * endpoint): the command-line clients and the Java clients, with the TLS and AUTH flags the cluster
 * needs. A pure function of the endpoint.
 */
final class ConnectSnippets {

    /** One snippet: a label, an id for its copy button, and the text. */
    record Snippet(String id, String label, String language, String text) {}

    private ConnectSnippets() {}

    /**
     * A memcached cluster's snippets, all through its configuration endpoint: Auto Discovery clients
     * ask it for the node list ({@code config get cluster}) and follow it as nodes come and go, so
     * nothing needs changing when the node count does.
     */
    static List<Snippet> memcached(String address, int port, boolean tls) {
        return List.of(
                new Snippet("snippet-config-get-cluster", "Auto Discovery (nc)", "shell",
                        (tls ? "openssl s_client -quiet -connect " + address + ":" + port : "nc " + address + " " + port)
                                + "\nconfig get cluster"),
                new Snippet("snippet-xmemcached", "Java (xmemcached)", "java",
                        "AWSElasticCacheClient client = new AWSElasticCacheClient(new InetSocketAddress(\"" + address + "\", "
                                + port + "));\n"
                                + "client.set(\"greeting\", 0, \"hello\");\n"
                                + "System.out.println((String) client.get(\"greeting\"));\n"
                                + "client.shutdown();"),
                new Snippet("snippet-elasticache-cluster-client", "Java (ElastiCache Cluster Client)", "java",
                        "MemcachedClient client = new MemcachedClient(new InetSocketAddress(\"" + address + "\", " + port + "));\n"
                                + "client.set(\"greeting\", 0, \"hello\").get();\n"
                                + "System.out.println(client.get(\"greeting\"));\n"
                                + "client.shutdown();"));
    }

    /** A Redis OSS or Valkey node's snippets. */
    static List<Snippet> of(String address, int port, boolean tls, boolean auth) {
        List<Snippet> snippets = new ArrayList<>();
        String flags = (tls ? " --tls" : "") + (auth ? " -a \"$AUTH_TOKEN\"" : "");
        snippets.add(new Snippet("snippet-redis-cli", "redis-cli", "shell", "redis-cli -h " + address + " -p " + port + flags + " PING"));
        snippets.add(new Snippet("snippet-valkey-cli", "valkey-cli", "shell", "valkey-cli -h " + address + " -p " + port + flags + " PING"));
        snippets.add(new Snippet("snippet-jedis", "Java (Jedis)", "java",
                "DefaultJedisClientConfig config = DefaultJedisClientConfig.builder()"
                        + (tls ? ".ssl(true)" : "") + (auth ? ".password(System.getenv(\"AUTH_TOKEN\"))" : "") + ".build();\n"
                        + "try (Jedis jedis = new Jedis(new HostAndPort(\"" + address + "\", " + port + "), config)) {\n"
                        + "    jedis.set(\"greeting\", \"hello\");\n"
                        + "    System.out.println(jedis.get(\"greeting\"));\n"
                        + "}"));
        snippets.add(new Snippet("snippet-lettuce", "Java (Lettuce)", "java",
                "RedisURI uri = RedisURI.builder().withHost(\"" + address + "\").withPort(" + port + ")"
                        + (tls ? ".withSsl(true)" : "") + (auth ? ".withPassword(System.getenv(\"AUTH_TOKEN\").toCharArray())" : "")
                        + ".build();\n"
                        + "RedisClient client = RedisClient.create(uri);\n"
                        + "try (StatefulRedisConnection<String, String> connection = client.connect()) {\n"
                        + "    connection.sync().set(\"greeting\", \"hello\");\n"
                        + "    System.out.println(connection.sync().get(\"greeting\"));\n"
                        + "}\n"
                        + "client.shutdown();"));
        return snippets;
    }
}
