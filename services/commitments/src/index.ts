export { CommitmentsModule } from './commitments.module';
export { commitmentsDescription } from './commitments.description';
