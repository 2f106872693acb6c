import type { PinoLogger } from 'nestjs-pino';
import type { Pool } from 'pg';
import { masterKeyFile } from '@eventline/stack-config';
import { MasterKey, PgSubjectKeyStore, type SubjectKeyStore } from '@eventline/subject-keys';

/**
 * The app's key store when EVENTLINE_MASTER_KEY_FILE (or a checkout's development key) is there:
 * its publisher then seals personal data, and a consumer app that opens it can. A file that is set
 * but unusable stops the app rather than publish personal data in clear.
 */
export function subjectKeysFor(pool: Pool, logger: PinoLogger): SubjectKeyStore | null {
  const file = masterKeyFile();
  if (!file) {
    logger.warn('no EVENTLINE_MASTER_KEY_FILE: personal data (fields marked pii) is published in clear, and sealed data cannot be opened');
    return null;
  }
  const master = MasterKey.fromFile(file);
  logger.info({ masterKeyId: master.id }, 'personal data is sealed per data subject (crypto-shredding)');
  return new PgSubjectKeyStore(pool, master);
}
