/**
 * Files: our model JSON (Jackson, with schemaVersion and strict fields), Placement dumps in and out,
 * the SQLite store, atomic writes, and {@link dev.placementstudio.io.InputProblemException}, the one
 * error type for bad input, which names the file, line, column and path of the problem.
 */
package dev.placementstudio.io;
