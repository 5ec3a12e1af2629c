/**
 * The watch table: one-shot data and child watches, persistent and persistent-recursive watches, and their
 * triggering by node events. Pure; owned by the apply thread.
 */
package io.corral.server.watch;
