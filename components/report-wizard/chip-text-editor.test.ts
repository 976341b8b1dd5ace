// @vitest-environment jsdom
import { describe, expect, it } from "vitest";
import { selectInEditor, serializeEditor } from "./chip-text-editor";

function editor(html: string): HTMLElement {
  const root = document.createElement("div");
  root.innerHTML = html;
  document.body.replaceChildren(root);
  return root;
}

describe("serializeEditor", () => {
  it("reads chips back as their references, whatever value they show", () => {
    const root = editor('本年共收到申请<span data-ref="requests.received.total" contenteditable="false">49</span>件。');
    expect(serializeEditor(root)).toBe("本年共收到申请{{requests.received.total}}件。");
  });

  it("reads <br> and the blocks a browser may make as line breaks, and ignores the end marker", () => {
    expect(serializeEditor(editor("一是…<br>二是…"))).toBe("一是…\n二是…");
    expect(serializeEditor(editor("一是…<div>二是…</div><div>三是…</div>"))).toBe("一是…\n二是…\n三是…");
    expect(serializeEditor(editor('一是…\n<br data-end="1">'))).toBe("一是…\n");
    expect(serializeEditor(editor("a\u00a0b"))).toBe("a b");
  });
});

describe("selectInEditor", () => {
  it("selects a quoted sentence as it reads, across text and chips", () => {
    const root = editor('本年共收到申请<span data-ref="requests.received.total" contenteditable="false">49</span>件。予以公开3件。');
    expect(selectInEditor(root, "申请49件")).toBe(true);
    expect(window.getSelection()?.toString()).toBe("申请49件");
    expect(selectInEditor(root, "不存在的句子")).toBe(false);
  });
});
