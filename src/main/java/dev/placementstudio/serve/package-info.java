/**
 * The Placement REST API (Javalin) over the engine: routes, microversions, bodies, error bodies and
 * auth. No scheduling logic of its own.
 */
package dev.placementstudio.serve;
