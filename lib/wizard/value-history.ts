/*
 * Value-level undo and redo for a table (issue 13.2): an entry is what one edit changed — a
 * cell's value from when it was focused to when it was left, a paste, 「空白单元格填 0」 — not a
 * keystroke. Undo puts every cell of the last entry back to its value before, redo to its value
 * after; a new edit after an undo drops what could have been redone, as in Excel.
 */

export interface ValueChange {
  key: string;
  before: unknown;
  after: unknown;
}

export interface HistoryEntry {
  /** What the edit was, for the button and the announcement: 输入, 粘贴, 空白填 0. */
  label: string;
  changes: ValueChange[];
}

/** Values as compared: blank (null, undefined, "") is one value. */
export function sameValue(a: unknown, b: unknown): boolean {
  const blank = (v: unknown) => v === null || v === undefined || v === "";
  return blank(a) ? blank(b) : Object.is(a, b);
}

export class ValueHistory {
  private done: HistoryEntry[] = [];
  private undone: HistoryEntry[] = [];

  constructor(private readonly limit = 100) {}

  /** Records an edit; changes that changed nothing are left out, and an edit that changed nothing is no entry. */
  record(label: string, changes: ValueChange[]): HistoryEntry | undefined {
    const real = changes.filter((c) => !sameValue(c.before, c.after));
    if (real.length === 0) return undefined;
    const entry = { label, changes: real };
    this.done.push(entry);
    if (this.done.length > this.limit) this.done.shift();
    this.undone = [];
    return entry;
  }

  /** The entry undone (apply each change's `before`), or undefined when there is none. */
  undo(): HistoryEntry | undefined {
    const entry = this.done.pop();
    if (entry) this.undone.push(entry);
    return entry;
  }

  /** The entry redone (apply each change's `after`), or undefined when there is none. */
  redo(): HistoryEntry | undefined {
    const entry = this.undone.pop();
    if (entry) this.done.push(entry);
    return entry;
  }

  /** The label of what Undo would undo. */
  get undoLabel(): string | undefined {
    return this.done.at(-1)?.label;
  }

  get redoLabel(): string | undefined {
    return this.undone.at(-1)?.label;
  }
}
