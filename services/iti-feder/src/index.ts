export { ItiFederModule } from './iti-feder.module';
export { itiFederDescription } from './iti-feder.description';
export { publishedItiEvents } from './infrastructure/published-events';
export { ProgrammeRepository } from './infrastructure/programme-repository';
export { SetEnvelopeCommand } from './set-envelope/set-envelope.handler';
