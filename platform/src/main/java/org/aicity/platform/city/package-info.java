/**
 * The cities this platform serves, loaded at start from city definitions (a built-in id such as
 * {@code songdo} or a definition file), and the 404 for a city nobody configured.
 */
package org.aicity.platform.city;
