// Prints, after every run, how many tests each tier ran, then the plain closing line « N passed, N failed ».
// Under REQUIRE_TIERS (set by tools/test.sh in CI), a tier that ran no test fails the run: the PostgreSQL and
// Kafka tiers must run, never be skipped.
class TierReporter {
  constructor(globalConfig) {
    this.globalConfig = globalConfig;
    this.failure = undefined;
  }

  onRunComplete(_contexts, results) {
    const tiers = new Map();
    for (const file of results.testResults) {
      const name = (file.displayName && (file.displayName.name || file.displayName)) || 'other';
      const tier = tiers.get(name) || { files: 0, passed: 0, failed: 0, skipped: 0 };
      tier.files += 1;
      tier.passed += file.numPassingTests;
      tier.failed += file.numFailingTests + (file.testExecError ? 1 : 0);
      tier.skipped += file.numPendingTests + file.numTodoTests;
      tiers.set(name, tier);
    }
    const lines = ['', 'Tiers:'];
    for (const [name, t] of tiers) {
      lines.push(
        `  ${name.padEnd(12)} ${t.passed} passed, ${t.failed} failed, ${t.skipped} skipped (${t.files} files)`,
      );
    }
    const required = (process.env.REQUIRE_TIERS || '').split(',').filter(Boolean);
    const missing = required.filter((name) => !tiers.has(name) || tiers.get(name).passed === 0);
    if (missing.length > 0) {
      lines.push(`  REQUIRED TIERS THAT RAN NO TEST: ${missing.join(', ')}`);
      this.failure = new Error(`required test tiers ran no test: ${missing.join(', ')}`);
    }
    const skipped = results.numPendingTests + results.numTodoTests;
    if (required.length > 0 && skipped > 0) {
      lines.push(`  ${skipped} test(s) were skipped: no test may pass by skipping in CI`);
      this.failure = new Error('tests were skipped');
    }
    lines.push('');
    lines.push(
      `${results.numPassedTests} passed, ${results.numFailedTests + results.numRuntimeErrorTestSuites} failed`,
    );
    process.stdout.write(lines.join('\n') + '\n');
    // tools/test.sh prints this again after Jest's own summary, so the run closes on the counts.
    if (process.env.TIER_SUMMARY_FILE)
      require('node:fs').writeFileSync(process.env.TIER_SUMMARY_FILE, lines.join('\n') + '\n');
  }

  getLastError() {
    return this.failure;
  }
}

module.exports = TierReporter;
