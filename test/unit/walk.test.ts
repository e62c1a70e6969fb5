// The one folder walk of the CLI and the extension (src/core/walk.ts), over an in-memory file
// system: what it finds, what it skips, and links to folders followed once.
import { describe, expect, it } from 'vitest';
import { createClassifier, defaultConfig } from '../../src/core/config';
import { walkEvidenceFiles, type WalkEntry, type WalkFileSystem } from '../../src/core/walk';

type Node = { file: string } | { folder: Record<string, Node> } | { link: string } | { unreadable: true };

/** A tree of folders, files and links (targets are paths from the root, `/`-separated). */
function memoryFs(tree: Record<string, Node>, withRealPaths = true): WalkFileSystem & { reads: string[] } {
  const root: Node = { folder: tree };
  const reads: string[] = [];
  // follows links on the way; returns the node and its real path
  const resolve = (path: string, depth = 0): { node: Node; real: string } | undefined => {
    if (depth > 40) throw new Error('ELOOP');
    let node: Node = root;
    let real = '';
    for (const part of path.split('/').filter(Boolean)) {
      if (!('folder' in node)) return undefined;
      const child: Node | undefined = node.folder[part];
      if (!child) return undefined;
      if ('link' in child) {
        const target = resolve(child.link, depth + 1);
        if (!target) return undefined;
        ({ node, real } = target);
      } else {
        node = child;
        real = real ? `${real}/${part}` : part;
      }
    }
    return { node, real };
  };
  const typeOf = (node: Node | undefined): WalkEntry['type'] => (!node ? 'other' : 'file' in node ? 'file' : 'folder' in node || 'unreadable' in node ? 'folder' : 'other');
  const fs: WalkFileSystem & { reads: string[] } = {
    reads,
    readFolder(path) {
      reads.push(path);
      const found = resolve(path);
      if (!found || 'unreadable' in found.node) throw new Error(`EACCES: permission denied, scandir '${path}'`);
      if (!('folder' in found.node)) throw new Error(`ENOTDIR: ${path}`);
      return Object.entries(found.node.folder).map(([name, node]) => {
        if (!('link' in node)) return { name, type: typeOf(node), link: false };
        return { name, type: typeOf(resolve(node.link)?.node), link: true };
      });
    },
  };
  if (withRealPaths)
    fs.realPath = (path) => {
      const found = resolve(path);
      if (!found) throw new Error(`ENOENT: ${path}`);
      return `/mem/${found.real}`;
    };
  return fs;
}

const classifier = (ignore: string[] = []) => createClassifier({ ...defaultConfig(), ignore });
const text = (s: string) => ({ file: s });

const portfolio: Record<string, Node> = {
  '.ksb-evidence.yaml': text('standard: ST1398\n'),
  'README.md': text('# Apprenticeship evidence\n'),
  report: { folder: { 'report.md': text('# EPA report (5000 words)\n'), 'figures': { folder: { 'pipeline.png': text('PNG') } } } },
  portfolio: {
    folder: {
      '01-data-pipeline.md': text('## Data pipeline [K5, S3]\n'),
      '02-model-monitoring-runbook.qmd': text('---\nksbs: [K16]\n---\n'),
      'REFLECTIVE-LOG.MD': text('## Week 12 reflection [B4]\n'),
      notes: { folder: { 'supervisor-meeting.Rmd': text('KSBs: S20\n'), 'draft.txt': text('not evidence') } },
    },
  },
  drafts: { folder: { 'old-report.md': text('# Old draft\n') } },
  node_modules: { folder: { pkg: { folder: { 'README.md': text('# a package\n') } } } },
  '.git': { folder: { 'description.md': text('git') } },
};

