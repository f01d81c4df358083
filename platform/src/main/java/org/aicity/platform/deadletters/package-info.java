/**
 * Messages the stream job rejected, with their raw payload and every reason, so an operator can
 * see what a broken sensor or gateway sends.
 */
package org.aicity.platform.deadletters;
