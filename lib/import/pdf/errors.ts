/**
 * Why a PDF cannot be imported. Each code has a Chinese message for clerks that says what is
 * wrong with the file and what to do instead; the parser never throws anything else for a bad
 * file (an unexpected failure inside pdf.js is reported as `pdf.corrupt`).
 */
export type PdfImportErrorCode =
  /** No text on any page: a scan or a picture of the report. */
  | "pdf.no-text-layer"
  /** Not a PDF, or damaged or cut off. */
  | "pdf.corrupt"
  /** Protected by an open password. */
  | "pdf.encrypted"
  /** Larger than the importer reads. */
  | "pdf.too-large"
  /** Reading took longer than the time limit. */
  | "pdf.timeout";

const MESSAGES: Record<PdfImportErrorCode, string> = {
  "pdf.no-text-layer":
    "该 PDF 没有文字层（可能是扫描件或由图片生成），无法读取其中的文字。请先用文字识别（OCR）软件处理后再导入，或将报告内容复制为文本后按文本导入。",
  "pdf.corrupt": "该文件不是有效的 PDF，或已损坏、不完整（例如下载或上传未完成），无法读取。请重新获取原文件后再导入。",
  "pdf.encrypted": "该 PDF 设有打开密码，无法读取。请先取消密码保护后再导入。",
  "pdf.too-large": "该 PDF 过大，超出了可导入的范围。请确认文件是单份年度报告。",
  "pdf.timeout": "读取该 PDF 超时，文件可能已损坏或结构异常。请重新导出 PDF 后再导入，或将报告内容按文本导入。",
};

export class PdfImportError extends Error {
  readonly code: PdfImportErrorCode;

  constructor(code: PdfImportErrorCode, detail?: string, options?: { cause?: unknown }) {
    super(detail ? `${MESSAGES[code]}（${detail}）` : MESSAGES[code], options);
    this.name = "PdfImportError";
    this.code = code;
  }
}
