/**
 * What the agent keeps across restarts, in its state directory (default {@code
 * /var/lib/tokenjoule}): the baselines' JSON file, written atomically, and the lock that keeps two
 * writers apart. A file that cannot be loaded is set aside and reported, never fatal.
 */
package io.tokenjoule.state;
