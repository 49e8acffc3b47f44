package dev.funnel.server.config;

/**
 * The {@code serving:} section of {@code funnel.yaml}: how the server keeps its model and answers. Every key is
 * optional.
 *
 * @param lastN recent items per user kept online, and read by the channels unless the pipeline says otherwise
 *     (default 200)
 * @param cacheSize users whose ranked candidates are cached (default 100,000; 0 = no cache)
 * @param rebuildMinutes rebuild the model from the event log every this many minutes (default 0 = only on request)
 */
public record ServingSettings(Integer lastN, Integer cacheSize, Integer rebuildMinutes) {
  public static final ServingSettings DEFAULT = new ServingSettings(null, null, null);

  public ServingSettings {
    lastN = Settings.positive("lastN", lastN == null ? 200 : lastN);
    cacheSize = cacheSize == null ? 100_000 : cacheSize;
    if (cacheSize < 0) {
      throw new IllegalArgumentException("cacheSize must be ≥ 0, was " + cacheSize);
    }
    rebuildMinutes = rebuildMinutes == null ? 0 : rebuildMinutes;
    if (rebuildMinutes < 0) {
      throw new IllegalArgumentException("rebuildMinutes must be ≥ 0, was " + rebuildMinutes);
    }
  }
}
