/**
 * The contract between the fleet's node agent and the board it runs on: the agent decides what runs
 * (assignments from the controller, modules pulled by hash and verified), a {@link
 * dev.weir.fleet.node.ModuleRunner} from the board port runs it.
 */
package dev.weir.fleet.node;
