// The walk every Node contender shares, as src/cli/nodeWorkspace.ts walks: readdirSync with file
// types, node_modules and .git skipped, evidence extensions only, paths sorted, files read with
// readFileSync (what the CLI does: faster than fs.promises for thousands of small files, so
// the floor is as low as a Node process can go).
import { readdirSync } from 'node:fs';
import * as path from 'node:path';

const EVIDENCE = /\.(?:md|markdown|qmd|rmd)$/i;

export function evidenceFiles(root) {
  const found = [];
  const walk = (dir) => {
    const folders = [];
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) {
        if (e.name !== 'node_modules' && e.name !== '.git') folders.push(p);
      } else if (e.isFile() && EVIDENCE.test(e.name)) found.push(p);
    }
    for (const f of folders) walk(f);
  };
  walk(root);
  return found.sort();
}

/**
 * One pattern for every tag form (bracket groups and ranges, label lines, comment tags), written
 * in the common subset of JavaScript and Rust regex syntax so ripgrep and Node run the same one.
 */
export const TAG_PATTERN = String.raw`[\[(](?:KSBs?:?\s*)?[KSB][0-9]+(?:[\s,;/&–-]+(?:and\s+)?[KSB]?[0-9]+)*[\])]|KSBs?[^:\n]{0,24}:\**\s*[KSB][0-9]+|<!--\s*[Kk][Ss][Bb]s?:`;
