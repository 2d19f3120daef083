// Measures how the commitments ledger scales: deciding N commitments (each with a payment) and replaying them.
//   npm run bench -- 2000
// Prints figures; asserts nothing: speed targets are read here, not in timed tests.
import { performance } from 'node:perf_hooks';
import type { CommitmentsEvent } from '../../services/commitments/src/domain/events';
import { evolveAll } from '../../services/commitments/src/domain/evolve';
import { initialState } from '../../services/commitments/src/domain/state';
import { baseline, commitment } from '../../services/commitments/src/test-support/fixtures';
import { firmed, pay } from '../../services/commitments/src/test-support/lifecycle';
import { Scenario } from '../../services/commitments/src/test-support/scenario';

const count = Number(process.argv[2] ?? '1000');
const scenario = baseline(new Scenario());
const started = performance.now();
for (let i = 0; i < count; i++) {
  for (const step of [commitment({ commitmentId: `c${i}`, amountCents: 1_000_00n }), firmed(`c${i}`), pay(`c${i}`, 'p1', 'acompte', 100_00n)]) {
    scenario.given(step);
  }
}
const decided = performance.now() - started;
const events: CommitmentsEvent[] = scenario.history;
const replayStart = performance.now();
const state = evolveAll(events, initialState());
const replayed = performance.now() - replayStart;
const fr = (n: number) => n.toLocaleString('fr-FR', { maximumFractionDigits: 1 });
process.stdout.write(
  [
    `engagements : ${fr(count)} (${fr(events.length)} événements, ${fr(state.ledger.transfers.size)} écritures)`,
    `décider + appliquer (avec contrôle complet des invariants à chaque pas) : ${fr(decided)} ms, soit ${fr((events.length / decided) * 1000)} événements/s`,
    `relecture complète : ${fr(replayed)} ms, soit ${fr((events.length / replayed) * 1000)} événements/s`,
  ].join('\n') + '\n',
);
