import { descriptionIds } from "./cell-helpers";

/**
 * What a screen reader hears with a cell besides its name: the cell's findings and the reviewer's
 * comments. The cell points at them with cellDescribedBy.
 */
export function CellDescriptions({ id, messages, comment }: { id: string; messages: string[]; comment?: string }) {
  const ids = descriptionIds(id);
  return (
    <>
      {messages.length > 0 && (
        <span id={ids.messages} className="sr-only">
          {messages.join(" ")}
        </span>
      )}
      {comment && (
        <span id={ids.comment} className="sr-only">
          {comment}
        </span>
      )}
    </>
  );
}
