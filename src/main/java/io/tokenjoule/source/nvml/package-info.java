/**
 * GPU energy from NVIDIA NVML through JNA.
 *
 * <ul>
 *   <li>{@link io.tokenjoule.source.nvml.NvmlLibrary} and its structures ({@link
 *       io.tokenjoule.source.nvml.NvmlFieldValue}, {@link io.tokenjoule.source.nvml.NvmlValue},
 *       {@link io.tokenjoule.source.nvml.NvmlUtilization}, {@link
 *       io.tokenjoule.source.nvml.NvmlMemory}, {@link io.tokenjoule.source.nvml.NvmlDevice}) mirror
 *       {@code nvml.h} (API version 12) and nothing else.
 *   <li>{@link io.tokenjoule.source.nvml.NvmlLoader} loads the library lazily and reports a missing
 *       one in a sentence.
 *   <li>{@link io.tokenjoule.source.nvml.Nvml} turns return codes into {@link
 *       io.tokenjoule.source.nvml.NvmlException} and times every call for an {@link
 *       io.tokenjoule.source.nvml.NvmlCallObserver}.
 *   <li>{@link io.tokenjoule.source.nvml.NvmlGpuSource} is the {@link
 *       io.tokenjoule.source.GpuEnergySource}; the tests drive it with a fake library, and {@link
 *       io.tokenjoule.source.nvml.NvmlSelfCheck} runs it on a GPU host.
 * </ul>
 */
package io.tokenjoule.source.nvml;
