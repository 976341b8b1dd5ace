import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { publicationDateNote } from "@/lib/workflow/report-date";
import { PublicationDateSummary } from "./publication-date-summary";

describe("PublicationDateSummary", () => {
  it("shows the date that will be printed, and a warning only when it is after the deadline", () => {
    const onTime = renderToStaticMarkup(<PublicationDateSummary note={publicationDateNote("2025-01-20", "DEPARTMENT", 2024)} />);
    expect(onTime).toContain("成文日期 2025年1月20日");
    expect(onTime).not.toContain("data-variant");
    const late = renderToStaticMarkup(<PublicationDateSummary note={publicationDateNote("2025-02-01", "DEPARTMENT", 2024)} />);
    expect(late).toContain("成文日期 2025年2月1日");
    expect(late).toContain('data-variant="warning"');
    expect(late).toContain("晚于法定公布期限 2025年1月31日");
  });

  it("says that a report without a date is published without one", () => {
    expect(renderToStaticMarkup(<PublicationDateSummary note={publicationDateNote(undefined, "GOVERNMENT", 2024)} />)).toContain("署名下方将不印日期");
  });
});
