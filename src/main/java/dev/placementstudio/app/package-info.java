/**
 * The JavaFX desktop GUI: views built in code, one view-model per view, edits as undoable commands,
 * engine work on background tasks; it observes the engine and the simulation's trace, never drives them
 * from the FX thread.
 */
package dev.placementstudio.app;
