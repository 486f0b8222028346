package io.tokenjoule.export;

import io.tokenjoule.account.ServerAccount;
import io.tokenjoule.account.baseline.RegressionView;
import io.tokenjoule.account.economics.ServerEconomics;

/**
 * Everything published about one server for one tick.
 *
 * @param account its energy, tokens and windowed figures
 * @param economics its money, carbon and water; null when no economics are configured
 * @param regression its window against its load-aware baseline; null when not tracked
 */
public record ServerFigures(
    ServerAccount account, ServerEconomics economics, RegressionView regression) {}
