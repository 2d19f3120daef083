/*
 * The offline audit pack, altered in every way an attacker could try, each one found by verifyAuditPack alone —
 * no store, no server. The pack comes from a real store (PGlite) written through the real append path.
 */
import { randomUUID } from 'node:crypto';
import { chainHash } from '../canonical-json';
import { newEvent } from '../contract/event-store.contract';
import { openSqlEventStore, type OpenedEventStore } from '../open-event-store';
import { exportAuditPack, verifyAuditPack, type AuditPack, type PackedEvent } from './audit-pack';
import { InclusionProver, leafHash } from './merkle';
import { LogSigningKey } from './tree-head';

const clone = (pack: AuditPack): AuditPack => JSON.parse(JSON.stringify(pack)) as AuditPack;
const problems = (pack: unknown, trustedKeyId?: string) =>
  verifyAuditPack(pack, { trustedKeyId }).broken.map((b) => b.problem);

/** Recomputes a stream's hashes inside the pack from `from` on, as an attacker who rewrites consistently would. */
function rechain(pack: AuditPack, streamId: string): void {
  let previous: string | undefined;
  for (const event of pack.events.filter((e) => e.streamId === streamId).sort((a, b) => a.revision - b.revision)) {
    if (previous !== undefined) event.previousHash = previous;
    event.hash = chainHash(event.previousHash, event);
    previous = event.hash;
  }
}

