export { RenewalUrbanModule } from './renewal-urban.module';
export { renewalUrbanDescription } from './renewal-urban.description';
export { publishedRenewalEvents } from './infrastructure/published-events';
