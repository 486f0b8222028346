/**
 * Grid carbon intensity in gCO2e/kWh: a static value, a schedule by hour of day and weekday, or a
 * live value from a provider (Electricity Maps, the UK Carbon Intensity API) with a static
 * fallback. The agent holds one {@link io.tokenjoule.grid.GridIntensity} whatever the mode and asks
 * it for the value at an instant; only the live providers do I/O, and they do it asynchronously on
 * Vert.x, never on the agent's tick thread.
 */
package io.tokenjoule.grid;
