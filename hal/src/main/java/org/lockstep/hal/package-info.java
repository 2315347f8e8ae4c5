/**
 * Hardware ports and the pure device logic built on them.
 *
 * <p>Ports ({@link org.lockstep.hal.DigitalOutput}, {@link org.lockstep.hal.DigitalInput},
 * {@link org.lockstep.hal.SerialLink}) are what a board or the simulator implements. Device drivers in
 * {@code org.lockstep.hal.device} are pure logic over edges and time: they never start threads and never read a
 * clock of their own; whoever owns them (the controller's event loop, or the simulator) feeds them edges and
 * calls {@code poll(nowMs)}. Vendor libraries (Pi4J, jSerialComm) are imported only in {@code hal.pi4j} and
 * {@code hal.serial}.
 */
package org.lockstep.hal;
