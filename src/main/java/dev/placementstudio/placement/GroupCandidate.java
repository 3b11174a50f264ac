package dev.placementstudio.placement;

/**
 * One request group's candidate at one anchor tree: the provider serving each of the group's resource
 * classes ({@code perClass}, in the group's class order) and the providers the group maps to.
 */
record GroupCandidate(Provider[] perClass, Provider[] mapping) {
}
