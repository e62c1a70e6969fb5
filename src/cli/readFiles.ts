/**
 * Reads the evidence files into the coverage, one after another in this thread. (Reading threads
 * were tried and do not pay: bench/README.md.) Each file is read into the workspace's reused
 * buffer, analysed, added to the accumulator and let go.
 */
import type { CoverageAccumulator, EvidenceDocument } from '../core/coverage';
import { sortWarnings, takeEvidenceFileSync, type FileWarning, type Project } from '../core/project';
import { NodeWorkspace } from './nodeWorkspace';

/** Reads `paths` into `acc`; returns the warnings of files that could not be read as evidence, in path order. */
export function readFiles(root: string, project: Project, paths: readonly string[], acc: CoverageAccumulator): FileWarning[] {
  const workspace = new NodeWorkspace(root);
  const read = (p: string) => workspace.readFileReused(p);
  // with its text: untagged sections get suggestions
  const add = (d: EvidenceDocument, text: string) => acc.add({ ...d, text });
  const warnings: FileWarning[] = [];
  for (const p of paths) takeEvidenceFileSync(project, p, read, add, warnings);
  return sortWarnings(warnings);
}
