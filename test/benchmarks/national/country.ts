// A synthetic country for the benchmarks: contrats de ville grouped in régions, each with its funders, the State's
// envelope of the contract, the région's envelope shared by all its contracts, and commitments recorded, firmed,
// paid and amended. Deterministic: the same sizes give the same ledger.
import type { BatchCommand } from '../../../services/commitments/src/infrastructure/commitments-ledger';
import { commitment, envelope, funder } from '../../../services/commitments/src/test-support/fixtures';
import { amend, firmed, pay } from '../../../services/commitments/src/test-support/lifecycle';
import type { Decide } from '../../../services/commitments/src/test-support/scenario';

export interface CountrySize {
  contracts: number;
  commitmentsPerContract: number;
}

export const regionOf = (contract: number, contracts: number) =>
  contract % Math.max(1, Math.min(13, Math.ceil(contracts / 33)));
export const funders = {
  state: 'etat',
  region: (r: number) => `region-${r}`,
  landlord: (k: number) => `bailleur-${k}`,
  epci: (k: number) => `epci-${k}`,
};
export const envelopes = { state: (k: number) => `env-etat-${k}`, region: (r: number) => `env-region-${r}` };
export const commitmentOf = (k: number, i: number) => `cv${k}-e${i}`;

/** The commands that build the country, in an order each one can be decided in. */
export function* countryCommands(size: CountrySize): Generator<BatchCommand> {
  let sequence = 0;
  const command = (decide: Decide): BatchCommand => ({
    context: { correlationId: 'bench-country', commandKey: `bench-country:${sequence++}` },
    decide,
  });
  const regions = new Set<number>();
  yield command(funder(funders.state, 'state'));
  for (let k = 0; k < size.contracts; k++) {
    const r = regionOf(k, size.contracts);
    if (!regions.has(r)) {
      regions.add(r);
      yield command(funder(funders.region(r), 'region'));
      yield command(envelope(envelopes.region(r), funders.region(r), 100_000_000_000_00n));
    }
    yield command(funder(funders.landlord(k), 'landlord'));
    yield command(funder(funders.epci(k), 'epci'));
    yield command(envelope(envelopes.state(k), funders.state, 1_000_000_000_00n));
    for (let i = 0; i < size.commitmentsPerContract; i++) {
      const id = commitmentOf(k, i);
      const kind = i % 4;
      const amountCents = BigInt(10_000 + ((k * 7_919 + i * 104_729) % 990_000)) * 100n;
      const who = [
        { funder: funders.state, envelopeId: envelopes.state(k) },
        { funder: funders.region(r), envelopeId: envelopes.region(r) },
        { funder: funders.landlord(k) },
        { funder: funders.epci(k) },
      ][kind];
      yield command(
        commitment({
          commitmentId: id,
          amountCents,
          ...who,
          attribution: { label: `Opération ${i} du contrat ${k}`, year: 2015 + (i % 6), scale: 'CALL' },
        }),
      );
      if (i % 4 !== 3) {
        yield command(firmed(id));
        if (i % 2 === 0) yield command(pay(id, 'p1', 'acompte', amountCents / 4n));
        if (i % 10 === 1)
          yield command(
            amend(id, amountCents + 1_000_00n, 'clause-de-revoyure', {
              act: { reference: `Avenant ${i}`, date: '2018-01-15' },
            }),
          );
      }
    }
  }
}

/** Roughly how many events a size makes (each command here appends one event). */
export const eventsFor = (size: CountrySize) =>
  Math.round(size.contracts * (3 + size.commitmentsPerContract * (1 + 0.75 * (1 + 0.5 + 0.1 * (4 / 3)))));