describe('the folder walk', () => {
  it('finds Markdown, Quarto and R Markdown files at any depth, whatever the case of the extension', async () => {
    const found = await walkEvidenceFiles(memoryFs(portfolio), classifier());
    expect(found.sort()).toEqual(['README.md', 'drafts/old-report.md', 'portfolio/01-data-pipeline.md', 'portfolio/02-model-monitoring-runbook.qmd', 'portfolio/REFLECTIVE-LOG.MD', 'portfolio/notes/supervisor-meeting.Rmd', 'report/report.md']);
  });

  it('never enters node_modules or .git, nor a folder the config ignores', async () => {
    const fs = memoryFs(portfolio);
    const found = await walkEvidenceFiles(fs, classifier(['drafts/**', '**/notes/**']));
    expect(found.sort()).toEqual(['README.md', 'portfolio/01-data-pipeline.md', 'portfolio/02-model-monitoring-runbook.qmd', 'portfolio/REFLECTIVE-LOG.MD', 'report/report.md']);
    expect(fs.reads).not.toContain('node_modules');
    expect(fs.reads).not.toContain('.git');
    expect(fs.reads).not.toContain('drafts');
    expect(fs.reads).not.toContain('portfolio/notes');
  });

  it('an ignored file is skipped where its folder is walked', async () => {
    const found = await walkEvidenceFiles(memoryFs(portfolio), classifier(['**/README.md']));
    expect(found).not.toContain('README.md');
    expect(found).toContain('report/report.md');
  });

  it('walks only the folders asked for', async () => {
    expect((await walkEvidenceFiles(memoryFs(portfolio), classifier(), ['portfolio/notes'])).sort()).toEqual(['portfolio/notes/supervisor-meeting.Rmd']);
  });

  it('follows a link to a folder outside once, and a link loop ends', async () => {
    const tree: Record<string, Node> = {
      shared: { folder: { 'team-retro.md': text('## Retro [B2]\n') } },
      work: {
        folder: {
          'report.md': text('# Report\n'),
          'linked-portfolio': { link: 'shared' },
          'again': { link: 'shared' }, // the same folder through a second link: walked once
          'loop': { link: 'work' }, // back to its own parent
        },
      },
    };
    const fs = memoryFs(tree);
    const found = await walkEvidenceFiles(fs, classifier(), ['work']);
    expect(found.filter((p) => p.endsWith('team-retro.md'))).toHaveLength(1);
    expect(found).toContain('work/report.md');
    expect(fs.reads.filter((p) => p.startsWith('work/loop'))).toEqual([]);
  });

  it('without real paths (a virtual file system), links to folders are not followed', async () => {
    const tree: Record<string, Node> = { shared: { folder: { 'retro.md': text('x') } }, work: { folder: { 'report.md': text('x'), linked: { link: 'shared' }, 'note.md': { link: 'shared/retro.md' } } } };
    const found = await walkEvidenceFiles(memoryFs(tree, false), classifier(), ['work']);
    // a link to a file is read: it cannot loop
    expect(found.sort()).toEqual(['work/note.md', 'work/report.md']);
  });

  it('a dangling link is skipped; an unreadable folder is told and the rest is walked', async () => {
    const tree: Record<string, Node> = { 'report.md': text('x'), gone: { link: 'nowhere' }, locked: { unreadable: true }, portfolio: { folder: { 'a.md': text('x') } } };
    const errors: string[] = [];
    const found = await walkEvidenceFiles(memoryFs(tree), classifier(), [''], { onError: (path, e) => errors.push(`${path}: ${(e as Error).message}`) });
    expect(found.sort()).toEqual(['portfolio/a.md', 'report.md']);
    expect(errors).toEqual(["locked: EACCES: permission denied, scandir 'locked'"]);
  });

  it('reads several folders at once and pauses between them when asked', async () => {
    let pauses = 0;
    const wide: Record<string, Node> = {};
    for (let i = 0; i < 50; i++) wide[`apprentice-${String(i).padStart(2, '0')}`] = { folder: { 'report.md': text('x'), portfolio: { folder: { 'piece.qmd': text('x') } } } };
    const found = await walkEvidenceFiles(memoryFs(wide), classifier(), [''], { concurrency: 8, pause: async () => void pauses++ });
    expect(found).toHaveLength(100);
    expect(new Set(found).size).toBe(100);
    expect(pauses).toBe(101); // the root, 50 folders, 50 portfolio folders
  });
});
