/** The least an agency needs to be placed in the tree. */
export interface TreeAgency {
  id: string;
  name: string;
  parentId: string | null;
}

/** Chinese order of names (one collator: String#localeCompare with a locale builds one per call). */
const NAME_ORDER = new Intl.Collator("zh-CN");

/**
 * Agencies in tree order (each parent before its children, siblings by name) with their depth.
 * An agency whose parent is missing is shown as a root; a cycle, which the server prevents,
 * cannot make this loop.
 */
export function orderAgencyTree<T extends TreeAgency>(agencies: T[]): (T & { depth: number })[] {
  const ids = new Set(agencies.map((a) => a.id));
  const children = new Map<string | null, T[]>();
  for (const agency of agencies) {
    const parent = agency.parentId && ids.has(agency.parentId) ? agency.parentId : null;
    const siblings = children.get(parent);
    if (siblings) siblings.push(agency);
    else children.set(parent, [agency]);
  }
  for (const list of children.values()) list.sort((a, b) => NAME_ORDER.compare(a.name, b.name));
  const result: (T & { depth: number })[] = [];
  const seen = new Set<string>();
  const visit = (parent: string | null, depth: number) => {
    for (const agency of children.get(parent) ?? []) {
      if (seen.has(agency.id)) continue;
      seen.add(agency.id);
      result.push({ ...agency, depth });
      visit(agency.id, depth + 1);
    }
  };
  visit(null, 0);
  // Members of a cycle have no root above them; list them rather than lose them.
  for (const agency of agencies) if (!seen.has(agency.id)) result.push({ ...agency, depth: 0 });
  return result;
}

/** Ids of an agency and everything below it: never valid as its new parent. */
export function descendantIds(agencies: TreeAgency[], rootId: string): Set<string> {
  const result = new Set<string>([rootId]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const agency of agencies) {
      if (agency.parentId && result.has(agency.parentId) && !result.has(agency.id)) {
        result.add(agency.id);
        grew = true;
      }
    }
  }
  return result;
}
