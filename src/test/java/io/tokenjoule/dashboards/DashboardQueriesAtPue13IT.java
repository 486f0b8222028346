package io.tokenjoule.dashboards;

/** {@link DashboardQueriesIT} at a PUE of 1.3: cost and carbon say scope="facility". */
final class DashboardQueriesAtPue13IT extends DashboardQueriesIT {

  DashboardQueriesAtPue13IT() {
    super(1.3, "facility");
  }
}
