import * as vscode from 'vscode';
import type { EvidencePlace, KsbCoverage } from '../core/coverage';
import { formatMarkdown } from '../core/format';
import { codeAt } from '../core/query';
import { CATEGORIES, CATEGORY_LABELS, shortText, type Category } from '../core/standard';
import type { EvidenceService, FolderIndex } from './evidenceService';
import { escapeMarkdown } from './hover';

export const VIEW_ID = 'ksbEvidence.coverage';

type Node =
  | { type: 'folder'; key: string; folder: FolderIndex }
  | { type: 'category'; key: string; folder: FolderIndex; category: Category }
  | { type: 'ksb'; key: string; folder: FolderIndex; code: string }
  | { type: 'place'; key: string; folder: FolderIndex; place: EvidencePlace; code: string }
  | { type: 'file'; key: string; folder: FolderIndex; path: string };

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

  constructor(private readonly service: EvidenceService) {}

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
      await Promise.all(this.folders.map((f) => f.coverageInSlices()));
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
    if (this.groupByFile) {
      const files = (await folder.coverageInSlices()).files.filter((f) => !this.onlyGaps || f.tags === 0);
      return files.map((f) => this.node({ type: 'file', key: `file:${folder.name}:${f.path}`, folder, path: f.path }));
    }
    return CATEGORIES.filter((c) => folder.project.standard.ksbs.some((k) => k.category === c)).map((category) =>
      this.node({ type: 'category', key: `c:${folder.name}:${category}`, folder, category }),
    );
  }

  getParent(element: Node): Node | undefined {
    switch (element.type) {
      case 'category':
      case 'file':
        return this.folders.length > 1 ? this.nodes.get(`f:${element.folder.name}`) : undefined;
      case 'ksb': {
        const ksb = element.folder.project.standard.byCode.get(element.code);
        return ksb ? this.nodes.get(`c:${element.folder.name}:${ksb.category}`) : undefined;
      }
      case 'place':
        return this.groupByFile ? this.nodes.get(`file:${element.folder.name}:${element.place.path}`) : this.nodes.get(`k:${element.folder.name}:${element.code}`);
      default:
        return undefined;
    }
  }

  getTreeItem(element: Node): vscode.TreeItem {
    const coverage = element.folder.shownCoverage();
    const standard = element.folder.project.standard;
    switch (element.type) {
      case 'folder': {
        const item = new vscode.TreeItem(element.folder.name, vscode.TreeItemCollapsibleState.Expanded);
        item.description = `${coverage.summary.covered}/${coverage.summary.total} · ${standard.id}`;
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
      case 'ksb': {
        const k = coverage.ksbs.find((x) => x.code === element.code)!;
        const ksb = standard.byCode.get(element.code)!;
        const item = new vscode.TreeItem(element.code, k.evidence.length ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
        item.description = `${shortText(ksb.text, 48)} · R ${k.counts.report} · P ${k.counts.portfolio}`;
        const tooltip = new vscode.MarkdownString(`**${k.code}** · ${CATEGORY_LABELS[ksb.category]}\n\n`);
        tooltip.appendMarkdown(escapeMarkdown(ksb.text));
        tooltip.appendMarkdown(`\n\n${statusText(k)}`);
        item.tooltip = tooltip;
        item.iconPath = ksbIcon(k);
        item.id = element.key;
        item.contextValue = k.covered ? 'ksb.covered' : 'ksb.missing';
        item.accessibilityInformation = { label: `${k.code}, ${statusText(k)}` };
        return item;
      }
      case 'place': {
        const p = element.place;
        const item = new vscode.TreeItem(this.groupByFile ? element.code : `${p.path}:${p.line}`, vscode.TreeItemCollapsibleState.None);
        item.description = this.groupByFile ? `line ${p.line}${p.section ? ` · ${p.section}` : ''}` : p.section || p.kind;
        item.iconPath = new vscode.ThemeIcon(p.kind === 'report' ? 'book' : p.kind === 'portfolio' ? 'briefcase' : 'file');
        item.tooltip = `${p.path}:${p.line}${p.section ? `\n${p.section}` : ''}\n(${p.kind})`;
        const uri = element.folder.workspace.uri(p.path);
        item.resourceUri = uri;
        item.command = { command: 'vscode.open', title: 'Open', arguments: [uri, { selection: new vscode.Range(p.line - 1, 0, p.line - 1, 0) }] };
        item.id = element.key;
        return item;
      }
      case 'file': {
        const f = coverage.files.find((x) => x.path === element.path)!;
        const item = new vscode.TreeItem(element.path, f && f.tags ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
        const codes = new Set(coverage.ksbs.filter((k) => k.evidence.some((p) => p.path === element.path)).map((k) => k.code));
        item.description = `${f?.kind ?? ''} · ${codes.size} KSBs · ${(f?.words ?? 0).toLocaleString('en-GB')} words`;
        item.resourceUri = element.folder.workspace.uri(element.path);
        item.iconPath = vscode.ThemeIcon.File;
        item.id = element.key;
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

function ksbIcon(k: KsbCoverage): vscode.ThemeIcon {
  if (k.counts.report && k.counts.portfolio) return new vscode.ThemeIcon('check-all', new vscode.ThemeColor('testing.iconPassed'));
  if (k.covered) return new vscode.ThemeIcon('check', new vscode.ThemeColor('charts.yellow'));
  return new vscode.ThemeIcon('circle-large-outline', new vscode.ThemeColor('errorForeground'));
}

/** The view, its toolbar commands, the badge and *Reveal in coverage*. */
export function registerCoverageTree(service: EvidenceService): vscode.Disposable & { tree: CoverageTree } {
  const tree = new CoverageTree(service);
  const view = vscode.window.createTreeView(VIEW_ID, { treeDataProvider: tree, showCollapseAll: true });
  const setContext = () => {
    void vscode.commands.executeCommand('setContext', 'ksbEvidence.onlyGaps', tree.onlyGaps);
    void vscode.commands.executeCommand('setContext', 'ksbEvidence.groupByFile', tree.groupByFile);
  };
  const updateBadge = async () => {
    if (!service.isIndexed) return;
    await service.ensureIndexed();
    const folders = await service.workspaceFolders();
    const missing = folders.reduce((n, f) => n + f.missingCount(), 0); // not coverage(): for 20,000 files that is 20-70 ms after every change
    view.badge = missing > 0 ? { value: missing, tooltip: `${missing} KSB${missing === 1 ? '' : 's'} not yet evidenced` } : undefined;
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
    view,
    service.onDidChange(refresh),
    service.onDidChangeProject(refresh),
    view.onDidChangeVisibility((e) => {
      if (e.visible) void service.ensureIndexed().then(refresh);
    }),
    vscode.commands.registerCommand('ksbEvidence.showOnlyGaps', toggle('onlyGaps', true)),
    vscode.commands.registerCommand('ksbEvidence.showAll', toggle('onlyGaps', false)),
    vscode.commands.registerCommand('ksbEvidence.groupByFile', toggle('groupByFile', true)),
    vscode.commands.registerCommand('ksbEvidence.groupByKsb', toggle('groupByFile', false)),
    vscode.commands.registerCommand('ksbEvidence.refresh', () => service.reindex().then(refresh)),
    vscode.commands.registerCommand('ksbEvidence.exportMapping', async () => {
      await service.ensureIndexed();
      const folders = await service.workspaceFolders();
      const content = folders.map((f) => formatMarkdown(f.coverage(), f.project.standard)).join('\n');
      const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content });
      await vscode.window.showTextDocument(doc);
      return doc;
    }),
    vscode.commands.registerCommand('ksbEvidence.revealInCoverage', async (code?: string) => {
      const editor = vscode.window.activeTextEditor;
      if (!code && editor) {
        const info = await service.analyze(editor.document);
        const found = codeAt(info.analysis, editor.selection.active.line, editor.selection.active.character);
        code = found?.ref?.codes[0] ?? (found?.valid ? found.code : undefined);
      }
      if (!code) {
        void vscode.window.showInformationMessage('KSB Evidence: put the cursor on a KSB code, such as K5, to reveal it in the coverage view.');
        return false;
      }
      await service.ensureIndexed();
      tree.groupByFile = false;
      tree.onlyGaps = false;
      setContext();
      const node = editor ? await tree.ksbNode(editor.document.uri, code) : undefined;
      if (!node) return false;
      await view.reveal(node, { select: true, focus: true, expand: true });
      return true;
    }),
  );
  return Object.assign(disposable, { tree });
}
