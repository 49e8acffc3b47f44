/**
 * The pipeline spec: one declarative document (YAML or JSON) for what a recommendation pipeline is made of —
 * retrieval channels, merge, pre-rank, rank, the re-rank chain and the response length. The same spec drives
 * offline evaluation, {@code funnel recommend} and the server; an experiment's arm is one. Named presets ship as
 * resources ({@link PipelineSpecs}). The spec is plain data: what each kind means lives in funnel-rank's registry.
 */
package dev.funnel.core.spec;
