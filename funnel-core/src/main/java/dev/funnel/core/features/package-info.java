/**
 * Feature view declarations: what the feature store computes (windowed aggregations of events, catalogue
 * attributes, request context) and how long a value stays valid. The declarations live here, beside the pipeline
 * spec, so that evaluation options and configurations can carry them; {@code funnel-features} computes them
 * online and offline.
 */
package dev.funnel.core.features;
