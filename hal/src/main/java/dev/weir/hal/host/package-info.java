/**
 * One mechanism for every host interface a module imports (WASI, GPIO, camera, and the next ones):
 * an interface is a {@link dev.weir.hal.host.HostInterface} table (import module name; per function
 * its name, core wasm type and int id) and one {@link dev.weir.hal.host.HostDispatcher} that
 * switches on the id. The table defines a module's imports on a core {@link dev.weir.core.Linker}
 * and refuses unknown or mistyped ones; {@link dev.weir.hal.host.GrantedHost} holds the grant
 * checks, handles, audit and revocation that granted interfaces share.
 */
package dev.weir.hal.host;
