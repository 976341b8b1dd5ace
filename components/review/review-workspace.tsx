"use client";

import { NOTE_MAX_LENGTH } from "@/lib/comments/limits";
import { useCallback, useEffect, useId, useMemo, useRef, useState, useTransition, type FormEvent, type KeyboardEvent, type MouseEvent, type ReactNode } from "react";
import { addCommentAction } from "@/lib/server/comments/actions";
import { Button } from "@/components/ui/button";
import { Dialog, DialogClose, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { Textarea } from "@/components/ui/textarea";
import type { FormatVersion } from "@/lib/template/types";
import { anchorKey, parseAnchorKey, type Anchor } from "@/lib/comments/anchors";
import { anchorOfElement, elementOfAnchor, fallbackAnchorLabel, type AnchorInfo } from "./anchors";
import { excerpt } from "./audit-labels";
import { CommentPanel } from "./comment-panel";
import type { CommentThreadView } from "@/lib/comments/comment-views";

export interface ReviewWorkspaceProps {
  reportId: string;
  format: FormatVersion;
  /** Commentable places of the rendered report, in reading order (documentAnchors). */
  anchors: AnchorInfo[];
  threads: CommentThreadView[];
  /** Reviewers comment; admins only read. */
  canComment: boolean;
  /** The rendered report (<ReportView idPrefix={REPORT_ID_PREFIX}>), rendered on the server. */
  children: ReactNode;
}

interface Target extends Anchor {
  label: string;
  quote: string;
}

const TARGET_SELECTOR = "td[data-ref], p[id], h2[id], h3[id]";
const HINT_ID = "review-target-hint";
const OPEN_HINT_ID = "review-open-hint";

/**
 * Markers on the rendered report. Open comments get a tint, a thick left or inset border and a
 * pen mark (never colour alone); targets in 批注 mode get a dashed outline on hover and focus.
 */
const REVIEW_CSS = `
.review-report.is-commenting [data-review-target] { cursor: pointer; }
.review-report.is-commenting [data-review-target]:hover { outline: 2px dashed #1e4f91; outline-offset: 1px; }
.review-report [data-review-target]:focus-visible, .review-report [tabindex="-1"]:focus { outline: 3px solid #1d4ed8; outline-offset: 2px; }
.review-report p[data-review-open], .review-report h2[data-review-open] { background: #fff7e6; box-shadow: inset 4px 0 0 #8a4600; }
.review-report td[data-review-open] { background: #fff7e6; box-shadow: inset 0 0 0 2px #8a4600; }
.review-report [data-review-open]::after { content: "✎" / ""; margin-left: 0.25em; color: #8a4600; font-family: sans-serif; font-size: 0.85em; }
.review-report .review-flash { outline: 3px solid #1d4ed8 !important; outline-offset: 2px; background: #dbe8fb !important; transition: background 0.3s; }
@media (prefers-reduced-motion: reduce) { .review-report .review-flash { transition: none; } }
`;

function addToken(element: HTMLElement, attribute: string, token: string) {
  const tokens = (element.getAttribute(attribute) ?? "").split(/\s+/).filter(Boolean);
  if (!tokens.includes(token)) element.setAttribute(attribute, [...tokens, token].join(" "));
}

function removeToken(element: HTMLElement, attribute: string, token: string) {
  const tokens = (element.getAttribute(attribute) ?? "").split(/\s+/).filter((t) => t && t !== token);
  if (tokens.length) element.setAttribute(attribute, tokens.join(" "));
  else element.removeAttribute(attribute);
}

/**
 * The rendered report with comments: a 「添加批注」 mode makes every section heading, paragraph
 * and table cell a focusable target (click, or Tab to it and press Enter), one delegated
 * listener on the container reads the anchor from the element (data-ref or id), and a side panel
 * lists the threads by anchor with a button that scrolls to and highlights the place.
 */
export function ReviewWorkspace({ reportId, format, anchors, threads, canComment, children }: ReviewWorkspaceProps) {
  const containerRef = useRef<HTMLDivElement>(null);
  const [commenting, setCommenting] = useState(false);
  const commentingRef = useRef(commenting);
  const [target, setTarget] = useState<Target | null>(null);
  // The dialog has no trigger button: focus goes back to the place that opened it.
  const returnFocusRef = useRef<HTMLElement | null>(null);
  const [announcement, setAnnouncement] = useState("");
  const anchorsByKey = useMemo(() => new Map(anchors.map((a) => [a.key, a])), [anchors]);
  const labelOf = useCallback((a: Anchor) => anchorsByKey.get(anchorKey(a.type, a.anchor))?.label ?? fallbackAnchorLabel(a, format), [anchorsByKey, format]);
  const currentText = useCallback((a: Anchor) => anchorsByKey.get(anchorKey(a.type, a.anchor))?.text, [anchorsByKey]);

  useEffect(() => {
    commentingRef.current = commenting;
    const root = containerRef.current;
    if (!root || !commenting) return;
    const elements = [...root.querySelectorAll<HTMLElement>(TARGET_SELECTOR)].filter((el) => anchorOfElement(el));
    for (const el of elements) {
      el.setAttribute("data-review-target", "");
      el.setAttribute("tabindex", "0");
      addToken(el, "aria-describedby", HINT_ID);
    }
    return () => {
      for (const el of elements) {
        el.removeAttribute("data-review-target");
        el.removeAttribute("tabindex");
        removeToken(el, "aria-describedby", HINT_ID);
      }
    };
  }, [commenting]);

  // Places with open comments are marked in the report, for sighted and screen-reader users.
  useEffect(() => {
    const root = containerRef.current;
    if (!root) return;
    const counts = new Map<string, number>();
    for (const t of threads) if (!t.resolvedAt) counts.set(anchorKey(t.anchorType, t.anchor), (counts.get(anchorKey(t.anchorType, t.anchor)) ?? 0) + 1);
    const marked: HTMLElement[] = [];
    for (const [key, count] of counts) {
      const element = elementOfAnchor(root, parseAnchorKey(key)!);
      if (!element) continue;
      element.setAttribute("data-review-open", String(count));
      addToken(element, "aria-describedby", OPEN_HINT_ID);
      marked.push(element);
    }
    return () => {
      for (const element of marked) {
        element.removeAttribute("data-review-open");
        removeToken(element, "aria-describedby", OPEN_HINT_ID);
      }
    };
  }, [threads]);

  const locate = useCallback(
    (anchor: Anchor) => {
      const root = containerRef.current;
      const element = root && elementOfAnchor(root, anchor);
      if (!element) {
        setAnnouncement(`报告中已没有「${labelOf(anchor)}」。`);
        return;
      }
      const reduced = window.matchMedia("(prefers-reduced-motion: reduce)").matches;
      element.scrollIntoView({ behavior: reduced ? "auto" : "smooth", block: "center" });
      element.classList.add("review-flash");
      window.setTimeout(() => element.classList.remove("review-flash"), 2500);
      if (!element.hasAttribute("tabindex")) {
        // Focusable just long enough to move the keyboard there, then back to plain text.
        element.setAttribute("tabindex", "-1");
        element.addEventListener("blur", () => !commentingRef.current && element.removeAttribute("tabindex"), { once: true });
      }
      element.focus({ preventScroll: true });
    },
    [labelOf],
  );

  // Links from the comparison (…?tab=report#at=CELL:requests.received.total) land on the place.
  useEffect(() => {
    const fromHash = () => {
      const match = /^#at=(.+)$/.exec(window.location.hash);
      const anchor = match && parseAnchorKey(decodeURIComponent(match[1]));
      if (anchor) locate(anchor);
    };
    fromHash();
    window.addEventListener("hashchange", fromHash);
    return () => window.removeEventListener("hashchange", fromHash);
  }, [locate]);

  function open(start: EventTarget) {
    if (!commenting || !(start instanceof Element)) return false;
    const hit = anchorOfElement(start);
    if (!hit) return false;
    const { anchor } = hit;
    const quote = anchor.quote ?? currentText(anchor) ?? hit.element.textContent ?? "";
    returnFocusRef.current = hit.element;
    setTarget({ type: anchor.type, anchor: anchor.anchor, label: labelOf(anchor), quote: quote.trim() });
    return true;
  }

  function onClick(event: MouseEvent<HTMLDivElement>) {
    open(event.target);
  }

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    if ((event.key === "Enter" || event.key === " ") && event.target instanceof HTMLElement && event.target.hasAttribute("data-review-target")) {
      if (open(event.target)) event.preventDefault();
    }
  }

  return (
    <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_minmax(20rem,26rem)]">
      <style href="gov-report-review-css" precedence="default">
        {REVIEW_CSS}
      </style>
      <section aria-labelledby="review-report-title" className="min-w-0 space-y-3">
        <div className="flex flex-wrap items-center justify-between gap-3">
          <h2 id="review-report-title" className="text-xl font-semibold">
            报告正文
          </h2>
          {canComment && (
            <Button variant={commenting ? "primary" : "outline"} aria-pressed={commenting} onClick={() => setCommenting((on) => !on)}>
              {commenting ? "结束添加批注" : "添加批注"}
            </Button>
          )}
        </div>
        {canComment && (
          <p id="review-mode-help" className="text-base text-muted-foreground">
            {commenting
              ? "批注模式已开启：点击要批注的标题、段落或表格单元格；使用键盘时，按 Tab 键移到该处，再按回车键。"
              : "要对某个标题、段落或表格单元格提出意见，请先点击「添加批注」。"}
          </p>
        )}
        <p id={HINT_ID} hidden>
          按回车键为此处添加批注
        </p>
        <p id={OPEN_HINT_ID} hidden>
          此处有未处理的批注
        </p>
        <p role="status" aria-live="polite" className="sr-only">
          {announcement}
        </p>
        <div
          ref={containerRef}
          onClick={onClick}
          onKeyDown={onKeyDown}
          className={`review-report rounded-md border border-border bg-white px-4 py-8 shadow-sm sm:px-8${commenting ? " is-commenting" : ""}`}
        >
          {children}
        </div>
      </section>

      <CommentPanel reportId={reportId} threads={threads} order={anchors.map((a) => a.key)} labelOf={labelOf} currentText={currentText} onLocate={locate} canComment={canComment} />

      <CommentDialog
        reportId={reportId}
        target={target}
        onClose={() => setTarget(null)}
        onCloseAutoFocus={(event) => {
          event.preventDefault();
          returnFocusRef.current?.focus();
        }}
        onAdded={(message) => {
          setTarget(null);
          setAnnouncement(message);
        }}
      />
    </div>
  );
}

