/**
 * The deterministic lockdown core: {@link org.lockstep.controller.core.LockdownMachine} takes a state, an event and
 * the time, and returns the new state and the commands to carry out. Nothing here starts a thread, reads a clock,
 * does I/O or draws a random number: the same events at the same times always give the same commands, which is what
 * makes replay, simulation and after-action reports possible. Imports {@code java.base} only (checked by a test).
 */
package org.lockstep.controller.core;
