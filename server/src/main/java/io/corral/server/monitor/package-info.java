/**
 * Monitoring: the server-wide counters and metric registry, and the one command registry behind both the
 * four-letter words on the client port and the admin endpoint of a management extension.
 *
 * <pre>
 *   client port ─4 bytes─▶ net.FourLetterWords ─▶ FourLetterWordService (monitor thread, whitelist) ─┐
 *   jmx extension ─▶ api ServerView = ManagementView ───────────────────────────────────────────────────┤
 *                                                                                                        ▼
 *                      CommandRegistry ─▶ Command.run(MonitorContext) ─▶ data ─▶ Command.text (4lw) / JSON
 *                                              │
 *                                              └─ pipeline-owned state through Pipeline.inspect, bounded wait
 * </pre>
 */
package io.corral.server.monitor;