describe('audit pack (cvl audit export / verify)', () => {
  let opened: OpenedEventStore;
  const funderStream = `ledger-${randomUUID()}`;
  const otherStream = `other-${randomUUID()}`;
  let full: AuditPack;
  let selection: AuditPack;

  beforeAll(async () => {
    opened = await openSqlEventStore({});
    await opened.store.append(
      funderStream,
      [
        newEvent('commitment-recorded', { funder: 'maisons-et-cites', amount: '259000000.00' }),
        newEvent('commitment-recorded', { funder: 'anru', amount: '1700000.00' }),
      ],
      'no_stream',
    );
    await opened.store.append(otherStream, [newEvent('operation-planned', { label: 'étude' })], 'no_stream');
    await opened.store.append(
      funderStream,
      [newEvent('payment-recorded', { funder: 'maisons-et-cites', amount: '300000.00' })],
      1,
    );
    await opened.store.append(otherStream, [newEvent('operation-planned', { label: 'travaux' })], 0);
    opened.store.signedLog?.recordWitness();
    full = await exportAuditPack(opened.store);
    selection = await exportAuditPack(opened.store, {
      funder: 'maisons-et-cites',
      select: (event) => event.data.funder === 'maisons-et-cites',
    });
  });
  afterAll(() => opened.store.close());

  it('a pack as exported verifies, with the key the auditor trusts', () => {
    expect(full.events).toHaveLength(5);
    const report = verifyAuditPack(JSON.parse(JSON.stringify(full)), { trustedKeyId: full.publicKey.keyId });
    expect(report.broken).toEqual([]);
    expect(report).toMatchObject({ ok: true, eventsChecked: 5, trustedKey: 'confirmée' });
    expect(verifyAuditPack(clone(selection)).broken).toEqual([]);
    expect(selection.events.map((e) => e.data.amount)).toEqual(['259000000.00', '300000.00']);
    expect(selection.events.every((e) => (e.inclusionProof?.length ?? 0) > 0)).toBe(true);
  });

  it('an edited amount, type, actor or date is found', () => {
    const edits: Array<(event: PackedEvent) => void> = [
      (e) => void (e.data.amount = '9999999.00'),
      (e) => void (e.type = 'commitment-cancelled'),
      (e) => void (e.metadata.actor = 'someone-else'),
      (e) => void (e.recordedAt = '2015-01-01T00:00:00.000Z'),
    ];
    for (const source of [full, selection]) {
      for (const edit of edits) {
        const pack = clone(source);
        edit(pack.events[0]);
        expect(problems(pack)).toContain('hash_mismatch');
      }
    }
  });

  it('a deleted event is found', () => {
    const pack = clone(full);
    pack.events.splice(1, 1);
    expect(problems(pack)).toEqual(expect.arrayContaining(['missing_leaf']));
    const last = clone(full);
    last.events.pop();
    expect(problems(last)).toContain('missing_leaf');
  });

  it('two events swapped in the signed order are found', () => {
    const pack = clone(full);
    [pack.events[0].leafIndex, pack.events[2].leafIndex] = [pack.events[2].leafIndex, pack.events[0].leafIndex];
    expect(problems(pack)).toContain('tree_mismatch');
  });

  it('an inserted, correctly chained event is found — as not covered by the head', () => {
    for (const source of [full, selection]) {
      const pack = clone(source);
      const last = [...pack.events].filter((e) => e.streamId === funderStream).pop() as PackedEvent;
      const forged = {
        ...last,
        eventId: randomUUID(),
        revision: last.revision + 1,
        data: { funder: 'maisons-et-cites', amount: '9999999.00' },
        previousHash: last.hash,
        leafIndex: pack.head.treeSize,
      };
      forged.hash = chainHash(last.hash, forged);
      pack.events.push(forged);
      expect(problems(pack)).toContain('unsigned_event');
    }
  });

  it('a rewrite with every hash recomputed is found by the signed root', () => {
    const pack = clone(full);
    pack.events[0].data.amount = '9999999.00';
    rechain(pack, funderStream);
    const found = problems(pack);
    expect(found).not.toContain('hash_mismatch');
    expect(found).toContain('tree_mismatch');
  });

  it('a selection whose event was rewritten with a made-up audit path is found', () => {
    const pack = clone(selection);
    pack.events[0].data.amount = '9999999.00';
    rechain(pack, funderStream);
    const fake = new InclusionProver([leafHash(pack.events[0].hash), leafHash(pack.events[1].hash)]);
    pack.events[0].inclusionProof = fake.path(0).map((h) => h.toString('hex'));
    expect(problems(pack)).toContain('tree_mismatch');
  });

  it('a forged head is found; a pack re-signed end to end with another key is found against the trusted key', () => {
    const pack = clone(full);
    pack.events[0].data.amount = '9999999.00';
    rechain(pack, funderStream);
    const leaves = pack.events.map((e) => leafHash(e.hash));
    pack.head.rootHash = new InclusionProver(leaves).root().toString('hex');
    pack.heads[pack.heads.length - 1] = pack.head;
    expect(problems(pack)).toContain('invalid_signature');

    // The attacker's own key, and every head signed again with it: consistent in itself.
    const theirs = LogSigningKey.generate();
    const resigned = clone(pack);
    resigned.publicKey = { keyId: theirs.keyId, pem: theirs.publicKeyPem() };
    const prover = new InclusionProver(leaves);
    resigned.heads = resigned.heads.map((head) =>
      theirs.sign({
        log: head.log,
        sequence: head.sequence,
        treeSize: head.treeSize,
        rootHash: prover.root(head.treeSize).toString('hex'),
        signedAt: head.signedAt,
        keyId: theirs.keyId,
      }),
    );
    resigned.head = resigned.heads[resigned.heads.length - 1];
    resigned.witness = [];
    expect(problems(resigned)).toEqual([]);
    expect(problems(resigned, full.publicKey.keyId)).toEqual(['invalid_signature']);
    expect(verifyAuditPack(resigned, { trustedKeyId: full.publicKey.keyId }).trustedKey).toBe('différente');
  });

  it('a head of the witness that the pack lost is found (rollback); a tampered witness line is found', async () => {
    // The log moves on and the witness keeps the new head; a pack cut back to the older state is a rollback.
    await opened.store.append(otherStream, [newEvent('operation-planned', { label: 'livraison' })], 1);
    opened.store.signedLog?.recordWitness();
    const rolled = clone(full);
    rolled.witness = opened.store.signedLog?.witness.heads() ?? [];
    expect(problems(rolled)).toEqual(['rollback', 'rollback']);
    const forgedLine = clone(full);
    forgedLine.witness.push({
      ...forgedLine.head,
      sequence: forgedLine.head.sequence + 5,
      treeSize: forgedLine.head.treeSize + 3,
    });
    expect(problems(forgedLine)).toContain('invalid_signature');
    const bent = clone(full);
    bent.witness[bent.witness.length - 1].rootHash = 'c'.repeat(64);
    expect(problems(bent)).toContain('invalid_signature');
  });

  it('a file that is not a pack is refused in words', () => {
    expect(verifyAuditPack({ format: 'autre' }).broken[0].detail).toContain('format inconnu');
    expect(verifyAuditPack({ ...clone(full), events: undefined }).broken[0].detail).toContain('paquet incomplet');
  });
});
