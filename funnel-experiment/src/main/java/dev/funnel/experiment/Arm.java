package dev.funnel.experiment;

import dev.funnel.core.spec.PipelineSpec;

/**
 * One arm of an experiment: the pipeline its users are served.
 *
 * @param name unique within the experiment; the first arm is the control the others are compared with
 * @param weight its share of the experiment's users, relative to the other arms' (> 0)
 * @param spec the pipeline: in JSON a preset's name, a spec file's path or a spec written out
 */
public record Arm(String name, double weight, PipelineSpec spec) {}
