import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { findWorkspaceRoot } from '@eventline/stack-config';

type Json = Record<string, unknown>;

/**
 * A throwaway git repository for tests that read committed history: files copied from the
 * workspace, edited, committed with a fixed identity, and removed afterwards.
 */
export class TempGitRepo {
  readonly root = mkdtempSync(join(tmpdir(), 'eventline-repo-'));

  constructor() {
    this.git('init', '--quiet', '--initial-branch=main');
  }

  /** Copies workspace files (paths relative to the workspace root) to the same paths here. */
  copyFromWorkspace(...paths: string[]): this {
    for (const path of paths) cpSync(join(findWorkspaceRoot(), path), join(this.root, path), { recursive: true });
    return this;
  }

  readJson(path: string): Json {
    return JSON.parse(readFileSync(join(this.root, path), 'utf8')) as Json;
  }

  writeJson(path: string, json: Json): this {
    mkdirSync(dirname(join(this.root, path)), { recursive: true });
    writeFileSync(join(this.root, path), `${JSON.stringify(json, null, 2)}\n`);
    return this;
  }

  editJson(path: string, edit: (json: Json) => Json): this {
    return this.writeJson(path, edit(this.readJson(path)));
  }

  remove(path: string): this {
    rmSync(join(this.root, path), { recursive: true });
    return this;
  }

  /** Commits everything in the working tree; returns the commit id. */
  commit(message: string): string {
    this.git('add', '--all');
    this.git('-c', 'user.name=Eventline Test', '-c', 'user.email=test@localhost', '-c', 'commit.gpgsign=false', 'commit', '--quiet', '--no-verify', '-m', message);
    return this.git('rev-parse', 'HEAD').trim();
  }

  dispose(): void {
    rmSync(this.root, { recursive: true, force: true });
  }

  private git(...args: string[]): string {
    return execFileSync('git', ['-C', this.root, ...args], { encoding: 'utf8' });
  }
}
