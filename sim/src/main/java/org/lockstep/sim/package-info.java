/**
 * A simulated school that implements the hal ports with physics, on a virtual clock, with no threads.
 *
 * <p>{@link org.lockstep.sim.SimBuilding} is built from a {@link org.lockstep.sim.BuildingPlan} and hands out the
 * ports a controller uses ({@code relay}, {@code contact}, {@code bolt}, {@code panicInput}, ...) and the physical
 * objects a test or the seeded simulator acts on ({@link org.lockstep.sim.SimDoor}, buttons, alarms, detectors, the
 * device side of serial links). Time is the {@link org.lockstep.sim.VirtualClock}'s; every chance (contact bounce)
 * comes from the one {@link java.util.Random} the caller seeds, so a seed replays a run exactly. Faults are values
 * ({@link org.lockstep.sim.SimFault}) injected and repaired on the building. The ports extend the hal base classes,
 * so the port behaviour under test is the same code a board runs.
 */
package org.lockstep.sim;
