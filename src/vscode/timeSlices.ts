/**
 * Long loops over a provider's thousands of files share the extension host with every other
 * extension: `await slices.pause()` inside the loop gives the host back its event loop once
 * about `budgetMs` of work has gone by since the last pause, and costs nothing otherwise.
 */
export class TimeSlices {
  private sliceStart = Date.now();

  constructor(private readonly budgetMs = 10) {}

  /** Whether the current slice has used its budget (then `pause()` would yield). */
  get due(): boolean {
    return Date.now() - this.sliceStart > this.budgetMs;
  }

  async pause(): Promise<void> {
    if (!this.due) return;
    // setTimeout, not setImmediate: timers (other extensions', VS Code's own) run before we go on
    await new Promise((resolve) => setTimeout(resolve, 0));
    this.sliceStart = Date.now();
  }
}
