// Loading a project (src/core/project.ts): a standard named by a workspace's config that lies
// outside the workspace folder, as the editor reads it trusted and untrusted, and as the CLI does.
import { describe, expect, it } from 'vitest';
import { bundledStandard } from '../../src/core/bundled';
import { parseConfig } from '../../src/core/config';
import { configTemplate } from '../../src/core/configTemplate';
import { shortMessage } from '../../src/core/problems';
import { isOutsideWorkspace, loadProject, type EvidenceWorkspace } from '../../src/core/project';

const encoder = new TextEncoder();

/** A workspace in memory: relative paths inside it, absolute or `../` paths for the rest of the machine. */
function memoryWorkspace(files: Record<string, string>): EvidenceWorkspace & { read: string[] } {
  const read: string[] = [];
  return {
    read,
    listEvidenceFiles: async () => Object.keys(files).filter((p) => p.endsWith('.md')),
    readFile: async (path) => {
      read.push(path);
      return path in files ? encoder.encode(files[path]) : undefined;
    },
  };
}

const customStandard = (id: string) => `id: ${id}\ntitle: Data engineer\nksbs:\n  - { code: K1, category: knowledge, text: Data pipelines. }\n  - { code: S1, category: skills, text: Build a pipeline. }\n`;
/** Not a standard: a file of someone's secrets, whose keys must never be shown. */
const SECRETS = 'aws_secret_access_key: wJalrXUtnFEMI\ndatabase_password: hunter2\n';
const CONFIG = '# cohort 2026 settings\nminWords: 40\nstandard: /home/me/.config/secrets.yaml\n';

describe('a standard outside the workspace folder', () => {
  it('is never read in an untrusted workspace: the bundled standard is used, and the config line says why', async () => {
    const ws = memoryWorkspace({ '.ksb-evidence.yaml': CONFIG, '/home/me/.config/secrets.yaml': SECRETS });
    const project = await loadProject(ws, { outside: 'refuse' });
    expect(ws.read).toEqual(['.ksb-evidence.yaml']);
    expect(project.standard.id).toBe('ST1398');
    expect(project.problems).toEqual([
      { file: '.ksb-evidence.yaml', line: 3, column: 1, severity: 'warning', message: expect.stringMatching(/^using the bundled ST1398: the standard \/home\/me\/\.config\/secrets\.yaml is outside the workspace folder, and files outside it are read only in a trusted workspace/) },
    ]);
  });

  it('a relative path that climbs out of the folder is outside too', async () => {
    const ws = memoryWorkspace({ 'epa/.ksb-evidence.yaml': 'standard: ../../shared/de.yaml\n', '../shared/de.yaml': customStandard('ST0800') });
    const project = await loadProject(ws, { configPath: 'epa/.ksb-evidence.yaml', outside: 'refuse' });
    expect(project.standard.id).toBe('ST1398');
    expect(ws.read).not.toContain('../shared/de.yaml');
  });

  it('trusted, it is read; a valid one is used', async () => {
    const ws = memoryWorkspace({ '.ksb-evidence.yaml': 'standard: /srv/provider/data-engineer.yaml\n', '/srv/provider/data-engineer.yaml': customStandard('ST0800') });
    const project = await loadProject(ws, { outside: 'readWithoutDetails' });
    expect(project.standard.id).toBe('ST0800');
    expect(project.problems).toEqual([]);
  });

  it('trusted, an invalid one is told by path and line only: no key or text of it is echoed', async () => {
    const ws = memoryWorkspace({ '.ksb-evidence.yaml': CONFIG, '/home/me/.config/secrets.yaml': SECRETS });
    const project = await loadProject(ws, { outside: 'readWithoutDetails' });
    expect(project.standard.id).toBe('ST1398');
    expect(project.problems.length).toBeGreaterThan(0);
    for (const p of project.problems) {
      expect(p.message).not.toMatch(/aws|secret_access|database|password|hunter2|wJalr/);
      if (p.file === '/home/me/.config/secrets.yaml') expect(p.message).toMatch(/not a valid standard file|could not be loaded/);
    }
    expect(project.problems.some((p) => p.file === '/home/me/.config/secrets.yaml' && p.line >= 1)).toBe(true);
  });

  it('a path inside the folder that a link leads out of is outside too', async () => {
    const ws = { ...memoryWorkspace({ '.ksb-evidence.yaml': 'standard: standards/de.yaml\n', 'standards/de.yaml': SECRETS }), staysInside: async (path: string) => !path.startsWith('standards/') };
    const untrusted = await loadProject(ws, { outside: 'refuse' });
    expect(untrusted.standard.id).toBe('ST1398');
    expect(untrusted.problems).toEqual([expect.objectContaining({ line: 1, message: expect.stringMatching(/^using the bundled ST1398: the standard standards\/de\.yaml is outside the workspace folder/) })]);
    const trusted = await loadProject(ws, { outside: 'readWithoutDetails' });
    expect(trusted.problems.map((p) => p.message).join('\n')).not.toMatch(/aws|database/);
  });

  it('a config that is a link out of the folder: not read untrusted (defaults apply), never echoed trusted', async () => {
    const files = { '.ksb-evidence.yaml': 'aws_secret_access_key: wJalrXUtnFEMI\nminWords: 100\n' };
    const ws = { ...memoryWorkspace(files), staysInside: async (path: string) => path !== '.ksb-evidence.yaml' };
    const untrusted = await loadProject(ws, { outside: 'refuse' });
    expect(ws.read).toEqual([]);
    expect(untrusted.config.minWords).toBe(40);
    expect(untrusted.problems).toEqual([{ file: '.ksb-evidence.yaml', line: 1, column: 1, severity: 'warning', message: expect.stringMatching(/^not read, so the defaults apply: this file is a link to a file outside the workspace folder/) }]);
    const trusted = await loadProject(ws, { outside: 'readWithoutDetails' });
    expect(trusted.config.minWords).toBe(100);
    expect(trusted.problems).toEqual([{ file: '.ksb-evidence.yaml', line: 1, column: 1, severity: 'warning', message: 'not a valid setting at this line (the details of a file outside the workspace are not shown)' }]);
  });

  it('the CLI reads what its user names, with every detail', async () => {
    const ws = memoryWorkspace({ '.ksb-evidence.yaml': CONFIG, '/home/me/.config/secrets.yaml': SECRETS });
    const project = await loadProject(ws);
    expect(project.problems.map((p) => p.message).join('\n')).toMatch(/aws_secret_access_key|`id`|ksbs/);
  });

  it('a standard inside the folder is read in an untrusted workspace, with its problems in full', async () => {
    const ws = memoryWorkspace({ '.ksb-evidence.yaml': 'standard: standards/de.yaml\n', 'standards/de.yaml': 'id: ST0800\ntitle: Data engineer\nksbs: K1\n' });
    const project = await loadProject(ws, { outside: 'refuse' });
    expect(project.problems).toContainEqual(expect.objectContaining({ file: 'standards/de.yaml', line: 3, message: expect.stringMatching(/`ksbs` must be a non-empty list/) }));
  });

  it.each([
    ['/etc/standard.yaml', true],
    ['C:\\Users\\me\\standard.yaml', true],
    ['../standard.yaml', true],
    ['..', true],
    ['standards/custom.yaml', false],
    ['..standards/custom.yaml', false],
  ])('%s is outside: %s', (path, outside) => expect(isOutsideWorkspace(path)).toBe(outside));
});

