package io.tokenjoule.account.tenant;

/** How a tick's energy was split between tenants: the {@code method} label. */
public enum TenantSplitMethod {
  /** By tokens, a prompt token weighing as much as a generated one. */
  TOKEN_SHARE("token_share"),
  /**
   * By tokens weighted by the server's fitted prefill and decode J/token, so a prompt token weighs
   * what prefill costs and a generated token what decode costs.
   */
  PREFILL_DECODE("prefill_decode");

  private final String label;

  TenantSplitMethod(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }
}
