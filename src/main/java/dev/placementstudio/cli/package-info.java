/**
 * The command line (picocli): validate, convert, generate, import/export Placement dumps,
 * candidates, simulate and the rest. Commands parse arguments and call the engine and io; they hold no
 * logic of their own. Bad input prints {@code file:line:col: message} and exits 2.
 */
package dev.placementstudio.cli;
