/**
 * The site file: one YAML file describes the whole building (controllers, zones, operators, doors and their wiring,
 * panic buttons, fire-alarm inputs, weapon detectors, the response plan and the fire policy); every controller loads
 * the same file and runs what is assigned to its id. {@link org.lockstep.controller.config.SiteConfigLoader} checks
 * all of it before anything moves and reports every mistake as {@code file:line: field.path: expected ...; found ...}.
 *
 * <p>How: SnakeYAML composes the file into nodes (which keep line numbers and duplicate keys, and never instantiate
 * classes named by tags); {@code YamlCursor} and {@code YamlMap} walk the nodes carrying the field path; the
 * {@code SiteBinder} binds by hand into the core's records and the hal's wiring records; {@code PinMap} checks that
 * no pin or serial port is used twice on a controller. The annotated format is {@code deploy/site.example.yaml}.
 */
package org.lockstep.controller.config;
