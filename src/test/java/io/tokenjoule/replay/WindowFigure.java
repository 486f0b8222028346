package io.tokenjoule.replay;

/**
 * What the agent published for one window during a replay: its span in recording time, its J per
 * generated token and the error bound it gave; NaN where it published none (idle, unmeasurable).
 */
record WindowFigure(
    double startSeconds, double endSeconds, double joulesPerGeneratedToken, double uncertainty) {

  boolean measured() {
    return Double.isFinite(joulesPerGeneratedToken) && Double.isFinite(uncertainty);
  }

  double lengthSeconds() {
    return endSeconds - startSeconds;
  }
}
