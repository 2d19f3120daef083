import { spawnSync } from 'node:child_process';

/**
 * prom-client's default process metrics name three gauges « …_total » (nodejs_active_handles_total…): theirs, not
 * ours, and Prometheus reads them; promtool's lint of those three lines alone is let through.
 */
const LIBRARY_FINDINGS =
  /^nodejs_active_(handles|requests|resources)_total non-counter metrics should not have "_total" suffix$/;

/**
 * Prometheus' own reading of an exposition: `promtool check metrics` (Debian's prometheus package, installed by
 * tools/test.sh) parses it and lints names, help texts and units. Throws with what promtool said.
 */
export function checkMetrics(exposition: string): void {
  const result = spawnSync('promtool', ['check', 'metrics'], { input: exposition, encoding: 'utf8' });
  if (result.error) throw new Error(`promtool check metrics : ${result.error.message}`);
  const findings = `${result.stdout}\n${result.stderr}`
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !LIBRARY_FINDINGS.test(line));
  // 0: clean; 3: lint findings only (those above are filtered out); anything else: unreadable.
  if (findings.length > 0 || (result.status !== 0 && result.status !== 3))
    throw new Error(`promtool check metrics (code ${result.status}) : ${findings.join('\n')}`);
}
