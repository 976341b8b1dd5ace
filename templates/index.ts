import type { FormatVersion, ReportTemplate } from "../lib/template/types";
import { TEMPLATE_2019 } from "./2019";
import { TEMPLATE_2021 } from "./2021";

/** Every official format, by version. A new format is a new folder registered here. */
export const TEMPLATES: Record<FormatVersion, ReportTemplate> = {
  "2019": TEMPLATE_2019,
  "2021": TEMPLATE_2021,
};
