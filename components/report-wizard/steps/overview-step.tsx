"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { summarySentence } from "@/lib/wizard/summary-sentence";
import type { TOverviewItem } from "@/lib/report/schema";
import { CommentThreadCard } from "../comment-threads";
import { NarrativeField } from "../narrative-field";
import { fieldId, useFieldValue, useWizard, useWizardSnapshot } from "../wizard-context";
import { useWizardWorkflow } from "../wizard-workflow";

const NUMERALS = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];
const NUMBERED = /^（[一二三四五六七八九十]+）/;

/** Sub-headings keep their （一）（二）… numbering in order after a move, removal or addition. */
function renumbered(items: TOverviewItem[]): (string | null)[] {
  let n = 0;
  return items.map((item) => {
    if (!item.title || !NUMBERED.test(item.title)) return item.title;
    const numeral = NUMERALS[n++] ?? String(n);
    return item.title.replace(NUMBERED, `（${numeral}）`);
  });
}

function RemoveButton({ onRemove, hasText }: { onRemove: () => void; hasText: () => boolean }) {
  const [confirming, setConfirming] = useState(false);
  if (confirming) {
    return (
      <span className="inline-flex gap-2">
        <Button variant="danger" size="sm" onClick={onRemove}>
          确认删除
        </Button>
        <Button variant="ghost" size="sm" onClick={() => setConfirming(false)}>
          取消
        </Button>
      </span>
    );
  }
  return (
    <Button variant="ghost" size="sm" onClick={() => (hasText() ? setConfirming(true) : onRemove())}>
      删除
    </Button>
  );
}

let lastKey = 0;
const newKey = () => `item-${++lastKey}`;

/**
 * The overview items with a React key each that follows the item when it moves; after the values
 * are replaced from outside (a reload, a merge) with a different number of items, keys by position.
 */
function useOverviewItems() {
  const { form } = useWizard();
  const items = (useFieldValue("sections.overview") as TOverviewItem[] | undefined) ?? [];
  const [keys, setKeys] = useState<string[]>(() => items.map(newKey));
  const shown = keys.length === items.length ? keys : items.map((_, i) => `at-${i}`);
  const update = (nextItems: TOverviewItem[], nextKeys: string[]) => {
    form.setValue("sections.overview", nextItems);
    setKeys(nextKeys);
  };
  const moved = <T,>(list: T[], from: number, to: number) => {
    const copy = list.slice();
    copy.splice(to, 0, ...copy.splice(from, 1));
    return copy;
  };
  return {
    items,
    keys: shown,
    append: (item: TOverviewItem) => update([...items, item], [...shown, newKey()]),
    remove: (index: number) => update(items.filter((_, i) => i !== index), shown.filter((_, i) => i !== index)),
    move: (from: number, to: number) => update(moved(items, from, to), moved(shown, from, to)),
  };
}

const OVERVIEW_FIELD = /^sections\.overview\.(\d+)\.text$/;

/** Comments on topics that are no longer there (the editor removed items after the review). */
function OrphanedTopicComments({ items }: { items: number }) {
  const { comments } = useWizardWorkflow();
  const orphaned = [...comments.byField.entries()]
    .filter(([field]) => Number(OVERVIEW_FIELD.exec(field)?.[1] ?? -1) >= items)
    .flatMap(([field, threads]) => threads.map((thread) => ({ field, thread })));
  if (!orphaned.length) return null;
  return (
    <section aria-labelledby="orphaned-comments-title" className="space-y-2 rounded-md border border-border bg-surface px-4 py-3">
      <h3 id="orphaned-comments-title" className="text-base font-semibold">
        审核批注（所在的小标题项已删除或移动）
      </h3>
      <ol className="space-y-2">
        {orphaned.map(({ field, thread }) => (
          <li key={thread.id}>
            <CommentThreadCard thread={thread} place={`原第 ${Number(OVERVIEW_FIELD.exec(field)![1]) + 1} 项`} />
          </li>
        ))}
      </ol>
    </section>
  );
}

