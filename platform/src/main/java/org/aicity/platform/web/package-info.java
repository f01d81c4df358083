/**
 * What every HTTP endpoint shares: errors as RFC 9457 {@code application/problem+json} that name
 * the offending parameter, and the checked time window of range queries.
 */
package org.aicity.platform.web;
