/**
 * Decide: explicit, configurable rules that turn a district's state (its open alerts and the
 * forecasts of its 15-minute KPIs) into recommendations with a reason and the evidence behind it:
 * extend green time on a congested corridor, discharge storage or shift load before a forecast
 * energy peak, issue an air-quality advisory. {@link org.aicity.job.decide.DecisionRules} is the
 * logic, {@link org.aicity.job.decide.DecisionConfig} its per-city thresholds
 * ({@code rules/<city>.json} on the classpath), {@link org.aicity.job.decide.DistrictDecisions} the operator.
 */
package org.aicity.job.decide;
