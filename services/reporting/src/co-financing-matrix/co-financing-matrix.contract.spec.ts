/*
 * The matrix summed in SQL is the matrix folded in JavaScript over the same documents — the ITI's commitments on
 * their operation's axis, every filter, every scope — so the country's view costs a GROUP BY, not every document.
 */
import fc from 'fast-check';
import { openSqlEventStore } from '@cvl/event-store';
import { toDecimalString } from '@cvl/money';
import { ReadModels } from '../infrastructure/read-models';
import type { ProjectedCommitment } from '../projection/commitment-projection';
import { withItiAxes, type OperationDoc } from '../projection/programme-projection';
import { coFinancingMatrix, matrixOfSums, NONE, type MatrixFilter } from './co-financing-matrix';

const FUNDERS = ['etat', 'region-hdf', 'maisons-et-cites', 'feder'];
const STAKES = [undefined, '', 'cadre-de-vie', 'emploi'];
const QUARTIERS = [undefined, 'QP062024', 'QP062031'];
const OPERATIONS = ['op-1', 'op-2', 'op-3'];

const operation = (operationId: string, axis: number | undefined): OperationDoc => ({
  key: `iti-feder:iti-call:${operationId}`,
  source: 'iti-feder',
  programmeId: 'iti-call',
  operationId,
  label: `Opération ${operationId}`,
  owner: 'call',
  quartier: 'QP062024',
  ...(axis === undefined ? {} : { axis }),
  cost: '100000.00',
  status: 'programmee',
  plan: [],
  provenance: [],
});

const commitmentDoc = fc
  .record({
    funder: fc.constantFrom(...FUNDERS),
    status: fc.constantFrom<ProjectedCommitment['status']>('indicative', 'conditional', 'firm', 'firm', 'lapsed'),
    amountCents: fc.bigInt({ min: 0n, max: 5_000_000_00n }),
    paidShare: fc.integer({ min: 0, max: 100 }),
    stake: fc.constantFrom(...STAKES),
    quartier: fc.constantFrom(...QUARTIERS),
    year: fc.integer({ min: 2015, max: 2020 }),
    iti: fc.option(fc.constantFrom(...OPERATIONS, 'op-unknown'), { nil: undefined }),
  })
  .map((drawn) => drawn);

describe('the co-financing matrix in SQL (PGlite)', () => {
  it('equals the matrix folded over the documents, for every filter and scope (50 random sets)', async () => {
    const opened = await openSqlEventStore({});
    const readModels = new ReadModels(opened.client);
    await readModels.init();
    try {
      await fc.assert(
        fc.asyncProperty(
          fc.array(commitmentDoc, { minLength: 0, maxLength: 40 }),
          fc.array(fc.option(fc.integer({ min: 1, max: 9 }), { nil: undefined }), { minLength: 3, maxLength: 3 }),
          async (drawn, axes) => {
            await opened.client.exec('TRUNCATE rm_commitments, rm_documents');
            const docs: ProjectedCommitment[] = drawn.map((d, i) => ({
              id: `c-${i}`,
              funder: d.funder,
              status: d.status,
              amount: toDecimalString(d.amountCents),
              paid: toDecimalString((d.amountCents * BigInt(d.paidShare)) / 100n),
              released: '0.00',
              isPool: false,
              attribution: {
                label: `Opération ${i}`,
                year: d.year,
                scale: 'CALL',
                ...(d.stake === undefined ? {} : { stake: d.stake }),
                ...(d.quartier ? { quartier: d.quartier } : {}),
              },
              ...(d.iti
                ? { request: { source: 'iti-feder', protocolId: 'iti-call', operationId: d.iti, requestId: `r-${i}` } }
                : {}),
              provenance: [],
            }));
            const operations = OPERATIONS.map((id, i) => operation(id, axes[i]));
            await readModels.save(opened.client, docs);
            await readModels.saveDocuments(
              opened.client,
              operations.map((doc) => ({ ref: { kind: 'operation', id: doc.key }, doc })),
            );
            const enriched = withItiAxes(docs, operations);
            const filters: Array<{ scope: { funder?: string }; filter: MatrixFilter }> = [
              { scope: {}, filter: {} },
              { scope: { funder: 'etat' }, filter: { funder: 'etat' } },
              { scope: { funder: 'feder' }, filter: { year: 2017 } },
              { scope: {}, filter: { stake: 'axe-3' } },
              { scope: {}, filter: { stake: NONE, quartier: NONE } },
              { scope: { funder: 'etat' }, filter: { funder: 'region-hdf' } },
            ];
            for (const { scope, filter } of filters) {
              const cells = await readModels.matrixCells(scope, filter, NONE);
              const inSql = matrixOfSums(cells, filter);
              const scoped = enriched.filter((doc) => scope.funder === undefined || doc.funder === scope.funder);
              expect({ scope, ...inSql }).toEqual({ scope, ...coFinancingMatrix(scoped, filter) });
            }
          },
        ),
        { numRuns: 50 },
      );
    } finally {
      await opened.store.close();
    }
  }, 120_000);
});
