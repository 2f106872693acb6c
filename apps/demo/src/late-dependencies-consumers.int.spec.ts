import { describeLateDependencies } from './testing/late-dependencies';

describeLateDependencies(['usage-projector', 'notification-worker', 'moderation-worker']);
