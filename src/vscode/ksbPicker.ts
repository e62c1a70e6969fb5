import * as vscode from 'vscode';

export type KsbPickItem = vscode.QuickPickItem & { code?: string };

/**
 * A quick pick of KSBs where several can be ticked; Enter with none ticked takes the highlighted
 * one (showQuickPick's many-pick would return nothing). Resolves to the codes, or undefined when
 * dismissed.
 */
export function pickKsbs(items: KsbPickItem[], options: { title: string; placeholder: string }): Promise<string[] | undefined> {
  const pick = vscode.window.createQuickPick<KsbPickItem>();
  pick.items = items;
  pick.canSelectMany = true;
  pick.matchOnDescription = true;
  pick.title = options.title;
  pick.placeholder = options.placeholder;
  return new Promise((resolve) => {
    let chosen: string[] | undefined;
    const subscriptions = [
      pick.onDidAccept(() => {
        const taken = pick.selectedItems.length ? pick.selectedItems : pick.activeItems;
        chosen = taken.map((i) => i.code).filter((c): c is string => c !== undefined);
        pick.hide();
      }),
      pick.onDidHide(() => {
        for (const s of subscriptions) s.dispose();
        pick.dispose();
        resolve(chosen);
      }),
    ];
    pick.show();
    // a row is highlighted from the start (a many-pick otherwise has none), so Enter always has one to take
    const first = items.find((i) => i.code !== undefined);
    if (first) pick.activeItems = [first];
  });
}
