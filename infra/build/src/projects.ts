import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface Project {
  name: string;
  /** Relative to the workspace root, e.g. `apps/audit-projector`. */
  root: string;
  type: 'application' | 'library';
}

/** Every Nx project under apps/ and libs/, read from its project.json. */
export function listProjects(workspaceRoot: string): Project[] {
  return ['apps', 'libs'].flatMap((folder) =>
    readdirSync(join(workspaceRoot, folder))
      .map((dir) => `${folder}/${dir}`)
      .filter((root) => existsSync(join(workspaceRoot, root, 'project.json')))
      .map((root) => {
        const json = JSON.parse(readFileSync(join(workspaceRoot, root, 'project.json'), 'utf8')) as { name: string; projectType: Project['type'] };
        return { name: json.name, root, type: json.projectType };
      }),
  );
}

export function findProject(workspaceRoot: string, name: string): Project {
  const projects = listProjects(workspaceRoot);
  const project = projects.find((candidate) => candidate.name === name);
  if (!project) throw new Error(`build: no project named "${name}"; the projects are ${projects.map((p) => p.name).join(', ')}`);
  return project;
}
