import type { AnyNode, Element } from "domhandler";
import { parseDocument } from "htmlparser2";

/**
 * A small reader for WordprocessingML: htmlparser2 in XML mode builds the tree; elements are
 * matched by local name (`p` for `w:p`), so documents with other prefixes (ISO 29500 strict)
 * read the same.
 */

export function parseXml(xml: string): AnyNode {
  return parseDocument(xml, { xmlMode: true, decodeEntities: true });
}

export const isElement = (node: AnyNode): node is Element => node.type === "tag";

/** `w:p` → `p`. */
export function localName(el: Element): string {
  const i = el.name.indexOf(":");
  return i < 0 ? el.name : el.name.slice(i + 1);
}

export function elementChildren(node: AnyNode): Element[] {
  const out: Element[] = [];
  if ("children" in node) for (const c of node.children as AnyNode[]) if (isElement(c)) out.push(c);
  return out;
}

export function child(el: Element | undefined, name: string): Element | undefined {
  if (!el) return undefined;
  for (const c of el.children) if (isElement(c) && localName(c) === name) return c;
  return undefined;
}

export function children(el: Element | undefined, name: string): Element[] {
  return el ? elementChildren(el).filter((c) => localName(c) === name) : [];
}

/** An attribute by local name (`w:val` → `val`). */
export function attr(el: Element | undefined, name: string): string | undefined {
  if (!el) return undefined;
  const direct = el.attribs[`w:${name}`];
  if (direct !== undefined) return direct;
  for (const key of Object.keys(el.attribs)) {
    const i = key.indexOf(":");
    if ((i < 0 ? key : key.slice(i + 1)) === name) return el.attribs[key];
  }
  return undefined;
}

/** `w:val` of a child, e.g. `val(pPr, "pStyle")`. */
export function val(el: Element | undefined, name: string): string | undefined {
  return attr(child(el, name), "val");
}

/** An on/off property (`<w:vanish/>`, `<w:vanish w:val="false"/>`). */
export function isOn(el: Element | undefined, name: string): boolean {
  const c = child(el, name);
  if (!c) return false;
  const v = attr(c, "val");
  return v === undefined || !/^(?:0|false|off)$/i.test(v);
}

export function textOf(node: AnyNode): string {
  if (node.type === "text") return node.data;
  if (!("children" in node)) return "";
  let out = "";
  for (const c of node.children as AnyNode[]) out += textOf(c);
  return out;
}

/** The first element with this local name, depth-first. */
export function find(root: AnyNode, name: string): Element | undefined {
  const stack: AnyNode[] = [root];
  while (stack.length) {
    const node = stack.pop()!;
    if (isElement(node) && localName(node) === name) return node;
    const kids = "children" in node ? (node.children as AnyNode[]) : [];
    for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]);
  }
  return undefined;
}
