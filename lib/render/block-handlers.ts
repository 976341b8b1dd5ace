import type { Block } from "../document/types";

/*
 * Block dispatch shared by the three renderers (DOCX, PDF, HTML): each keeps one handler per
 * block type in a `BlockHandlers` map, which the compiler checks is complete, and renders a
 * block through `dispatchBlock`.
 *
 * A block whose type has no handler (a document from a newer model, or a malformed block that
 * reached the renderer at runtime) does not throw: it is reported through the renderer's
 * `onUnknownBlock` option and skipped, so the rest of the report still renders. Without that
 * option the report goes to `console.warn`, so content is never dropped silently.
 */

export type BlockType = Block["type"];

/** The block of one type. */
export type BlockOf<K extends BlockType> = Extract<Block, { type: K }>;

/** One handler per block type, rendering a block to `Out` given the renderer's context `Ctx`. */
export type BlockHandlers<Out, Ctx> = { [K in BlockType]: (block: BlockOf<K>, ctx: Ctx) => Out };

export type RendererName = "html" | "docx" | "pdf";

/** What a renderer reports about a block it skipped because it has no handler for its type. */
export interface UnknownBlock {
  /** The renderer that skipped the block. */
  renderer: RendererName;
  /** Position of the block in `doc.blocks`. */
  index: number;
  /** The block's `type` when it is a string; undefined when the block has none (or is not an object). */
  type: string | undefined;
  /** The block as found. */
  block: unknown;
}

export type OnUnknownBlock = (unknown: UnknownBlock) => void;

/** Options every renderer accepts. */
export interface BlockRenderOptions {
  /**
   * Called once per skipped block, in document order. Defaults to a `console.warn`; pass a
   * function to collect the reports instead (e.g. to show them with the export).
   */
  onUnknownBlock?: OnUnknownBlock;
}

/** A block's `type` when it is a string, whatever the block is. */
function typeOf(block: unknown): string | undefined {
  const type = typeof block === "object" && block !== null ? (block as { type?: unknown }).type : undefined;
  return typeof type === "string" ? type : undefined;
}

/** The default report: a warning naming the renderer, the block's position and its type. */
export function warnUnknownBlock(unknown: UnknownBlock): void {
  const type = unknown.type === undefined ? "without a type" : `of unknown type ${JSON.stringify(unknown.type)}`;
  console.warn(`[gov-report] render-${unknown.renderer}: skipped block ${unknown.index} ${type}`);
}

/** Reports an unknown block at `index` of a document; made once per rendering by `unknownBlockReporter`. */
export type UnknownBlockReporter = (index: number, block: unknown) => void;

/** The reporter a renderer passes to `dispatchBlock`, from the options it was given. */
export function unknownBlockReporter(renderer: RendererName, options: BlockRenderOptions = {}): UnknownBlockReporter {
  const report = options.onUnknownBlock ?? warnUnknownBlock;
  return (index, block) => report({ renderer, index, type: typeOf(block), block });
}

/**
 * Renders `block` (at `index` of the document) with its handler. A block without a handler is
 * passed to `report` and yields undefined; own properties only, so a type such as "toString"
 * does not reach `Object.prototype`.
 */
export function dispatchBlock<Out, Ctx>(
  handlers: BlockHandlers<Out, Ctx>,
  block: Block,
  index: number,
  ctx: Ctx,
  report: UnknownBlockReporter,
): Out | undefined {
  const type = typeOf(block);
  if (type === undefined || !Object.hasOwn(handlers, type)) {
    report(index, block);
    return undefined;
  }
  // Handlers are keyed by type, so the handler found takes this block (TypeScript cannot
  // correlate the union member with the mapped key on its own).
  const handler = handlers[type as BlockType] as (block: Block, ctx: Ctx) => Out;
  return handler(block, ctx);
}
