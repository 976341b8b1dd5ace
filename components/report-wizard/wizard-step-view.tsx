"use client";

import dynamic from "next/dynamic";
import { useEffect } from "react";
import { sectionHeading } from "@/lib/template/cells";
import { wizardStep, type WizardStepId } from "@/lib/wizard/wizard-steps";
import { SectionComments } from "./comment-threads";
import { FindingsPanel } from "./findings-panel";
import { focusWhenReady } from "./report-wizard-provider";
import { useWizard } from "./wizard-context";

// Each step's code is its own chunk: a page loads the step it shows (the table grid only on the
// table steps, the report renderer only on 检查与预览), and the others load on the way there.
const loading = () => <p className="text-muted-foreground">正在载入…</p>;
const BasicStep = dynamic(() => import("./steps/basic-step").then((m) => m.BasicStep), { loading });
const OverviewStep = dynamic(() => import("./steps/overview-step").then((m) => m.OverviewStep), { loading });
const TableStep = dynamic(() => import("./steps/table-step").then((m) => m.TableStep), { loading });
const TextStep = dynamic(() => import("./steps/text-step").then((m) => m.TextStep), { loading });
const CheckStep = dynamic(() => import("./steps/check-step").then((m) => m.CheckStep), { loading });

/** One step of the wizard, chosen by the URL; focuses what a findings link pointed at. */
export function WizardStepView({ step }: { step: WizardStepId }) {
  const { takePendingFocus, template } = useWizard();
  const info = wizardStep(step);

  useEffect(() => {
    const target = takePendingFocus(step);
    if (target) focusWhenReady(target);
  }, [step, takePendingFocus]);

  let body: React.ReactNode;
  switch (step) {
    case "basic":
      body = <BasicStep />;
      break;
    case "overview":
      body = <OverviewStep />;
      break;
    case "proactive":
    case "requests":
    case "reviews":
      body = <TableStep table={step} />;
      break;
    case "problems":
    case "other":
      body = <TextStep section={step} />;
      break;
    case "check":
      body = <CheckStep />;
      break;
  }
  const section = template.sections.find((s) => s.id === info.section);

  return (
    <section aria-labelledby="step-heading" className="space-y-6">
      <h2 id="step-heading" tabIndex={-1} className="text-xl font-semibold outline-none">
        {section ? sectionHeading(section) : info.title}
      </h2>
      {section && <SectionComments section={section.id} />}
      {body}
      {step !== "check" && <FindingsPanel scope={step} />}
    </section>
  );
}
