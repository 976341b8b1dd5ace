/** Unpublished, unknown and malformed addresses all look the same: the report is not public. */
export default function PublicNotFound() {
  return (
    <div className="mx-auto max-w-xl space-y-4 py-16 text-center">
      <p className="text-5xl font-semibold text-muted-foreground" aria-hidden="true">
        404
      </p>
      <h1 className="text-2xl font-semibold">找不到该报告</h1>
      <p className="text-muted-foreground">该年度报告尚未发布，或者网址有误。请核对网址中的机关和年度。</p>
    </div>
  );
}
