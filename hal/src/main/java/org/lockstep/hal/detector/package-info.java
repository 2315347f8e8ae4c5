/**
 * Weapon detectors on a serial line: pure protocol and driver logic, no I/O and no threads.
 *
 * <p>A {@link org.lockstep.hal.detector.DetectorDecoder} turns raw bytes into
 * {@link org.lockstep.hal.detector.DetectorMessage}s (frames, or counted rejections); the
 * {@link org.lockstep.hal.detector.WeaponDetectorDriver} turns frames into
 * {@link org.lockstep.hal.device.DeviceSignal}s and watches the heartbeat. The wire format of the built-in protocol,
 * {@code lockstep-line-v1}, is documented in {@code docs/DETECTOR-PROTOCOL.md} and in
 * {@link org.lockstep.hal.detector.LineProtocol}.
 */
package org.lockstep.hal.detector;
