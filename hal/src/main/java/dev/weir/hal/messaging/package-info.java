/**
 * weir's messaging interface ({@code weir:messaging}, hal/wit/messaging.wit): modules publish and
 * receive messages over links the operator configures and grants, following the concepts of the
 * wasi:messaging proposal (a link opened by name, the broker's address and credentials kept by the
 * host). {@link dev.weir.hal.messaging.MessagingHost} holds the host side, {@link
 * dev.weir.hal.messaging.MessageTransport} is what drivers implement (messaging-drivers: MQTT).
 */
package dev.weir.hal.messaging;
