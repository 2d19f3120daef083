export { ReportingModule } from './reporting.module';
export { reportingDescription } from './reporting.description';
