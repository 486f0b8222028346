package io.tokenjoule.dashboards;

/** {@link DashboardQueriesIT} at the agent's default PUE of 1: cost and carbon say scope="it". */
final class DashboardQueriesAtDefaultPueIT extends DashboardQueriesIT {

  DashboardQueriesAtDefaultPueIT() {
    super(1.0, "it");
  }
}
