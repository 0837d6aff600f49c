/**
 * The capability model shared by every hal interface: grants (what a module may use, given by the
 * embedder before or while it runs), a grant file format for people, per-instance handle tables whose
 * handles carry a generation, and the audit hook that hears of every denial and revocation.
 * <p>
 * A module never names a host object directly: it asks to open something, the request is checked
 * against the grants, and on success it receives an integer handle that only its own instance's table
 * can resolve. See {@code hal/README.md}, "Capabilities and GPIO".
 */
package dev.weir.hal.capability;
