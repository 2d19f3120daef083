export { ItiFederModule } from './iti-feder.module';
export { itiFederDescription } from './iti-feder.description';
