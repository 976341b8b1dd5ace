import type { SourceBlockView, SourceMark, SourceView } from "@/lib/import/source-view";
import { cn } from "@/lib/utils/cn";

const MARK_CLASSES: Record<SourceMark, string> = {
  unplaced: "bg-warning-soft outline outline-1 outline-[#f3d19c]",
  deviation: "bg-info-soft outline outline-1 outline-[#b9cdea]",
};

const MARK_TITLES: Record<SourceMark, string> = { unplaced: "无法对应的内容", deviation: "与官方格式写法不同" };

/** Where a link from the parsed side lands: outlined, so the eye finds it after the jump. */
const TARGET = "scroll-mt-4 target:ring-2 target:ring-ring target:ring-offset-2";

function Block({ block }: { block: SourceBlockView }) {
  if (block.kind === "table") {
    return (
      <div className="space-y-1">
        <p className="text-xs text-muted-foreground">表格 · {block.location}</p>
        {/* The pane itself scrolls both ways (and takes the focus for keyboard scrolling). */}
        <div>
          <table id={block.id} className={cn("w-max border-collapse text-sm", TARGET)}>
            <tbody>
              {block.rows.map((row, r) => (
                <tr key={r}>
                  {row.map((cell, c) => (
                    <td
                      key={c}
                      id={cell.id}
                      colSpan={cell.colSpan}
                      rowSpan={cell.rowSpan}
                      title={cell.mark ? `${cell.location} · ${MARK_TITLES[cell.mark]}` : cell.location}
                      data-mark={cell.mark}
                      className={cn("border border-border px-1.5 py-0.5 align-top", cell.mark && MARK_CLASSES[cell.mark], TARGET)}
                    >
                      {/* A cell as wide as its text up to a limit: the grid scrolls sideways rather than squeezing long labels. */}
                      <div className="max-w-[16em] min-w-[2em] break-words whitespace-pre-wrap">{cell.text}</div>
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </div>
    );
  }
  return (
    <div
      id={block.id}
      data-mark={block.mark}
      title={block.mark ? MARK_TITLES[block.mark] : undefined}
      className={cn("grid grid-cols-[5.5rem_minmax(0,1fr)] gap-x-2 rounded-sm px-1", block.mark && MARK_CLASSES[block.mark], TARGET)}
    >
      <span className="pt-0.5 text-xs text-muted-foreground">{block.location}</span>
      <p className={cn("break-words whitespace-pre-wrap", block.kind === "heading" && "font-semibold")}>{block.text}</p>
    </div>
  );
}

/**
 * The source as the parser read it: headings, paragraphs and table grids in order, each with its
 * location; content without a place in the report is marked amber, labels printed differently
 * blue. The parsed side links here by element id.
 */
export function SourcePane({ source, kindName }: { source: SourceView; kindName: string }) {
  return (
    <section aria-labelledby="import-source-title" className="space-y-3" data-testid="import-source">
      <div className="space-y-1">
        <h2 id="import-source-title" className="text-xl font-semibold">
          原文
        </h2>
        <p className="text-sm text-muted-foreground">
          {kindName}文件按读取顺序列出，左侧为位置。
          <span className="mx-1 inline-block rounded-sm px-1 align-middle text-xs outline outline-1 outline-[#f3d19c] bg-warning-soft">黄色</span>
          为无法对应的内容，
          <span className="mx-1 inline-block rounded-sm px-1 align-middle text-xs outline outline-1 outline-[#b9cdea] bg-info-soft">蓝色</span>
          为与官方格式写法不同的标签或标题。
        </p>
      </div>
      <div className="max-h-[60vh] space-y-1.5 overflow-auto rounded-md border border-border bg-white p-3 leading-relaxed lg:max-h-[calc(100vh-6rem)]" tabIndex={0} aria-label="原文内容">
        {source.blocks.length === 0 ? <p className="text-muted-foreground">未读出任何内容。</p> : source.blocks.map((block) => <Block key={block.id} block={block} />)}
        {source.omitted > 0 && <p className="pt-2 text-sm text-muted-foreground">另有 {source.omitted} 段内容未显示。</p>}
      </div>
    </section>
  );
}
