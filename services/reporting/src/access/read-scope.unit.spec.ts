import { accessFor, type Principal } from '@cvl/platform';
import type { ProjectedCommitment } from '../projection/commitment-projection';
import type { OperationDoc } from '../projection/programme-projection';
import { READS_OPERATIONS, visibleOperations } from './read-scope';

const as = (organisation: string, roles: Principal['roles']) => {
  const access = accessFor({ subject: organisation, organisation, roles }, READS_OPERATIONS);
  if (!access) throw new Error(`aucun accès pour ${organisation}`);
  return access;
};
const card = (doc: Partial<OperationDoc> & Pick<OperationDoc, 'source' | 'programmeId' | 'operationId'>) =>
  ({
    key: `${doc.source}:${doc.programmeId}:${doc.operationId}`,
    label: doc.operationId,
    owner: 'maisons-et-cites',
    quartier: 'QP062024',
    cost: '1000000.00',
    status: 'x',
    plan: [],
    provenance: [],
    ...doc,
  }) as OperationDoc;
const commitment = (id: string, funder: string, extra: Partial<ProjectedCommitment>): ProjectedCommitment => ({
  id,
  funder,
  status: 'firm',
  amount: '100.00',
  paid: '0.00',
  released: '0.00',
  isPool: false,
  attribution: { label: id, year: 2016, scale: 'CALL' },
  provenance: [],
  ...extra,
});

describe('reporting: which operation cards a principal reads', () => {
  const registry = card({
    source: 'registre',
    programmeId: 'registre',
    operationId: 'mc-thermique',
    registryOperation: 'mc-thermique',
  });
  const npnru = card({
    source: 'renewal-urban',
    programmeId: 'p1',
    operationId: 'op1',
    registryOperation: 'travaux-12-14',
  });
  const other = card({
    source: 'registre',
    programmeId: 'registre',
    operationId: 'mc-relogement',
    registryOperation: 'mc-relogement',
  });
  const docs = [
    commitment('region-registre', 'region', {
      attribution: { label: 'r', year: 2016, scale: 'CALL', operation: 'mc-thermique' },
    }),
    // Booked through the ITI for the same works as the NPNRU operation: it shows on the NPNRU card too.
    commitment('feder-iti', 'feder', {
      request: { source: 'iti-feder', protocolId: 'iti-call', operationId: 'op9', requestId: 'r1' },
      attribution: { label: 'f', year: 2016, scale: 'CALL', operation: 'travaux-12-14' },
    }),
    commitment('anru-npnru', 'anru', {
      request: { source: 'renewal-urban', protocolId: 'p1', operationId: 'op1', requestId: 'r2' },
      attribution: { label: 'a', year: 2016, scale: 'CALL', operation: 'travaux-12-14' },
    }),
    commitment('caf-elsewhere', 'caf', {
      attribution: { label: 'c', year: 2016, scale: 'CALL', operation: 'mc-relogement' },
    }),
  ];

  it('a financeur reads the registry operations it finances, with their other funders, and nothing else', () => {
    const seen = visibleOperations(as('region', ['financeur']), [registry, npnru, other], docs);
    expect(seen.operations.map((o) => o.operationId)).toEqual(['mc-thermique']);
    expect(seen.commitments.map((c) => c.id)).toEqual(['region-registre']);
  });

  it('a programme card shows the aid another programme booked for the same registry operation', () => {
    const seen = visibleOperations(as('feder', ['financeur']), [registry, npnru, other], docs);
    expect(seen.operations.map((o) => o.operationId)).toEqual(['op1']);
    expect(seen.commitments.map((c) => c.id).sort()).toEqual(['anru-npnru', 'feder-iti']);
  });

  it('ANRU’s instructor reads the NPNRU’s operations, not the registry’s alone', () => {
    const seen = visibleOperations(as('anru', ['instructeur-anru']), [registry, npnru, other], docs);
    expect(seen.operations.map((o) => o.operationId)).toEqual(['op1']);
  });
});
