import * as vscode from 'vscode';
import type { CoverageReport, EvidencePlace, KsbCoverage } from '../core/coverage';
import { CATEGORIES, CATEGORY_LABELS, shortText, type Category } from '../core/standard';
import { countsInWords } from '../core/wording';
import type { EvidenceService, FolderIndex } from './evidenceService';
import { registerCoverageCommands, TAG_WITH_COMMAND } from './coverageCommands';
import { escapeMarkdown } from './hover';

export const VIEW_ID = 'ksbEvidence.coverage';

type Node =
  | { type: 'folder'; key: string; folder: FolderIndex }
  | { type: 'category'; key: string; folder: FolderIndex; category: Category }
  | { type: 'ksb'; key: string; folder: FolderIndex; code: string }
  | { type: 'place'; key: string; folder: FolderIndex; place: EvidencePlace; code: string }
  | { type: 'file'; key: string; folder: FolderIndex; path: string }
  | { type: 'untaggedGroup'; key: string; folder: FolderIndex }
  | { type: 'dutyGroup'; key: string; folder: FolderIndex }
  | { type: 'duty'; key: string; folder: FolderIndex; code: string }
  | { type: 'untagged'; key: string; folder: FolderIndex; entry: CoverageReport['untagged'][number] };

export type CoverageNode = Node;

/**
 * Every KSB of the standard across the workspace: evidenced where, and what is still missing.
 * Nodes are cached by key so `reveal` finds the same objects again.
 */
