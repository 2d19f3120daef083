import { accepted, refusalOf } from '@cvl/testing';
import { baseline, operation as declared } from '../test-support/fixtures';
import { Scenario } from '../test-support/scenario';

describe('declaring an operation in the registry', () => {
  it('gives the works one identity; a second programme that finances them adds its reference, nothing else', () => {
    const s = baseline(new Scenario());
    const [event] = accepted(s.when(declared()));
    expect(event).toMatchObject({
      type: 'commitments.operation-declared',
      data: { operationId: 'rehab-grande-residence', eligibleBase: '1000000.00', projectOwner: 'mc' },
    });
    const [referenced] = accepted(
      s.when(
        declared({
          eligibleBaseCents: 2_000_000_00n,
          references: [{ system: 'iti-feder', reference: 'iti-call:op1' }],
        }),
      ),
    );
    expect(referenced).toEqual({
      type: 'commitments.operation-referenced',
      data: {
        operationId: 'rehab-grande-residence',
        reference: { system: 'iti-feder', reference: 'iti-call:op1' },
        trace: expect.anything(),
      },
    });
    expect(s.state.operations.get('rehab-grande-residence')).toMatchObject({
      eligibleBaseCents: 1_000_000_00n,
      references: [{ system: 'renewal-urban' }, { system: 'iti-feder' }],
      version: 2,
    });
    expect(accepted(s.when(declared()))).toEqual([]);
  });

  it('follows the declaring programme’s new base and calendar (an avenant), no other programme’s', () => {
    const s = baseline(new Scenario()).given(declared());
    const npnru = [{ system: 'renewal-urban', reference: 'npnru-call:grande-residence' }];
    const [revised] = accepted(
      s.when(declared({ eligibleBaseCents: 1_200_000_00n, end: '2019-06-30', references: npnru })),
    );
    expect(revised).toEqual({
      type: 'commitments.operation-revised',
      data: {
        operationId: 'rehab-grande-residence',
        eligibleBase: '1200000.00',
        end: '2019-06-30',
        by: npnru[0],
        trace: expect.anything(),
      },
    });
    expect(s.state.operations.get('rehab-grande-residence')).toMatchObject({
      eligibleBaseCents: 1_200_000_00n,
      end: '2019-06-30',
      start: '2016-09-01',
    });
    // The ITI naming the same works with its own cost adds its reference; the base stays the declarer's.
    accepted(
      s.when(
        declared({ eligibleBaseCents: 900_000_00n, references: [{ system: 'iti-feder', reference: 'iti-call:op1' }] }),
      ),
    );
    expect(s.state.operations.get('rehab-grande-residence')?.eligibleBaseCents).toBe(1_200_000_00n);
  });

  it('refuses a quartier or a base it cannot check, and a calendar that ends before it starts', () => {
    const s = baseline(new Scenario());
    expect(refusalOf(s.when(declared({ quartiers: ['QP999999'] })), 'unknown-reference').field).toBe('quartiers[0]');
    expect(refusalOf(s.when(declared({ eligibleBaseCents: 0n })), 'amount-not-positive').field).toBe('eligibleBase');
    expect(refusalOf(s.when(declared({ end: '2015-01-01' })), 'operation-calendar').field).toBe('end');
    expect(refusalOf(s.when(declared({ eligibleBaseTtcCents: 900_000_00n })), 'operation-calendar').field).toBe(
      'eligibleBaseTtc',
    );
    expect(s.state.operations.size).toBe(0);
  });
});
