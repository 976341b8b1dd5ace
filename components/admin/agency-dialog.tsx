"use client";

import { useId, useState } from "react";
import { createAgencyAction, updateAgencyAction } from "@/lib/server/agencies/actions";
import { AGENCY_CONTACT_FIELDS } from "@/lib/admin/agency-schema";
import { descendantIds } from "@/lib/admin/agency-tree";
import { AGENCY_KINDS, agencyKindLabel, deadlineRule, isAgencyKind, suggestAgencyKind, type AgencyKind } from "@/lib/workflow/deadline";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog, DialogClose, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle, DialogTrigger } from "@/components/ui/dialog";
import { describedBy, Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { useServerForm } from "@/components/ui/use-server-form";

/** An agency as the page passes it to the form. */
export interface AgencyFormValue {
  id: string;
  name: string;
  slug: string;
  parentId: string | null;
  depth: number;
  kind: AgencyKind;
  address: string | null;
  postcode: string | null;
  phone: string | null;
  fax: string | null;
  email: string | null;
  website: string | null;
  /** Reports with a publication: a new slug moves their public links (the form says so before saving). */
  publishedReports?: number;
}

export interface AgencyDialogProps {
  /** The agency to edit; absent to create one. */
  agency?: AgencyFormValue;
  /** Every agency in tree order, for the parent list. */
  agencies: AgencyFormValue[];
}

const SLUG_HINT = "用于网址和文件名，只能使用小写字母、数字和连字符（-），例如 shili-shi-gonganju（建议用机关名称的拼音）。";

function AgencyForm({ agency, agencies }: AgencyDialogProps) {
  const formId = useId();
  const { result, pending, onSubmit, fieldError } = useServerForm(agency ? updateAgencyAction : createAgencyAction, { resetOnSuccess: !agency });
  // A new agency's kind follows its name as typed until the admin picks one.
  const [name, setName] = useState(agency?.name ?? "");
  const [chosenKind, setChosenKind] = useState<AgencyKind | null>(agency?.kind ?? null);
  const [slug, setSlug] = useState(agency?.slug ?? "");
  const movesPublished = Boolean(agency && agency.publishedReports && slug.trim() && slug.trim() !== agency.slug);
  const kind = chosenKind ?? suggestAgencyKind(name);
  const kindHint = `决定法定公开期限（${deadlineRule(kind)}）。${chosenKind === null ? "已按机关名称预选，请核对。" : ""}`;
  // An agency cannot sit below itself or its own descendants.
  const excluded = agency ? descendantIds(agencies, agency.id) : new Set<string>();
  const parents = agencies.filter((a) => !excluded.has(a.id));
  const id = (name: string) => `${formId}-${name}`;
  const control = (name: string, hint?: string) => ({
    id: id(name),
    name,
    "aria-invalid": fieldError(name) ? true : undefined,
    "aria-describedby": describedBy(id(name), { hint, error: fieldError(name) }),
  });

  return (
    <form
      onSubmit={onSubmit}
      onReset={() => {
        setName("");
        setChosenKind(null);
        setSlug("");
      }}
      className="space-y-4"
      noValidate
    >
      {agency && <input type="hidden" name="id" value={agency.id} />}
      <div aria-live="polite">
        {result && (
          <Alert variant={result.ok ? "success" : "danger"} role={result.ok ? "status" : "alert"}>
            {result.message}
          </Alert>
        )}
      </div>
      <Field id={id("name")} label="机关全称" required error={fieldError("name")}>
        <Input {...control("name")} defaultValue={agency?.name} onChange={(e) => setName(e.target.value)} required maxLength={100} placeholder="例如：示例市公安局" />
      </Field>
      <Field id={id("kind")} label="机关类别" required hint={kindHint} error={fieldError("kind")}>
        <Select {...control("kind", kindHint)} value={kind} onChange={(e) => isAgencyKind(e.target.value) && setChosenKind(e.target.value)}>
          {AGENCY_KINDS.map((k) => (
            <option key={k} value={k}>
              {agencyKindLabel(k)}
            </option>
          ))}
        </Select>
      </Field>
      <Field id={id("slug")} label="机关代号" required hint={SLUG_HINT} error={fieldError("slug")}>
        <Input
          {...control("slug", SLUG_HINT)}
          defaultValue={agency?.slug}
          onChange={(e) => setSlug(e.target.value)}
          required
          maxLength={64}
          autoCapitalize="none"
          spellCheck={false}
          className="font-mono"
        />
      </Field>
      <div aria-live="polite">
        {movesPublished && agency && (
          <Alert variant="warning" role="status">
            本机关已有 {agency.publishedReports} 份已发布的年度报告。保存后公开网址改为 <span className="font-mono">/reports/{slug.trim()}/…</span>；旧网址 <span className="font-mono">/reports/{agency.slug}/…</span> 会永久跳转到新网址，已发布报告上的发布机关名称保持发布时的样子。旧代号此后不能再给其他机关使用。
          </Alert>
        )}
      </div>
      <Field id={id("parentId")} label="上级机关" error={fieldError("parentId")}>
        <Select {...control("parentId")} defaultValue={agency?.parentId ?? ""}>
          <option value="">（无上级机关）</option>
          {parents.map((p) => (
            <option key={p.id} value={p.id}>
              {`${"\u3000".repeat(p.depth)}${p.name}`}
            </option>
          ))}
        </Select>
      </Field>
      <fieldset className="space-y-4">
        <legend className="mb-2 font-semibold">联系方式（印在报告引言中，可留空）</legend>
        <div className="grid gap-4 sm:grid-cols-2">
          {AGENCY_CONTACT_FIELDS.map(({ key, label }) => (
            <Field key={key} id={id(key)} label={label} error={fieldError(key)} className={key === "address" || key === "website" ? "sm:col-span-2" : undefined}>
              <Input
                {...control(key)}
                defaultValue={agency?.[key] ?? ""}
                type={key === "email" ? "email" : key === "website" ? "url" : key === "phone" || key === "fax" ? "tel" : "text"}
                inputMode={key === "postcode" ? "numeric" : undefined}
              />
            </Field>
          ))}
        </div>
      </fieldset>
      <DialogFooter>
        <DialogClose asChild>
          <Button variant="outline">关闭</Button>
        </DialogClose>
        <Button type="submit" disabled={pending}>
          {pending ? "正在保存…" : agency ? "保存修改" : "新增机关"}
        </Button>
      </DialogFooter>
    </form>
  );
}

/** The create or edit dialog of an agency; the form stays open after saving to show the result. */
export function AgencyDialog({ agency, agencies }: AgencyDialogProps) {
  const [open, setOpen] = useState(false);
  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>
        {agency ? (
          <Button variant="outline" size="sm">
            编辑<span className="sr-only">{agency.name}</span>
          </Button>
        ) : (
          <Button>新增机关</Button>
        )}
      </DialogTrigger>
      <DialogContent size="lg">
        <DialogHeader>
          <DialogTitle>{agency ? `编辑机关：${agency.name}` : "新增机关"}</DialogTitle>
          <DialogDescription>带 * 的为必填项。</DialogDescription>
        </DialogHeader>
        {/* Mounted only while open, so each opening starts from the stored values. */}
        {open && <AgencyForm agency={agency} agencies={agencies} />}
      </DialogContent>
    </Dialog>
  );
}
