/**
 * weir's fleet: an application is a dataflow graph of signed modules (a manifest), placed on the
 * boards of a site by a controller and run there by each board's node agent, with the MQTT broker as
 * the only shared infrastructure. The wire protocol is described in docs/fleet-protocol.md.
 *
 * <p>This module knows no board: {@link dev.weir.fleet.node.ModuleRunner} is what a board port
 * implements to run the instances assigned to it.
 */
package dev.weir.fleet;
