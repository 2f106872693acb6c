import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { StackError } from './errors';

const run = promisify(execFile);

export const MIN_JAVA = 17;

/** `java -version` prints e.g. `openjdk version "17.0.15"` or `"1.8.0_392"` on stderr. */
export function javaMajor(versionOutput: string): number | undefined {
  const match = versionOutput.match(/version "(\d+)(?:\.(\d+))?/);
  if (!match) return undefined;
  const first = Number(match[1]);
  return first === 1 && match[2] ? Number(match[2]) : first;
}

export async function requireJava(): Promise<number> {
  let output: string;
  try {
    const { stdout, stderr } = await run('java', ['-version']);
    output = `${stderr}${stdout}`;
  } catch (error) {
    throw new StackError(
      `Java not found: the local stack runs Kafka and the schema registry on a JDK ${MIN_JAVA}+. Install one (e.g. apt-get install openjdk-17-jdk-headless) or use docker-compose. (${(error as Error).message})`,
    );
  }
  const major = javaMajor(output);
  if (major === undefined || major < MIN_JAVA) {
    throw new StackError(`Java ${MIN_JAVA}+ is required, found: ${output.split('\n')[0]}`);
  }
  return major;
}

export async function requireMaven(): Promise<void> {
  try {
    await run('mvn', ['-v']);
  } catch (error) {
    throw new StackError(`Maven not found: it resolves the Kafka and Apicurio jars from Maven Central. Install Maven 3.8+ (e.g. apt-get install maven). (${(error as Error).message})`);
  }
}
