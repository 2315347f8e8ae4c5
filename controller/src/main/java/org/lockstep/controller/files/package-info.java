/**
 * Files that must survive a power cut whole: {@link org.lockstep.controller.files.DurableFile} replaces a file so that
 * a reader (or the next boot) sees the old bytes or the new ones, never a mix, and never the old ones come back once
 * the write has returned. Imports {@code java.base} only, so any module (the console too) can use it without a cycle.
 */
package org.lockstep.controller.files;