/**
 * 一、总体情况: items of sub-heading + text. The format's topics are offered as sub-headings
 * (a new report starts with them); items can be added, removed and reordered. Each text can take
 * table numbers and the generated summary sentence.
 */
export function OverviewStep() {
  const { form, template, canEdit, batch, report } = useWizard();
  const { items: fields, keys, append, remove, move } = useOverviewItems();
  const titles = useWizardSnapshot((s) => (s.prepared?.input.sections?.overview ?? []).map((i) => i.title ?? "").join("\n"));
  const missingTopics = template.overviewTopics.filter((topic) => !topic.recognisedBy.some((word) => titles.includes(word)));

  const renumber = () => {
    const items = (form.getValues("sections.overview") as TOverviewItem[] | undefined) ?? [];
    renumbered(items).forEach((title, i) => {
      if (title !== items[i].title) form.setValue(`sections.overview.${i}.title`, title);
    });
  };
  const change = (apply: () => void) => batch(() => {
    apply();
    renumber();
  });
  const numbered = () => ((form.getValues("sections.overview") as TOverviewItem[] | undefined) ?? []).filter((i) => i.title && NUMBERED.test(i.title)).length;

  return (
    <div className="space-y-6">
      <p className="text-muted-foreground">
        {template.overviewTopicsRequired
          ? "按格式要求，总体情况应包括主动公开、依申请公开、政府信息管理、政府信息公开平台建设、监督保障等方面，每方面一个小标题。"
          : "可按主动公开、依申请公开、政府信息管理、平台建设、监督保障等方面分小标题撰写。"}
      </p>
      <ol className="space-y-6">
        {fields.map((field, index) => {
          const titleId = fieldId(`sections.overview.${index}.title`);
          return (
            <li key={keys[index]} className="space-y-4 rounded-md border border-border bg-surface p-4">
              <div className="flex flex-wrap items-center justify-between gap-2">
                <p className="font-semibold text-muted-foreground">第 {index + 1} 项</p>
                {canEdit && (
                  <div className="flex flex-wrap gap-1">
                    <Button variant="ghost" size="sm" disabled={index === 0} onClick={() => change(() => move(index, index - 1))}>
                      上移
                    </Button>
                    <Button variant="ghost" size="sm" disabled={index === fields.length - 1} onClick={() => change(() => move(index, index + 1))}>
                      下移
                    </Button>
                    <RemoveButton
                      hasText={() => Boolean((form.getValues(`sections.overview.${index}.text`) as string | undefined)?.trim())}
                      onRemove={() => change(() => remove(index))}
                    />
                  </div>
                )}
              </div>
              <div className="space-y-1.5">
                <Label htmlFor={titleId}>小标题（开头的概述段可不填）</Label>
                <Input
                  id={titleId}
                  readOnly={!canEdit}
                  name={`sections.overview.${index}.title`}
                  value={field.title ?? ""}
                  onChange={(event) => form.setValue(`sections.overview.${index}.title`, event.target.value || null)}
                />
              </div>
              <NarrativeField
                name={`sections.overview.${index}.text`}
                label="内容"
                hint="各段之间空一行。"
                rows={8}
                actions={(insert) => (
                  <Button variant="outline" size="sm" onClick={() => insert(summarySentence(report.format))}>
                    插入汇总句
                  </Button>
                )}
              />
            </li>
          );
        })}
      </ol>
      <OrphanedTopicComments items={fields.length} />
      {canEdit && (
        <div className="flex flex-wrap items-center gap-2">
          <Button variant="outline" onClick={() => change(() => append({ title: null, text: "" }))}>
            添加一项
          </Button>
          {missingTopics.map((topic) => (
            <Button
              key={topic.title}
              variant="secondary"
              onClick={() => change(() => append({ title: `（${NUMERALS[numbered()] ?? ""}）${topic.title}`, text: "" }))}
            >
              添加「{topic.title}」
            </Button>
          ))}
        </div>
      )}
    </div>
  );
}