describe('config messages', () => {
  it.each([
    ['minWords: many\n', /`minWords` must be a number of zero or more; using the default 40 instead/],
    ['wordLimit: five thousand\n', /`wordLimit` must be a number of zero or more; using the standard's word limit instead/],
    ['wordTolerancePercent: -1\n', /using the standard's tolerance instead/],
    ['report: [1, 2]\n', /`report` must be a glob .*; using the default \["\*\*\/\*report\*", "\*\*\/report\/\*\*"\] instead/],
    ['ignore:\n', /`ignore` has no value; using the default \(none\) instead/],
    ['standard: [ST1398]\n', /; using the default ST1398 instead/],
    ['excludedHeadings: References\n', /using the default \[Abstract, Contents, Table of contents, .*References.*\] instead/],
  ])('a wrong value says which default is used: %s', (text, message) => {
    const { problems } = parseConfig(text, '.ksb-evidence.yaml');
    expect(problems[0].message).toMatch(message);
  });

  it('a mistyped key carries the rename a quick fix makes, on the key itself', () => {
    const { problems } = parseConfig('standard: ST1398\n  \nword_limit: 4500\n', '.ksb-evidence.yaml');
    expect(problems).toEqual([expect.objectContaining({ line: 3, column: 1, replacement: { length: 10, text: 'wordLimit' } })]);
  });

  it('a key like nothing known has no fix', () => {
    expect(parseConfig('colour: blue\n', '.ksb-evidence.yaml').problems[0].replacement).toBeUndefined();
  });

  it('a long message is cut at a clause for a notification, never mid-word', () => {
    const long = '`report`: bad glob "report/[draft": Missing closing: "]"; using the default ["**/*report*", "**/report/**"] instead';
    expect(shortMessage(long, 80)).toBe('`report`: bad glob "report/[draft": Missing closing: "]" (more in Problems)');
    expect(shortMessage('`minWords` must be a number of zero or more', 80)).toBe('`minWords` must be a number of zero or more');
    expect(shortMessage('word '.repeat(40).trim(), 23)).toBe('word word word word…');
  });
});

describe('the new config file of Open Project Settings', () => {
  it('changes nothing until a line is uncommented: its settings are the defaults', () => {
    const template = configTemplate(bundledStandard()!);
    const { config, problems } = parseConfig(template, '.ksb-evidence.yaml');
    expect(problems).toEqual([]);
    expect(config).toEqual(parseConfig('', '.ksb-evidence.yaml').config);
  });

  it('each commented line, uncommented, is a valid setting at its default (the limit from the standard)', () => {
    const template = configTemplate(bundledStandard()!);
    const uncommented = template.replace(/^# (\w+: .*)$/gm, '$1');
    const { config, problems } = parseConfig(uncommented, '.ksb-evidence.yaml');
    expect(problems).toEqual([]);
    const defaults = parseConfig('', '.ksb-evidence.yaml').config;
    expect(config).toEqual({ ...defaults, wordLimit: 5000, wordTolerancePercent: 10 });
    expect(template).toMatch(/^# wordLimit: 5000$/m);
  });
});