interface CommentDialogProps {
  reportId: string;
  target: Target | null;
  onClose: () => void;
  onAdded: (message: string) => void;
  onCloseAutoFocus: (event: Event) => void;
}

function CommentDialog({ reportId, target, onClose, onAdded, onCloseAutoFocus }: CommentDialogProps) {
  const id = useId();
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!target) return;
    const body = String(new FormData(event.currentTarget).get("body") ?? "").trim();
    if (!body) {
      setError("请填写批注内容。");
      return;
    }
    startTransition(async () => {
      try {
        const result = await addCommentAction({ reportId, anchorType: target.type, anchor: target.anchor, body, quote: target.quote || undefined });
        if (result.ok) onAdded(result.message);
        else setError(result.message);
      } catch {
        setError("无法连接服务器，批注没有保存。请检查网络后重试。");
      }
    });
  }

  return (
    <Dialog
      open={target !== null}
      onOpenChange={(open) => {
        if (!open) {
          setError(null);
          onClose();
        }
      }}
    >
      <DialogContent onCloseAutoFocus={onCloseAutoFocus}>
        <DialogHeader>
          <DialogTitle>添加批注</DialogTitle>
          <DialogDescription>位置：{target?.label}</DialogDescription>
        </DialogHeader>
        {target && (
          <form onSubmit={onSubmit} className="space-y-4" noValidate>
            {target.quote && (
              <div>
                <p className="text-sm font-medium text-muted-foreground">原文</p>
                <blockquote className="mt-1 border-l-4 border-border pl-3 text-base">{excerpt(target.quote, 200)}</blockquote>
              </div>
            )}
            {!target.quote && target.type === "CELL" && <p className="text-base text-muted-foreground">该单元格为空白。</p>}
            <Field id={`${id}-body`} label="批注内容" required error={error ?? undefined}>
              <Textarea
                id={`${id}-body`}
                name="body"
                rows={4}
                maxLength={NOTE_MAX_LENGTH}
                required
                aria-invalid={error ? true : undefined}
                aria-describedby={error ? `${id}-body-error` : undefined}
                placeholder="例如：此数与表三合计不符，请核实。"
              />
            </Field>
            <DialogFooter>
              <DialogClose asChild>
                <Button variant="outline">取消</Button>
              </DialogClose>
              <Button type="submit" disabled={pending}>
                {pending ? "正在保存…" : "添加批注"}
              </Button>
            </DialogFooter>
          </form>
        )}
      </DialogContent>
    </Dialog>
  );
}
