package dev.gdlens.opensearch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.opensearch.analysis.common.CommonAnalysisPlugin;
import org.opensearch.cluster.service.ClusterService;
import org.opensearch.common.settings.Settings;
import org.opensearch.env.Environment;
import org.opensearch.index.mapper.MapperExtrasPlugin;
import org.opensearch.index.reindex.ReindexPlugin;
import org.opensearch.ingest.common.IngestCommonPlugin;
import org.opensearch.node.InternalSettingsPreparer;
import org.opensearch.node.Node;
import org.opensearch.painless.PainlessPlugin;
import org.opensearch.plugins.Plugin;
import org.opensearch.transport.Netty4Plugin;

/**
 * A real single-node OpenSearch, started in-process from OpenSearch's Maven artifacts.
 *
 * <p>The modules are passed as classpath plugins instead of being loaded from a distribution's
 * modules/ folder, which skips Bootstrap (security manager, jar-hell and bootstrap checks) but
 * runs the same engine, REST layer and plugins as a packaged node.
 *
 * <p>Usage: {@code LocalOpenSearch [--port N] [--data DIR]}. Without --data, a
 * fresh temporary home is created and deleted on exit, so every start begins empty.
 */
public final class LocalOpenSearch extends Node {

    /** Class literals, not names: a wrong 2.x/3.x class name must fail the build, not drop a module. */
    static final List<Class<? extends Plugin>> MODULES = List.of(
        Netty4Plugin.class,
        PainlessPlugin.class,
        CommonAnalysisPlugin.class,
        IngestCommonPlugin.class,
        ReindexPlugin.class,
        MapperExtrasPlugin.class);

    private LocalOpenSearch(Environment environment, Collection<Class<? extends Plugin>> plugins) {
        super(environment, plugins, true);
    }

    /** The default registers a static SetOnce that makes a second node in one JVM fail. */
    @Override
    protected void configureNodeAndClusterIdStateListener(ClusterService clusterService) {
    }

    public static void main(String[] args) throws Exception {
        int httpPort = 9200;
        Path dataDir = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--port" -> httpPort = parsePort(args, ++i);
                case "--data" -> dataDir = Path.of(requireValue(args, ++i, "--data"));
                default -> throw new IllegalArgumentException("opensearch-local: unknown argument " + args[i]);
            }
        }
        boolean ephemeral = dataDir == null;
        Path home = ephemeral ? Files.createTempDirectory("gdlens-opensearch-") : dataDir;
        for (String dir : new String[] {"config", "modules", "plugins", "data", "logs"}) {
            Files.createDirectories(home.resolve(dir));
        }

        Settings settings = Settings.builder()
            .put("path.home", home.toString())
            .put("path.data", home.resolve("data").toString())
            .put("path.logs", home.resolve("logs").toString())
            .put("cluster.name", "gdlens-local")
            .put("node.name", "gdlens-local-1")
            .put("discovery.type", "single-node")
            .put("network.host", "127.0.0.1")
            .put("http.port", httpPort)
            // Transport is only used inside this node; an ephemeral port avoids clashes between runs.
            .put("transport.port", "0")
            // A nearly full CI disk must not make indices read-only mid-test.
            .put("cluster.routing.allocation.disk.threshold_enabled", false)
            .put("action.auto_create_index", true)
            .build();

        Environment environment = InternalSettingsPreparer.prepareEnvironment(
            settings, Map.of(), home.resolve("config"), () -> "gdlens-local-1");
        long startNanos = System.nanoTime();
        LocalOpenSearch node = new LocalOpenSearch(environment, MODULES);
        node.start();
        long startedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
        System.out.printf("opensearch-local: OpenSearch %s listening on http://127.0.0.1:%d (started in %d ms, home %s)%n",
            org.opensearch.Version.CURRENT, httpPort, startedMs, home);
        System.out.flush();

        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                node.close();
                node.awaitClose(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                System.err.println("opensearch-local: error while stopping: " + e);
            }
            if (ephemeral) {
                deleteRecursively(home);
            }
        }, "opensearch-local-shutdown"));
        Thread.currentThread().join();
    }

    private static int parsePort(String[] args, int index) {
        String value = requireValue(args, index, "--port");
        try {
            int port = Integer.parseInt(value);
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("opensearch-local: --port must be 1-65535, got " + value);
            }
            return port;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("opensearch-local: --port must be a number, got " + value, e);
        }
    }

    private static String requireValue(String[] args, int index, String flag) {
        if (index >= args.length) {
            throw new IllegalArgumentException("opensearch-local: " + flag + " needs a value");
        }
        return args[index];
    }

    private static void deleteRecursively(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException ignored) {
                    // Best effort: a leftover temp file must not turn a clean stop into a failure.
                }
            });
        } catch (IOException ignored) {
            // Same as above.
        }
    }
}
