/**
 * Serial links: {@link org.lockstep.hal.serial.JSerialCommLink} (the only class importing jSerialComm) and
 * {@link org.lockstep.hal.serial.ReconnectingSerialLink}, the pure reopen-with-backoff policy around any
 * {@link org.lockstep.hal.SerialLink}.
 */
package org.lockstep.hal.serial;