export class CoverageTree implements vscode.TreeDataProvider<Node>, vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<Node | undefined>();
  readonly onDidChangeTreeData = this.emitter.event;
  private readonly nodes = new Map<string, Node>();
  private folders: FolderIndex[] = [];
  onlyGaps = false;
  groupByFile = false;

  /** `onSummary` hears the overall count each time the view's top level is built. */
  constructor(
    private readonly service: EvidenceService,
    private readonly onSummary: (covered: number, total: number) => void = () => {},
  ) {}

  dispose(): void {
    this.emitter.dispose();
  }

  refresh(): void {
    this.emitter.fire(undefined);
  }

  private node<T extends Node>(n: T): T {
    const existing = this.nodes.get(n.key) as T | undefined;
    if (existing && existing.folder === n.folder) return existing;
    this.nodes.set(n.key, n);
    return n;
  }

  async getChildren(element?: Node): Promise<Node[]> {
    if (!element) {
      await this.service.ensureIndexed();
      this.folders = await this.service.workspaceFolders();
      await vscode.commands.executeCommand('setContext', 'ksbEvidence.noEvidence', this.folders.every((f) => f.documents.size === 0));
      if (this.folders.every((f) => f.documents.size === 0)) return [];
      // built in slices before the items ask for it (getTreeItem cannot wait)
      const all = await Promise.all(this.folders.map((f) => f.coverageInSlices()));
      this.onSummary(all.reduce((n, c) => n + c.summary.covered, 0), all.reduce((n, c) => n + c.summary.total, 0));
      if (this.folders.length > 1) return this.folders.map((folder) => this.node({ type: 'folder', key: `f:${folder.name}`, folder }));
      return this.folders[0] ? this.rootOf(this.folders[0]) : [];
    }
    const coverage = await element.folder.coverageInSlices();
    const prefix = element.folder.name;
    switch (element.type) {
      case 'folder':
        return this.rootOf(element.folder);
      case 'category':
        return coverage.ksbs
          .filter((k) => k.category === element.category && (!this.onlyGaps || !k.covered))
          .map((k) => this.node({ type: 'ksb', key: `k:${prefix}:${k.code}`, folder: element.folder, code: k.code }));
      case 'ksb': {
        const k = coverage.ksbs.find((x) => x.code === element.code);
        return (k?.evidence ?? []).map((place, i) => this.node({ type: 'place', key: `p:${prefix}:${element.code}:${i}`, folder: element.folder, place, code: element.code }));
      }
      case 'dutyGroup':
        return (coverage.duties ?? [])
          .filter((d) => !this.onlyGaps || !d.covered)
          .map((d) => this.node({ type: 'duty', key: `d:${prefix}:${d.code}`, folder: element.folder, code: d.code }));
      case 'duty': {
        const d = coverage.duties?.find((x) => x.code === element.code);
        return (d?.evidence ?? []).map((place, i) => this.node({ type: 'place', key: `p:${prefix}:${element.code}:${i}`, folder: element.folder, place, code: element.code }));
      }
      case 'untaggedGroup':
        return coverage.untagged.map((entry) => this.node({ type: 'untagged', key: `u:${prefix}:${entry.path}:${entry.line}`, folder: element.folder, entry }));
      case 'file': {
        const places: Node[] = [];
        for (const k of coverage.ksbs)
          k.evidence.forEach((place, i) => {
            if (place.path === element.path) places.push(this.node({ type: 'place', key: `fp:${prefix}:${place.path}:${k.code}:${i}`, folder: element.folder, place, code: k.code }));
          });
        return places.sort((a, b) => (a as { place: EvidencePlace }).place.line - (b as { place: EvidencePlace }).place.line);
      }
      default:
        return [];
    }
  }

  private async rootOf(folder: FolderIndex): Promise<Node[]> {
    const coverage = await folder.coverageInSlices();
    const untagged = coverage.untagged.length ? [this.node({ type: 'untaggedGroup', key: `ug:${folder.name}`, folder })] : [];
    if (this.groupByFile) {
      const files = coverage.files.filter((f) => !this.onlyGaps || f.tags === 0);
      return [...files.map((f) => this.node({ type: 'file', key: `file:${folder.name}:${f.path}`, folder, path: f.path })), ...untagged];
    }
    const categories = CATEGORIES.filter((c) => folder.project.standard.ksbs.some((k) => k.category === c)).map((category) =>
      this.node({ type: 'category', key: `c:${folder.name}:${category}`, folder, category }),
    );
    // duties after the KSBs: read and shown, never counted as KSBs
    const duties = coverage.duties?.length ? [this.node({ type: 'dutyGroup', key: `dg:${folder.name}`, folder })] : [];
    return [...categories, ...duties, ...untagged];
  }

  getParent(element: Node): Node | undefined {
    switch (element.type) {
      case 'category':
      case 'file':
      case 'untaggedGroup':
      case 'dutyGroup':
        return this.folders.length > 1 ? this.nodes.get(`f:${element.folder.name}`) : undefined;
      case 'duty':
        return this.nodes.get(`dg:${element.folder.name}`);
      case 'ksb': {
        const ksb = element.folder.project.standard.byCode.get(element.code);
        return ksb ? this.nodes.get(`c:${element.folder.name}:${ksb.category}`) : undefined;
      }
      case 'untagged':
        return this.nodes.get(`ug:${element.folder.name}`);
      case 'place':
        if (this.groupByFile) return this.nodes.get(`file:${element.folder.name}:${element.place.path}`);
        return this.nodes.get(`k:${element.folder.name}:${element.code}`) ?? this.nodes.get(`d:${element.folder.name}:${element.code}`);
      default:
        return undefined;
    }
  }

  getTreeItem(element: Node): vscode.TreeItem {
    const coverage = element.folder.shownCoverage();
    switch (element.type) {
      case 'folder': {
        const item = new vscode.TreeItem(element.folder.name, vscode.TreeItemCollapsibleState.Expanded);
        item.description = `${coverage.summary.covered}/${coverage.summary.total} · ${element.folder.project.standard.id}`;
        item.iconPath = new vscode.ThemeIcon('root-folder');
        item.id = element.key;
        return item;
      }
      case 'category': {
        const { covered, total } = coverage.summary.byCategory[element.category];
        const item = new vscode.TreeItem(CATEGORY_LABELS[element.category], vscode.TreeItemCollapsibleState.Expanded);
        item.description = `${covered}/${total}`;
        item.tooltip = `${CATEGORY_LABELS[element.category]}: ${covered} of ${total} evidenced, ${total - covered} missing`;
        item.iconPath = new vscode.ThemeIcon(covered === total ? 'pass-filled' : 'circle-large-outline', new vscode.ThemeColor(covered === total ? 'testing.iconPassed' : 'list.warningForeground'));
        item.id = element.key;
        item.contextValue = 'category';
        return item;
      }
      case 'ksb':
        return ksbItem(element, coverage);
      case 'place':
        return placeItem(element, this.groupByFile);
      case 'file':
        return fileItem(element, coverage);
      case 'untaggedGroup': {
        const item = new vscode.TreeItem('Sections with no KSB tag', vscode.TreeItemCollapsibleState.Collapsed);
        item.description = String(coverage.untagged.length);
        item.tooltip = 'Sections with enough prose to need a tag and none yet. Click one to open it; tag it, or mark it <!-- ksb-ignore -->.';
        item.iconPath = new vscode.ThemeIcon('warning', new vscode.ThemeColor('list.warningForeground'));
        item.id = element.key;
        item.contextValue = 'untaggedGroup';
        return item;
      }
      case 'dutyGroup':
        return dutyGroupItem(element, coverage);
      case 'duty':
        return dutyItem(element, coverage);
      case 'untagged': {
        const u = element.entry;
        const item = new vscode.TreeItem(u.heading || '(text before the first heading)', vscode.TreeItemCollapsibleState.None);
        item.description = `${u.path}:${u.line} · ${u.words} words`;
        item.tooltip = `${u.path}:${u.line}\n${u.words} words of prose and no KSB tag`;
        item.iconPath = new vscode.ThemeIcon('note');
        item.command = openAt(element.folder.workspace.uri(u.path), u.line);
        item.id = element.key;
        item.contextValue = 'untagged';
        return item;
      }
    }
  }

  /** The node of a code in the folder of a document, for *Reveal in coverage*. */
  async ksbNode(uri: vscode.Uri, code: string): Promise<Node | undefined> {
    const folder = await this.service.folderOf(uri);
    if (!folder.project.standard.byCode.has(code)) return undefined;
    if (this.folders.length === 0) await this.getChildren();
    const ksb = folder.project.standard.byCode.get(code)!;
    if (this.folders.length > 1) this.node({ type: 'folder', key: `f:${folder.name}`, folder });
    this.node({ type: 'category', key: `c:${folder.name}:${ksb.category}`, folder, category: ksb.category });
    return this.node({ type: 'ksb', key: `k:${folder.name}:${code}`, folder, code });
  }
}

