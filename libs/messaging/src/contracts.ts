import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import type { IntegrationEvent } from './envelope';

/** Where contracts/ is: beside the workspace, or CONTRACTS_DIR. */
export function contractsDir(): string {
  if (process.env.CONTRACTS_DIR) return process.env.CONTRACTS_DIR;
  for (let dir = __dirname, i = 0; i < 8; dir = join(dir, '..'), i++) {
    if (existsSync(join(dir, 'contracts', 'envelope'))) return join(dir, 'contracts');
  }
  throw new Error('dossier contracts/ introuvable (définissez CONTRACTS_DIR)');
}

export interface ContractViolation {
  path: string;
  message: string;
}

/**
 * The envelope schema and every event schema under contracts/events, compiled once. `check` says what is wrong
 * with an integration event: its envelope, an unknown type or version, or its data.
 */
export class ContractRegistry {
  private readonly envelope: ValidateFunction;
  private readonly events = new Map<string, ValidateFunction>();

  constructor(dir = contractsDir()) {
    const ajv = new Ajv2020({ allErrors: true, strict: true });
    addFormats(ajv);
    this.envelope = ajv.compile(
      JSON.parse(readFileSync(join(dir, 'envelope', 'integration-event.schema.json'), 'utf8')),
    );
    const eventsDir = join(dir, 'events');
    for (const service of existsSync(eventsDir)
      ? readdirSync(eventsDir, { withFileTypes: true }).filter((d) => d.isDirectory())
      : []) {
      const files = readdirSync(join(eventsDir, service.name));
      // Shared definitions (« _defs.schema.json ») are registered first, so event schemas can $ref them.
      for (const file of files.filter((f) => f.startsWith('_') && f.endsWith('.schema.json'))) {
        ajv.addSchema(JSON.parse(readFileSync(join(eventsDir, service.name, file), 'utf8')));
      }
      for (const file of files.filter((f) => !f.startsWith('_'))) {
        const match = /^(.+)\.v(\d+)\.schema\.json$/.exec(file);
        if (match)
          this.events.set(
            `${service.name}.${match[1]}@${match[2]}`,
            ajv.compile(JSON.parse(readFileSync(join(eventsDir, service.name, file), 'utf8'))),
          );
      }
    }
  }

  knownEventTypes(): string[] {
    return [...this.events.keys()].sort();
  }

  check(event: IntegrationEvent, options: { requireEventSchema?: boolean } = {}): ContractViolation[] {
    const violations: ContractViolation[] = [];
    if (!this.envelope(event)) {
      for (const error of this.envelope.errors ?? [])
        violations.push({ path: error.instancePath || '/', message: error.message ?? 'invalide' });
    }
    const data = this.checkData(event.type, event.schemaversion, event.data);
    if (data !== 'no-schema') violations.push(...data);
    else if (options.requireEventSchema ?? true)
      violations.push({
        path: '/type',
        message: `aucun schéma pour ${event.type} v${event.schemaversion} dans contracts/events`,
      });
    return violations;
  }

  /** The data of an event against its type's schema; 'no-schema' when contracts/ has none for that version. */
  checkData(type: string, schemaVersion: number, data: unknown): ContractViolation[] | 'no-schema' {
    const validate = this.events.get(`${type}@${schemaVersion}`);
    if (!validate) return 'no-schema';
    if (validate(data)) return [];
    return (validate.errors ?? []).map((error) => ({
      path: `/data${error.instancePath}`,
      message: `${error.message ?? 'invalide'}${error.params ? ` ${JSON.stringify(error.params)}` : ''}`,
    }));
  }
}
