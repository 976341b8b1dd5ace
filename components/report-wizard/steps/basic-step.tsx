"use client";

import { Button } from "@/components/ui/button";
import { describedBy, Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { standardPreface } from "@/lib/document/build-document";
import { translateIssueMessage } from "@/lib/report/describe-input-issue";
import type { TContact } from "@/lib/report/schema";
import { formatLabel } from "@/lib/labels";
import { deadlineDateText, deadlineRule } from "@/lib/workflow/deadline";
import { BASIC_TARGETS } from "../finding-target";
import { FieldComments } from "../comment-threads";
import { NarrativeField } from "../narrative-field";
import { fieldId, useFieldIssue, useFieldValue, useWizard, useWizardSnapshot } from "../wizard-context";

const CONTACT_FIELDS: { key: keyof TContact; label: string; type?: string; autoComplete?: string }[] = [
  { key: "address", label: "地址", autoComplete: "street-address" },
  { key: "postcode", label: "邮政编码", autoComplete: "postal-code" },
  { key: "phone", label: "联系电话", type: "tel" },
  { key: "fax", label: "传真", type: "tel" },
  { key: "email", label: "电子邮箱", type: "email" },
  { key: "website", label: "门户网站", type: "url" },
];

function ContactField({ field }: { field: (typeof CONTACT_FIELDS)[number] }) {
  const { form, canEdit, report } = useWizard();
  const name = `contact.${field.key}` as const;
  const value = useFieldValue(name) as string | undefined;
  const message = useFieldIssue(name);
  const id = fieldId(name);
  const error = message ? translateIssueMessage(message, report.format) : undefined;
  return (
    <Field id={id} label={field.label} error={error}>
      <Input
        id={id}
        type={field.type ?? "text"}
        autoComplete={field.autoComplete}
        readOnly={!canEdit}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, { error })}
        name={name}
        value={value ?? ""}
        onChange={(event) => form.setValue(name, event.target.value)}
      />
    </Field>
  );
}

function PrefaceChoice() {
  const { form, canEdit } = useWizard();
  const preface = useFieldValue("preface") as string | undefined;
  const prepared = useWizardSnapshot((s) => s.prepared);
  const standard = prepared ? standardPreface(prepared) : "";
  const custom = preface !== undefined;

  return (
    <fieldset id={BASIC_TARGETS.prefaceChoice} tabIndex={-1} className="space-y-3 outline-none">
      <legend className="text-lg font-semibold">前言</legend>
      <p className="text-muted-foreground">报告开头的说明段落。标准前言按本报告的机关、年度、格式和联系方式自动生成，内容始终与报告一致。</p>
      <div className="flex flex-wrap gap-x-6 gap-y-2">
        <label className="inline-flex min-h-10 items-center gap-2">
          <input
            type="radio"
            name="preface-mode"
            className="size-5"
            checked={!custom}
            disabled={!canEdit}
            onChange={() => form.setValue("preface", undefined)}
          />
          使用标准前言（推荐）
        </label>
        <label className="inline-flex min-h-10 items-center gap-2">
          <input
            type="radio"
            name="preface-mode"
            className="size-5"
            checked={custom}
            disabled={!canEdit}
            onChange={() => form.setValue("preface", standard)}
          />
          自定义前言
        </label>
      </div>
      {custom ? (
        <NarrativeField name="preface" label="自定义前言" hint="以标准前言为基础修改。年度、部分数和报告名称须与本报告一致，系统会检查。" rows={6} />
      ) : (
        <>
          <blockquote className="rounded-md border border-border bg-surface px-4 py-3 leading-relaxed" aria-label="标准前言">
            {standard || "（正在生成…）"}
          </blockquote>
          <FieldComments field="preface" />
        </>
      )}
    </fieldset>
  );
}

/** 基本信息: who and which year (fixed), the date, contact data and the preface. */
export function BasicStep() {
  const { form, report, template, canEdit } = useWizard();
  const stated = useFieldValue("stated");
  const date = useFieldValue("date") as string | undefined;
  const dateMessage = useFieldIssue("date");
  const dateError = dateMessage ? translateIssueMessage(dateMessage, report.format) : undefined;
  const dateHint = `统计期限为 ${report.year} 年 1 月 1 日至 12 月 31 日。本机关的年度报告应于 ${deadlineDateText(report.agencyKind, report.year)}前公布（${deadlineRule(report.agencyKind)}）。`;

  return (
    <div className="space-y-8">
      <section id={BASIC_TARGETS.facts} tabIndex={-1} aria-label="报告信息" className="rounded-md border border-border bg-surface px-5 py-4 outline-none">
        <dl className="grid gap-x-8 gap-y-2 sm:grid-cols-[auto_1fr]">
          <dt className="text-muted-foreground">机关</dt>
          <dd className="font-medium">{report.agency}</dd>
          <dt className="text-muted-foreground">报告年度</dt>
          <dd className="font-medium">{report.year} 年</dd>
          <dt className="text-muted-foreground">报告格式</dt>
          <dd className="font-medium">
            {formatLabel(report.format)}（{template.formatName}）
          </dd>
        </dl>
        <p className="mt-2 text-sm text-muted-foreground">机关、年度和格式在新建报告时确定，不能在这里修改。</p>
      </section>

      <div className="max-w-md">
        <Field id={BASIC_TARGETS.date} label="成文日期" hint={dateHint} error={dateError}>
          <Input
            id={BASIC_TARGETS.date}
            type="date"
            readOnly={!canEdit}
            aria-invalid={dateError ? true : undefined}
            aria-describedby={describedBy(BASIC_TARGETS.date, { hint: dateHint, error: dateError })}
            name="date"
            value={date ?? ""}
            onChange={(event) => form.setValue("date", event.target.value || undefined)}
          />
        </Field>
      </div>

      <fieldset className="space-y-3">
        <legend className="text-lg font-semibold">联系方式</legend>
        <p className="text-muted-foreground">印在前言末尾，供公众咨询。</p>
        <div className="grid gap-4 sm:grid-cols-2">
          {CONTACT_FIELDS.map((field) => (
            <ContactField key={field.key} field={field} />
          ))}
        </div>
      </fieldset>

      <PrefaceChoice />

      {Boolean(stated) && (
        <section id={BASIC_TARGETS.stated} tabIndex={-1} aria-label="导入的原文信息" className="space-y-2 rounded-md border border-border bg-surface px-5 py-4 outline-none">
          <p className="font-medium">本报告由已发布的原文导入</p>
          <p className="text-muted-foreground">
            导入时保留了原文的标题、统计期限和各部分标题，用于核对原文是否规范。在本系统中编辑和生成的报告按官方格式自动排版，不使用这些信息；核对完毕后可以删除。
          </p>
          {canEdit && (
            <Button variant="outline" size="sm" onClick={() => form.setValue("stated", undefined)}>
              删除导入的原文信息
            </Button>
          )}
        </section>
      )}
    </div>
  );
}
