/**
 * The {@code host} board: a simulated Raspberry Pi header on any machine, through Pi4J 2.8.0's mock
 * platform and providers (pi4j-plugin-mock). Tests and stimulus scripts drive its inputs and observe
 * its outputs through the Pi4J registry.
 */
package dev.weir.board.host;
