package io.tokenjoule.scrape;

import io.tokenjoule.scrape.CounterReader.Role;
import io.tokenjoule.scrape.CounterReader.Rule;
import java.util.List;

/**
 * NVIDIA Triton Inference Server (its metrics port, 8002 by default), serving LLMs through the
 * TensorRT-LLM backend or the vLLM backend. Triton serves several models on one page, each labelled
 * {@code model} and {@code version}; counters are summed over versions and every other label.
 *
 * <ul>
 *   <li>Requests: Triton core's counter {@code nv_inference_request_success} (core {@code
 *       src/metrics.cc}, labels from {@code src/metric_model_reporter.cc}), one per model. It has
 *       no tokens.
 *   <li>TensorRT-LLM backend ({@code inflight_batcher_llm/src/custom_metrics_reporter}): the
 *       histograms {@code nv_llm_input_token_len} ({@code
 *       response_metric_type="total_input_tokens"}) and {@code nv_llm_output_token_len} ({@code
 *       response_metric_type="total_output_tokens"}), observed once per finished request; their
 *       {@code _sum} are the prompt and generated tokens, so tokens count when a request ends. The
 *       gauge {@code nv_trt_llm_request_metrics{request_type="active"}} is the running requests.
 *   <li>vLLM backend ({@code src/utils/metrics.py}): {@code vllm:prompt_tokens_total}, {@code
 *       vllm:generation_tokens_total} and {@code vllm:num_requests_running}, per engine step, with
 *       labels {@code model} and {@code version} (not vLLM's {@code model_name}).
 * </ul>
 *
 * <p>Models with no token metrics (an ensemble, its pre- and post-processing steps, a model that is
 * not an LLM) are left out. {@code tokenResolution} is the running requests times the mean output
 * tokens per finished request for TensorRT-LLM models, and the running requests for vLLM ones; at
 * least 1.
 *
 * <p>Stateless and thread-safe.
 */
public final class TritonProfile extends TableProfile {

  private static final List<Rule> RULES =
      List.of(
          Rule.of(
              Role.PROMPT,
              "nv_llm_input_token_len_sum",
              "response_metric_type",
              "total_input_tokens"),
          Rule.of(Role.PROMPT, "vllm:prompt_tokens_total"),
          Rule.of(
              Role.GENERATED,
              "nv_llm_output_token_len_sum",
              "response_metric_type",
              "total_output_tokens"),
          Rule.of(Role.GENERATED, "vllm:generation_tokens_total"),
          Rule.of(
              Role.GENERATED_OBSERVATIONS,
              "nv_llm_output_token_len_count",
              "response_metric_type",
              "total_output_tokens"),
          Rule.of(Role.REQUESTS, "nv_inference_request_success"),
          Rule.of(Role.RUNNING, "nv_trt_llm_request_metrics", "request_type", "active"),
          Rule.of(Role.RUNNING, "vllm:num_requests_running"));

  private static final CounterReader COUNTERS =
      new CounterReader(
          "model",
          RULES,
          "no token metrics on the Triton page: neither the TensorRT-LLM backend's"
              + " nv_llm_input_token_len/nv_llm_output_token_len histograms nor the vLLM backend's"
              + " vllm:prompt_tokens_total/vllm:generation_tokens_total; Triton's own counters"
              + " count requests, not tokens");

  /** Names only Triton writes, most telling first. */
  private static final List<String> RECOGNISED_IN_ORDER =
      List.of(
          "nv_inference_request_success",
          "nv_inference_count",
          "nv_inference_exec_count",
          "nv_llm_output_token_len_sum",
          "nv_inference_pending_request_count");

  /**
   * Recognises Triton by its core metrics ({@code nv_inference_*}), whichever backend serves the
   * models. A page of Triton's vLLM backend carries {@code vllm:} metrics too; it is Triton's all
   * the same, so the registry asks this profile before vLLM's.
   */
  public TritonProfile() {
    super("triton", List.of("/metrics"), COUNTERS, Recognition.firstOf(RECOGNISED_IN_ORDER));
  }
}
