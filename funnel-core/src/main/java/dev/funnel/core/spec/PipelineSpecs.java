package dev.funnel.core.spec;

import dev.funnel.core.config.YamlDocument;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where specs come from: the named presets shipped as resources ({@code popular}, {@code itemcf}, ...,
 * {@code merged}, {@code full} and its ablations), files, and text.
 */
public final class PipelineSpecs {
  private static final String PRESETS = "/dev/funnel/core/spec/presets/";

  private PipelineSpecs() {}

  /** The presets' names, sorted. */
  public static List<String> presetNames() {
    return read(PRESETS.substring(0, PRESETS.length() - 1) + ".txt").lines().map(String::strip)
        .filter(line -> !line.isEmpty()).sorted().toList();
  }

  /** Every preset by name, sorted. */
  public static Map<String, PipelineSpec> presets() {
    Map<String, PipelineSpec> all = new LinkedHashMap<>();
    presetNames().forEach(name -> all.put(name, preset(name)));
    return all;
  }

  /**
   * The preset called {@code name}.
   *
   * @throws IllegalArgumentException naming the presets when there is none
   */
  public static PipelineSpec preset(String name) {
    if (!presetNames().contains(name)) {
      throw new IllegalArgumentException("unknown pipeline '" + name + "'; presets: " + String.join(", ", presetNames()));
    }
    return parse(read(PRESETS + name + ".yaml"), "preset " + name);
  }

  /** Whether a preset is called {@code name}. */
  public static boolean isPreset(String name) {
    return presetNames().contains(name);
  }

  /**
   * The spec in a YAML or JSON file.
   *
   * @throws IllegalArgumentException naming the file, line and key when it is missing or wrong
   */
  public static PipelineSpec load(Path file) throws IOException {
    try {
      return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException("pipeline spec not found: " + file);
    }
  }

  /** A preset's name, or else the path of a spec file. */
  public static PipelineSpec resolve(String presetOrFile) throws IOException {
    return isPreset(presetOrFile) ? preset(presetOrFile) : load(Path.of(presetOrFile));
  }

  /**
   * The spec in {@code text}; an empty document is the default spec (the popular fallback alone).
   *
   * @param source what to call the text in errors
   */
  public static PipelineSpec parse(String text, String source) {
    PipelineSpec spec = YamlDocument.read(text.getBytes(StandardCharsets.UTF_8), source, PipelineSpec.class);
    return spec == null ? new PipelineSpec(null, null, null, null, null, null, null, null, null, null) : spec;
  }

  private static String read(String resource) {
    try (InputStream in = PipelineSpecs.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("resource " + resource + " is missing from the class path");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
