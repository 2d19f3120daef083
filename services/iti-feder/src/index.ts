export { ItiFederModule } from './iti-feder.module';
export { itiFederDescription } from './iti-feder.description';
export { publishedItiEvents } from './infrastructure/published-events';
