import { SCHEMA_VERSION } from '../domain/events';
import { upcast, UnknownEventError, type Upcaster } from './upcasters';

describe('upcasters', () => {
  const stored = (type: string, schemaVersion: number, data: Record<string, unknown>) => ({
    type,
    schemaVersion,
    eventId: 'e1',
    data: data as never,
  });

  it('reads the current version as it is', () => {
    const event = upcast(stored('commitments.condition-registered', SCHEMA_VERSION, { conditionId: 'c' }));
    expect(event).toEqual({ type: 'commitments.condition-registered', data: { conditionId: 'c' } });
  });

  it('lifts an older version through its chain of steps, without touching what is stored', () => {
    const older = { conditionId: 'c', title: 'TFPB' };
    const steps: Record<string, Upcaster> = {
      [`commitments.condition-registered@${SCHEMA_VERSION - 1}`]: ({ title, ...rest }) => ({ ...rest, label: title }),
    };
    expect(upcast(stored('commitments.condition-registered', SCHEMA_VERSION - 1, older), steps).data).toEqual({
      conditionId: 'c',
      label: 'TFPB',
    });
    expect(older).toEqual({ conditionId: 'c', title: 'TFPB' });
  });

  it('refuses a type it does not know, a version with no path to the current one, and a version from the future', () => {
    expect(() => upcast(stored('commitments.unheard-of', 1, {}))).toThrow(UnknownEventError);
    expect(() => upcast(stored('commitments.condition-registered', SCHEMA_VERSION - 1, {}))).toThrow(UnknownEventError);
    expect(() => upcast(stored('commitments.condition-registered', SCHEMA_VERSION + 1, {}))).toThrow(/illisible/);
  });
});
