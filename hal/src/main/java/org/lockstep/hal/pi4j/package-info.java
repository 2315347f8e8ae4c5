/**
 * The Raspberry Pi's GPIO through Pi4J 3 (gpiod, linuxfs as a fallback): the only package that imports Pi4J.
 * {@link org.lockstep.hal.pi4j.Pi4jGpio} builds the context and hands out Lockstep ports; tests build it over
 * Pi4J's mock providers with {@link org.lockstep.hal.pi4j.Pi4jGpio#of}.
 */
package org.lockstep.hal.pi4j;
