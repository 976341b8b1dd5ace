import { describe, expect, it } from "vitest";
import { sameValue, ValueHistory } from "./value-history";

describe("ValueHistory", () => {
  it("undoes and redoes whole edits, last first", () => {
    const history = new ValueHistory();
    history.record("输入", [{ key: "a", before: null, after: 12 }]);
    history.record("粘贴", [
      { key: "b", before: 1, after: 2 },
      { key: "c", before: null, after: 3 },
    ]);
    expect(history.undoLabel).toBe("粘贴");
    expect(history.undo()?.changes.map((c) => [c.key, c.before])).toEqual([
      ["b", 1],
      ["c", null],
    ]);
    expect(history.undo()?.changes).toEqual([{ key: "a", before: null, after: 12 }]);
    expect(history.undo()).toBeUndefined();
    expect(history.redo()?.label).toBe("输入");
    expect(history.redoLabel).toBe("粘贴");
  });

  it("drops what could be redone when a new edit is made", () => {
    const history = new ValueHistory();
    history.record("输入", [{ key: "a", before: null, after: 1 }]);
    history.undo();
    history.record("输入", [{ key: "b", before: null, after: 2 }]);
    expect(history.redo()).toBeUndefined();
  });

  it("keeps no entry for an edit that changed nothing, and leaves out unchanged cells", () => {
    const history = new ValueHistory();
    expect(history.record("输入", [{ key: "a", before: null, after: "" }])).toBeUndefined();
    expect(history.record("粘贴", [{ key: "a", before: 1, after: 1 }, { key: "b", before: 1, after: 2 }])?.changes).toEqual([{ key: "b", before: 1, after: 2 }]);
    expect(history.undoLabel).toBe("粘贴");
  });

  it("keeps at most `limit` entries", () => {
    const history = new ValueHistory(2);
    for (let i = 0; i < 3; i++) history.record("输入", [{ key: "a", before: i, after: i + 1 }]);
    expect(history.undo()?.changes[0].after).toBe(3);
    expect(history.undo()?.changes[0].after).toBe(2);
    expect(history.undo()).toBeUndefined();
  });

  it("counts blank values as one", () => {
    expect([sameValue(null, undefined), sameValue("", null), sameValue(0, null), sameValue(0, 0)]).toEqual([true, true, false, true]);
  });
});
