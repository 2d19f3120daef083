export { RenewalUrbanModule } from './renewal-urban.module';
export { renewalUrbanDescription } from './renewal-urban.description';
export { publishedRenewalEvents } from './infrastructure/published-events';
export { ProtocolRepository } from './infrastructure/protocol-repository';
export { DraftProtocolCommand, FormPurchasingGroupCommand } from './draft-protocol/draft-protocol.handler';
export { ListNpnruQuartierCommand } from './list-npnru-quartier/list-npnru-quartier.handler';
export { NPNRU_LIST_ID } from './list-npnru-quartier/npnru-list';
