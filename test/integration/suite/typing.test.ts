// Typing into a 10,000-word evidence document: the extension host is never held for long while
// the document is analysed again, its diagnostics redone and the other files' passes run.
import * as assert from 'node:assert/strict';
import { rmSync, writeFileSync } from 'node:fs';
import * as vscode from 'vscode';
import { activateExtension, diagnosticsOf, fileUri, lagSampler, type TestApi } from './helpers';

const PATH = 'portfolio/typing-10000-words.md';
const PROSE = 'We monitored the deployed model for drift each week and reviewed the alerts with the data team before retraining it on the newer labelled sample ';

/** 40 tagged sections of 250 words, and one untagged at the end (its warning shows its words). */
function document(): string {
  const words = PROSE.trim().split(' ');
  const paragraph = Array.from({ length: 250 }, (_, i) => words[i % words.length]).join(' ');
  const sections = Array.from({ length: 40 }, (_, i) => `## Section ${i + 1} [K${(i % 31) + 1}]\n\n${paragraph}.\n`);
  return `# A long portfolio piece [S3]\n\n${sections.join('\n')}\n## Reflection\n\n${paragraph}.\n`;
}

suite('typing in a 10,000-word document', () => {
  let api: TestApi;

  suiteSetup(async function () {
    if ((vscode.workspace.workspaceFolders ?? []).length !== 1) this.skip(); // the multi-root pass
    api = await activateExtension();
    await api.service.ensureIndexed();
  });

  test('each keystroke is answered promptly, and the diagnostics follow', async function () {
    this.timeout(60_000);
    const uri = fileUri(PATH);
    writeFileSync(uri.fsPath, document());
    try {
      const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
      const untagged = (d: vscode.Diagnostic[]) => d.find((x) => x.code === 'untagged-section')?.message.match(/has (\d+) words/)?.[1];
      const before = Number(untagged(await diagnosticsOf(uri, (d) => untagged(d) !== undefined, 'the Reflection section to be untagged')));
      assert.equal(before, 250, 'the untagged section counts its 250 words');

      // event-loop lag of the extension host while typing, at 1 ms resolution
      const lag = lagSampler(1);
      const end = editor.document.lineAt(editor.document.lineCount - 2).range.end; // the paragraph's last line, before its full stop
      const typed = ' and then wrote it up';
      const t0 = performance.now();
      for (let i = 0; i < typed.length; i++) await editor.edit((b) => b.insert(end.translate(0, i - 1), typed[i]), { undoStopBefore: false, undoStopAfter: false });
      const typingMs = performance.now() - t0;
      const after = await diagnosticsOf(uri, (d) => untagged(d) === String(before + 5), 'the warning to count the five words typed');
      const maxLag = await lag.max();
      lag.stop();
      (this.test as { title: string }).title += ` [${typed.length} keystrokes in ${typingMs.toFixed(0)} ms; max extension-host lag ${maxLag.toFixed(1)} ms]`;
      assert.ok(after.length > 0);
      // VS Code's own work shares the host (document sync, other extensions, GC; 13-56 ms on
      // fresh-clone runs here, and CI machines are slower): the bound catches a pass of ours
      // that holds the host for long; the title has the figure
      assert.ok(maxLag < 200, `the extension host was blocked for ${maxLag.toFixed(1)} ms while typing`);
    } finally {
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
      rmSync(uri.fsPath, { force: true });
    }
  });
});
