/**
 * A shared server's energy split between its tenants, by the tokens of the requests each finished:
 * pure computation over what the metering proxy saw and what the accountant charged the server,
 * with no clock, no I/O and no meters.
 */
package io.tokenjoule.account.tenant;
