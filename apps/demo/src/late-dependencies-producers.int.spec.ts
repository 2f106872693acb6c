import { describeLateDependencies } from './testing/late-dependencies';

describeLateDependencies(['outbox-relay', 'ingest-gateway', 'audit-projector']);
