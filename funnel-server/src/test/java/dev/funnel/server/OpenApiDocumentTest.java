package dev.funnel.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.router.ParsedEndpoint;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** openapi.json against the server that serves it: the same routes, and the security each operation declares. */
class OpenApiDocumentTest {
  @TempDir Path dir;
  ServerTest calls = new ServerTest();

  @BeforeAll
  static void generate() throws Exception {
    ServerTest.generate();
  }

  @AfterEach
  void stop() throws Exception {
    calls.server.close();
  }

  void start(String serverSection) throws Exception {
    calls.server = FunnelServer.start(ServerTest.config(dir, serverSection), dir, ServerTest.data, ServerTest.QUIET);
  }

  @Test
  void documentsEveryRouteAndNothingElse() throws Exception {
    start("port: 0");
    Set<String> routes = new TreeSet<>();
    for (ParsedEndpoint route : calls.server.app().unsafeConfig().pvt.internalRouter.allHttpHandlers()) {
      if (route.getEndpoint().getMethod().isHttpMethod()) {
        routes.add(route.getEndpoint().getMethod() + " " + route.getEndpoint().getPath());
      }
    }
    assertThat(routes).hasSizeGreaterThan(20);
    assertThat(operations(document()).keySet()).isEqualTo(routes);
  }

  @Test
  void keyedOperationsAnswer401WithoutTheKeyAndOthersDoNot() throws Exception {
    start("port: 0");
    assertRefusedWithoutTheKeyExactly(security -> security.equals("[{\"apiKey\":[]}]"));
  }

  @Test
  void withKeyedReadsTheOptionallyKeyedReadsNeedTheKeyToo() throws Exception {
    start("port: 0\n  keyedReads: true");
    assertRefusedWithoutTheKeyExactly(security -> !security.equals("[]"));
  }

  /** Calls every documented operation without the key: 401 exactly where {@code keyed} says of its security. */
  void assertRefusedWithoutTheKeyExactly(Predicate<String> keyed) throws Exception {
    Map<String, Boolean> expected = new TreeMap<>();
    Map<String, Boolean> refused = new TreeMap<>();
    for (Map.Entry<String, String> operation : operations(document()).entrySet()) {
      expected.put(operation.getKey(), keyed.test(operation.getValue()));
      refused.put(operation.getKey(), status(operation.getKey()) == 401);
    }
    assertThat(expected).containsValue(true).containsValue(false);
    assertThat(refused).isEqualTo(expected);
  }

  JsonNode document() throws Exception {
    return calls.get("/v1/openapi.json").body();
  }

  /** "METHOD /path" of every documented operation, with its security requirement as JSON. */
  static Map<String, String> operations(JsonNode document) {
    Map<String, String> out = new TreeMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> paths = document.get("paths").fields(); paths.hasNext(); ) {
      Map.Entry<String, JsonNode> path = paths.next();
      path.getValue().fields().forEachRemaining(operation -> {
        if (!operation.getKey().equals("parameters")) {
          out.put(operation.getKey().toUpperCase() + " " + path.getKey(), operation.getValue().get("security").toString());
        }
      });
    }
    return out;
  }

  /** The status of an operation called without the key, its path parameters filled in, with an empty object. */
  int status(String operation) throws Exception {
    String[] parts = operation.split(" ");
    String body = parts[0].equals("GET") || parts[0].equals("DELETE") ? null : "{}";
    return calls.call(parts[0], parts[1].replace("{id}", "x1").replace("{entity}", "item"), body, false).status();
  }
}
