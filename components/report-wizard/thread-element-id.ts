/** Element id of a review thread, for the cell markers' 查看批注 links. */
export function threadElementId(threadId: string): string {
  return `comment-thread-${threadId}`;
}
