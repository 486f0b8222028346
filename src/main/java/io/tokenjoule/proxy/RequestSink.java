package io.tokenjoule.proxy;

/** Where the proxy reports each finished inference request. Called from event loops. */
@FunctionalInterface
public interface RequestSink {

  void record(RequestRecord request);

  /** Reports to both, this one first. */
  default RequestSink andThen(RequestSink next) {
    return request -> {
      record(request);
      next.record(request);
    };
  }
}
