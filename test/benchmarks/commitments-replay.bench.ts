// Measures how the commitments ledger scales: deciding N commitments (each firmed and paid once) as the service
// does (decide, then evolve), checking the invariants once at the end, and replaying the whole stream.
//   npm run bench -- 5000
// Prints figures; asserts nothing: speed targets are read here, not in timed tests.
import { performance } from 'node:perf_hooks';
import { ledgerViolations } from '@cvl/ledger';
import type { DecisionContext } from '../../services/commitments/src/domain/booking';
import type { CommitmentsEvent } from '../../services/commitments/src/domain/events';
import { evolve, evolveAll } from '../../services/commitments/src/domain/evolve';
import { viewLedgerDisagreements } from '../../services/commitments/src/domain/figures';
import { isRefusal } from '@cvl/refusal';
import { coFinancingMatrix } from '../../services/reporting/src/co-financing-matrix/co-financing-matrix';
import { funderStatement } from '../../services/reporting/src/funder-statement/funder-statement';
import {
  project,
  type CommitmentsProjectedEvent,
  type ProjectedCommitment,
} from '../../services/reporting/src/projection/commitment-projection';
import { initialState } from '../../services/commitments/src/domain/state';
import { baseline, commitment } from '../../services/commitments/src/test-support/fixtures';
import { firmed, pay } from '../../services/commitments/src/test-support/lifecycle';
import { Scenario, type Decide } from '../../services/commitments/src/test-support/scenario';

const count = Number(process.argv[2] ?? '1000');
const setup = baseline(new Scenario());
let state = setup.state;
const events: CommitmentsEvent[] = [...setup.history];
let sequence = 0;
const context = (): DecisionContext => ({ eventId: `bench-${++sequence}`, recordedAt: '2016-01-01T00:00:00.000Z' });
const run = (decide: Decide) => {
  const decided = decide(state, context());
  if (isRefusal(decided)) throw new Error(decided.message);
  for (const event of decided) state = evolve(state, event);
  events.push(...decided);
};

const started = performance.now();
for (let i = 0; i < count; i++) {
  run(commitment({ commitmentId: `c${i}`, amountCents: 1_000_00n }));
  run(firmed(`c${i}`));
  run(pay(`c${i}`, 'p1', 'acompte', 100_00n));
}
const decided = performance.now() - started;
const checkStart = performance.now();
const problems = [...ledgerViolations(state.ledger), ...viewLedgerDisagreements(state)];
const checked = performance.now() - checkStart;
const replayStart = performance.now();
const replayed = evolveAll(events, initialState());
const replayMs = performance.now() - replayStart;
// Reporting's side: the same events projected into its read model (pure projection, documents kept in memory as the
// projector keeps them in its table), then the matrix and every funder's statement computed from it.
const projectStart = performance.now();
const docs = new Map<string, ProjectedCommitment>();
events.forEach((event, i) => {
  // The ledger's stored event is its published event plus the internals the projection does not read.
  const projected = {
    id: `e${i}`,
    type: event.type,
    actor: 'bench',
    time: '2016-01-01T00:00:00.000Z',
    data: event.data,
  } as unknown as CommitmentsProjectedEvent;
  for (const doc of project(docs, projected)) docs.set(doc.id, doc);
});
const projectMs = performance.now() - projectStart;
const viewStart = performance.now();
const all = [...docs.values()];
const matrix = coFinancingMatrix(all);
for (const funder of new Set(all.map((d) => d.funder))) funderStatement(all, funder);
const viewMs = performance.now() - viewStart;
const fr = (n: number) => n.toLocaleString('fr-FR', { maximumFractionDigits: 1 });
process.stdout.write(
  [
    `engagements : ${fr(count)} (${fr(events.length)} événements, ${fr(replayed.ledger.transfers.size)} écritures)`,
    `décider + appliquer, comme le service : ${fr(decided)} ms, soit ${fr((3 * count * 1000) / decided)} commandes/s`,
    `contrôle complet des invariants (une fois) : ${fr(checked)} ms — ${problems.length === 0 ? 'équilibré' : `${problems.length} anomalies`}`,
    `relecture complète du flux : ${fr(replayMs)} ms, soit ${fr((events.length / replayMs) * 1000)} événements/s`,
    `reporting — projection des événements : ${fr(projectMs)} ms, soit ${fr((events.length / projectMs) * 1000)} événements/s (hors base de données)`,
    `reporting — matrice (${fr(matrix.rows.length)} cases) et relevé de chaque financeur : ${fr(viewMs)} ms`,
  ].join('\n') + '\n',
);
