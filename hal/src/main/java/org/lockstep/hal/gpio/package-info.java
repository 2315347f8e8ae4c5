/**
 * Pin safety that does not need a board: which BCM pins exist and are free, what each pin does between power-on
 * and the JVM taking it, and the {@code config.txt} lines that hold relay pins safe from firmware boot. Pure; no
 * Pi4J.
 */
package org.lockstep.hal.gpio;
