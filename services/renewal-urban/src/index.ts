export { RenewalUrbanModule } from './renewal-urban.module';
export { renewalUrbanDescription } from './renewal-urban.description';
export { publishedRenewalEvents } from './infrastructure/published-events';
export { ProtocolRepository } from './infrastructure/protocol-repository';
export { DraftProtocolCommand, FormPurchasingGroupCommand } from './draft-protocol/draft-protocol.handler';