function statusText(k: KsbCoverage): string {
  if (!k.covered) return 'Not yet evidenced';
  const where = [k.counts.report && `report ${k.counts.report}`, k.counts.portfolio && `portfolio ${k.counts.portfolio}`, k.counts.other && `other ${k.counts.other}`].filter(Boolean).join(', ');
  return `Evidenced in ${k.evidence.length} place${k.evidence.length === 1 ? '' : 's'} (${where})`;
}

/** The open command of a row that goes to a line (1-based) of a file. */
function openAt(uri: vscode.Uri, line: number): vscode.Command {
  return { command: 'vscode.open', title: 'Open', arguments: [uri, { selection: new vscode.Range(line - 1, 0, line - 1, 0) }] };
}

function ksbItem(element: Extract<Node, { type: 'ksb' }>, coverage: CoverageReport): vscode.TreeItem {
  const k = coverage.ksbs.find((x) => x.code === element.code)!;
  const ksb = element.folder.project.standard.byCode.get(element.code)!;
  const item = new vscode.TreeItem(element.code, k.evidence.length ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
  // the counts first: the description is cut at the view's width
  item.description = `${countsInWords(k.counts)} · ${shortText(ksb.text, 48)}`;
  const tooltip = new vscode.MarkdownString(`**${k.code}** · ${CATEGORY_LABELS[ksb.category]}\n\n`);
  tooltip.appendMarkdown(escapeMarkdown(ksb.text));
  tooltip.appendMarkdown(`\n\n${statusText(k)}${k.covered ? '' : '. Click to tag the section at your cursor with it.'}`);
  item.tooltip = tooltip;
  item.iconPath = ksbIcon(k);
  item.id = element.key;
  item.contextValue = k.covered ? 'ksb.covered' : 'ksb.missing';
  if (!k.covered) item.command = { command: TAG_WITH_COMMAND, title: 'Tag the Current Section', arguments: [element.code] };
  item.accessibilityInformation = { label: `${k.code}, ${statusText(k)}` };
  return item;
}

/** An evidence place: no resourceUri, so the file's problems do not decorate every piece of evidence in it. */
function placeItem(element: Extract<Node, { type: 'place' }>, groupByFile: boolean): vscode.TreeItem {
  const p = element.place;
  const item = new vscode.TreeItem(groupByFile ? element.code : `${p.path}:${p.line}`, vscode.TreeItemCollapsibleState.None);
  item.description = groupByFile ? `line ${p.line}${p.section ? ` · ${p.section}` : ''}` : p.section || p.kind;
  item.iconPath = new vscode.ThemeIcon(p.kind === 'report' ? 'book' : p.kind === 'portfolio' ? 'briefcase' : 'file');
  item.tooltip = `${p.path}:${p.line}${p.section ? `\n${p.section}` : ''}\n(${p.kind})`;
  item.command = openAt(element.folder.workspace.uri(p.path), p.line);
  item.id = element.key;
  item.contextValue = 'place';
  return item;
}

function fileItem(element: Extract<Node, { type: 'file' }>, coverage: CoverageReport): vscode.TreeItem {
  const f = coverage.files.find((x) => x.path === element.path);
  const item = new vscode.TreeItem(element.path, f && f.tags ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
  const codes = new Set(coverage.ksbs.filter((k) => k.evidence.some((p) => p.path === element.path)).map((k) => k.code));
  item.description = `${f?.kind ?? ''} · ${codes.size} KSBs · ${(f?.words ?? 0).toLocaleString('en-GB')} words`;
  item.iconPath = new vscode.ThemeIcon(f?.kind === 'portfolio' ? 'briefcase' : f?.kind === 'report' ? 'book' : 'markdown');
  item.command = openAt(element.folder.workspace.uri(element.path), 1);
  item.id = element.key;
  item.contextValue = 'file';
  return item;
}

function dutyGroupItem(element: Extract<Node, { type: 'dutyGroup' }>, coverage: CoverageReport): vscode.TreeItem {
  const duties = coverage.duties ?? [];
  const covered = duties.filter((d) => d.covered).length;
  const item = new vscode.TreeItem('Duties', vscode.TreeItemCollapsibleState.Collapsed);
  item.description = `${covered}/${duties.length}`;
  item.tooltip = `Duties of ${element.folder.project.standard.id}: ${covered} of ${duties.length} tagged. Duties are shown beside the KSBs and never counted as KSBs.`;
  item.iconPath = new vscode.ThemeIcon('briefcase');
  item.id = element.key;
  item.contextValue = 'dutyGroup';
  return item;
}

function dutyItem(element: Extract<Node, { type: 'duty' }>, coverage: CoverageReport): vscode.TreeItem {
  const d = coverage.duties?.find((x) => x.code === element.code);
  const text = element.folder.project.standard.duties?.find((x) => x.code === element.code)?.text ?? '';
  const n = d?.evidence.length ?? 0;
  const item = new vscode.TreeItem(element.code, n ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
  item.description = `${n ? `${n} place${n === 1 ? '' : 's'}` : 'not tagged'} · ${shortText(text, 48)}`;
  item.tooltip = new vscode.MarkdownString(`**${element.code}** · Duty\n\n${escapeMarkdown(text)}`);
  item.iconPath = new vscode.ThemeIcon(n ? 'check' : 'circle-large-outline');
  item.id = element.key;
  item.contextValue = 'duty';
  return item;
}

function ksbIcon(k: KsbCoverage): vscode.ThemeIcon {
  if (k.counts.report && k.counts.portfolio) return new vscode.ThemeIcon('check-all', new vscode.ThemeColor('testing.iconPassed'));
  if (k.covered) return new vscode.ThemeIcon('check', new vscode.ThemeColor('charts.yellow'));
  return new vscode.ThemeIcon('circle-large-outline', new vscode.ThemeColor('errorForeground'));
}

/** The view, its toolbar and row commands, the badge and the overall count. */
export function registerCoverageTree(service: EvidenceService): vscode.Disposable & { tree: CoverageTree } {
  let view: vscode.TreeView<Node> | undefined;
  const tree = new CoverageTree(service, (covered, total) => {
    // a line at the top of the view: the title bar's description is cut off at the default width
    if (view) view.message = `${covered} of ${total} KSBs evidenced${covered < total ? `, ${total - covered} missing` : ''}`;
  });
  view = vscode.window.createTreeView(VIEW_ID, { treeDataProvider: tree, showCollapseAll: true });
  const shown = view;
  const setContext = () => {
    void vscode.commands.executeCommand('setContext', 'ksbEvidence.onlyGaps', tree.onlyGaps);
    void vscode.commands.executeCommand('setContext', 'ksbEvidence.groupByFile', tree.groupByFile);
  };
  const updateBadge = async () => {
    if (!service.isIndexed) return;
    await service.ensureIndexed();
    const folders = await service.workspaceFolders();
    const missing = folders.reduce((n, f) => n + f.missingCount(), 0); // not coverage(): for 20,000 files that is 20-70 ms after every change
    shown.badge = missing > 0 ? { value: missing, tooltip: `${missing} KSB${missing === 1 ? '' : 's'} not yet evidenced` } : undefined;
  };
  const refresh = () => {
    tree.refresh();
    void updateBadge();
  };
  setContext();
  const toggle = (key: 'onlyGaps' | 'groupByFile', value: boolean) => () => {
    tree[key] = value;
    setContext();
    tree.refresh();
  };
  const disposable = vscode.Disposable.from(
    tree,
    shown,
    service.onDidChange(refresh),
    service.onDidChangeProject(refresh),
    shown.onDidChangeVisibility((e) => {
      if (e.visible) void service.ensureIndexed().then(refresh);
    }),
    vscode.commands.registerCommand('ksbEvidence.showOnlyGaps', toggle('onlyGaps', true)),
    vscode.commands.registerCommand('ksbEvidence.showAll', toggle('onlyGaps', false)),
    vscode.commands.registerCommand('ksbEvidence.groupByFile', toggle('groupByFile', true)),
    vscode.commands.registerCommand('ksbEvidence.groupByKsb', toggle('groupByFile', false)),
    vscode.commands.registerCommand('ksbEvidence.refresh', () => service.reindex().then(refresh)),
    registerCoverageCommands(service, tree, shown, () => {
      tree.groupByFile = false;
      tree.onlyGaps = false;
      setContext();
    }),
  );
  return Object.assign(disposable, { tree });
}
