import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { StackError } from '../errors';

export interface KafkaTlsFiles {
  dir: string;
  /** The stack's own CA: what clients trust (KAFKA_SSL_CA_FILE). */
  caCert: string;
  caKey: string;
  brokerKey: string;
  brokerCert: string;
  /** The broker's key, its certificate and the CA's, in one PEM file: Kafka's `ssl.keystore.type=PEM`. */
  brokerKeystore: string;
}

export function kafkaTlsFiles(local: string): KafkaTlsFiles {
  const dir = join(local, 'kafka-tls');
  return {
    dir,
    caCert: join(dir, 'ca.pem'),
    caKey: join(dir, 'ca-key.pem'),
    brokerKey: join(dir, 'broker-key.pem'),
    brokerCert: join(dir, 'broker.pem'),
    brokerKeystore: join(dir, 'broker-keystore.pem'),
  };
}

/**
 * A self-signed CA and a broker certificate for 127.0.0.1 / localhost, made once with openssl and
 * kept, so clients that already trust the CA keep trusting it. Development only: a deployment's
 * brokers carry certificates from the organisation's CA.
 */
export function ensureKafkaTls(local: string): KafkaTlsFiles {
  const files = kafkaTlsFiles(local);
  if (existsSync(files.brokerKeystore) && existsSync(files.caCert)) return files;
  rmSync(files.dir, { recursive: true, force: true });
  mkdirSync(files.dir, { recursive: true, mode: 0o700 });
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-noenc'];
  openssl([
    'req',
    '-x509',
    ...ec,
    '-keyout',
    files.caKey,
    '-out',
    files.caCert,
    '-days',
    '3650',
    '-subj',
    '/CN=Eventline development CA',
    '-addext',
    'basicConstraints=critical,CA:TRUE',
    '-addext',
    'keyUsage=critical,keyCertSign,cRLSign',
  ]);
  const csr = join(files.dir, 'broker.csr');
  const extensions = join(files.dir, 'broker.ext');
  writeFileSync(extensions, 'subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\nkeyUsage=critical,digitalSignature,keyAgreement\n');
  openssl(['req', ...ec, '-keyout', files.brokerKey, '-out', csr, '-subj', '/CN=localhost']);
  openssl(['x509', '-req', '-in', csr, '-CA', files.caCert, '-CAkey', files.caKey, '-CAcreateserial', '-out', files.brokerCert, '-days', '825', '-extfile', extensions]);
  const keystore = [files.brokerKey, files.brokerCert, files.caCert].map((file) => readFileSync(file, 'utf8')).join('');
  writeFileSync(files.brokerKeystore, keystore, { mode: 0o600 });
  for (const key of [files.caKey, files.brokerKey]) chmodSync(key, 0o600);
  return files;
}

function openssl(args: string[]): void {
  try {
    execFileSync('openssl', args, { stdio: ['ignore', 'ignore', 'pipe'] });
  } catch (error) {
    const detail = (error as { stderr?: Buffer }).stderr?.toString().trim() || (error as Error).message;
    throw new StackError(
      `EVENTLINE_KAFKA_SECURITY=sasl_ssl makes the broker's certificate with openssl, which failed (openssl ${args[0]}): ${detail}. Install openssl or leave EVENTLINE_KAFKA_SECURITY unset.`,
    );
  }
}
