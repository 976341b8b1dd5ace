"use client";

import { Button } from "@/components/ui/button";
import { NarrativeField } from "../narrative-field";
import { useWizard } from "../wizard-context";

const HINTS = {
  problems: "写明本年度政府信息公开工作存在的主要问题，以及改进情况或下一步打算。各段之间空一行。",
  other: "例如本年度收取信息处理费的情况、人大代表建议和政协提案办理结果公开情况等。没有需要报告的事项时，请填写“无”，不能留空。",
} as const;

/** Steps 五 and 六: one narrative field each. */
export function TextStep({ section }: { section: "problems" | "other" }) {
  const { canEdit } = useWizard();
  const name = `sections.${section}`;
  return (
    <NarrativeField
      name={name}
      label={section === "problems" ? "存在的主要问题及改进情况" : "其他需要报告的事项"}
      hint={HINTS[section]}
      rows={section === "problems" ? 12 : 6}
      required
      actions={
        section === "other" && canEdit
          ? (insert) => (
              <Button variant="outline" size="sm" onClick={() => insert("本年度无其他需要报告的事项。")}>
                填入“无其他需要报告的事项”
              </Button>
            )
          : undefined
      }
    />
  );
}
