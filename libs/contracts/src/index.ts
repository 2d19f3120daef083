/*
 * The public contract of the suite in code: TypeScript types generated from contracts/events (one module per
 * publishing service, `npm run contracts:types`) and the booking protocol between the programmes and the ledger.
 * Producers and consumers type what they send and read with these, never with another service's own types.
 */
export * as CommitmentsContract from './generated/commitments';
export * as RenewalUrbanContract from './generated/renewal-urban';
export * as ItiFederContract from './generated/iti-feder';
export * from './booking-protocol';
export * from './roles';
