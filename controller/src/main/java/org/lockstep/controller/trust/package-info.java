/**
 * Who may say what: Ed25519 keys of operators, office consoles and controllers, the canonical form a signature
 * covers, and the verdict on a signed command or peer message. Pure except {@link org.lockstep.controller.trust.KeyFiles}
 * (reads and writes private key files): no clock, no threads; the time and the clock's state are arguments.
 * The canonical form and the threat model are in {@code docs/SECURITY.md}.
 */
package org.lockstep.controller.trust;
