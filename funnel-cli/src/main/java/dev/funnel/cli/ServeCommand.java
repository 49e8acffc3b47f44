package dev.funnel.cli;

import dev.funnel.server.config.FunnelConfig;
import dev.funnel.server.config.HttpSettings;
import dev.funnel.core.data.Dataset;
import dev.funnel.server.FunnelServer;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code funnel serve}: the HTTP API until interrupted. */
@Command(name = "serve", mixinStandardHelpOptions = true,
    description = {"Serve recommendations over HTTP (API under /v1, OpenAPI at /v1/openapi.json).",
        "Keeps its stores and models under --dir; with --data, that dataset trains the first model and seeds histories."})
final class ServeCommand implements Callable<Integer> {
  @Option(names = "--data", paramLabel = "PATH", description = "Base dataset (optional: without it the server runs on its event log).")
  Path data;

  @Option(names = "--format", defaultValue = "generic", paramLabel = "FORMAT",
      description = "Format of --data (default: ${DEFAULT-VALUE}).")
  String format;

  @Option(names = "--config", paramLabel = "FILE", description = "YAML configuration (feedback, server, store, serving and pipeline sections).")
  Path config;

  @Option(names = "--dir", defaultValue = "out/server", paramLabel = "DIR",
      description = "Where the server keeps its stores and models (default: ${DEFAULT-VALUE}).")
  Path dir;

  @Option(names = "--port", description = "TCP port (overrides the config; default 8080).")
  Integer port;

  @Override
  public Integer call() throws Exception {
    FunnelConfig loaded = config == null ? FunnelConfig.DEFAULT : FunnelConfig.load(config);
    Dataset base = null;
    if (data != null) {
      DatasetOptions options = new DatasetOptions();
      options.data = data;
      options.format = format;
      options.config = config;
      base = options.load(System.out, !loaded.features().isEmpty()); // the feature store replays its events
    }
    serveUntilInterrupted(port == null ? loaded : loaded.withPort(port), base, dir, System.out);
    return 0;
  }

  /** Starts the server, prints how to reach it, and blocks until the JVM is asked to stop (Ctrl-C, SIGTERM). */
  static void serveUntilInterrupted(FunnelConfig config, Dataset base, Path dir, PrintStream out) throws Exception {
    HttpSettings settings = config.server();
    FunnelServer server = FunnelServer.start(config, dir, base, out);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        server.close();
      } catch (Exception e) {
        e.printStackTrace();
      } finally {
        stopped.countDown();
      }
    }, "funnel-shutdown"));
    String url = "http://" + settings.host() + ":" + server.port();
    out.printf("%nFunnel is serving on %s (Ctrl-C stops it). Try:%n", url);
    out.printf("  curl -s '%s/v1/health'%n", url);
    out.printf("  curl -s '%s/v1/users/u1/recommendations?n=5&explain=true'%n", url);
    String key = settings.apiKey() == null ? server.apiKey() : "$FUNNEL_API_KEY";
    out.printf("  curl -s -X POST '%s/v1/events' -H 'X-Api-Key: %s' -H 'Content-Type: application/json' \\%n"
        + "       -d '{\"user\":\"u1\",\"item\":\"i42\",\"type\":\"like\"}'%n", url, key);
    out.printf("  curl -s '%s/v1/items/i1/similar?index=swing&n=5'%n", url);
    out.printf("  curl -s '%s/metrics' | grep funnel_%n", url);
    out.flush();
    stopped.await();
  }
}
