/** Names of the official formats as staff call them. */
export const FORMAT_LABELS: Record<string, string> = {
  "2019": "2019 试行版",
  "2021": "2021 版",
};

export function formatLabel(format: string): string {
  return FORMAT_LABELS[format] ?? `${format} 版`;
}
