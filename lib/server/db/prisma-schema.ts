import "server-only";
import { readFileSync } from "node:fs";
import { join } from "node:path";

/** What the drift test needs to know about schema.prisma, read with a small parser. */
export interface SchemaModel {
  name: string;
  /**
   * `type` is the Prisma type (a scalar or an enum); `list` for scalar lists (`BigInt[]`);
   * `nativeType` for a `@db.X` attribute (e.g. VarBit).
   */
  columns: { name: string; type: string; optional: boolean; list?: boolean; nativeType?: string }[];
  /** Column lists that must be unique (@id, @unique, @@unique). */
  unique: string[][];
  /** Column lists with a plain index (@@index). */
  indexes: string[][];
  /** Foreign keys: local columns → referenced model, with the delete rule. */
  foreignKeys: { columns: string[]; references: string; onDelete: string }[];
}

export interface ParsedSchema {
  models: SchemaModel[];
  enums: Map<string, string[]>;
}

const SCALARS = new Set(["String", "Int", "BigInt", "Boolean", "DateTime", "Json", "Float", "Decimal", "Bytes"]);

function list(text: string): string[] {
  return text.split(",").map((s) => s.trim()).filter(Boolean);
}

export function parsePrismaSchema(source = readFileSync(join(process.cwd(), "prisma", "schema.prisma"), "utf8")): ParsedSchema {
  const withoutComments = source.replace(/\/\/.*$/gm, "");
  const enums = new Map<string, string[]>();
  for (const [, name, body] of withoutComments.matchAll(/enum\s+(\w+)\s*\{([^}]*)\}/g)) {
    enums.set(name, body.split(/\s+/).filter(Boolean));
  }
  const models: SchemaModel[] = [];
  for (const [, name, body] of withoutComments.matchAll(/model\s+(\w+)\s*\{([^}]*)\}/g)) {
    const model: SchemaModel = { name, columns: [], unique: [], indexes: [], foreignKeys: [] };
    for (const raw of body.split("\n")) {
      const line = raw.trim();
      if (!line) continue;
      const block = /^@@(unique|index|id)\(\[([^\]]*)\]/.exec(line);
      if (block) {
        (block[1] === "index" ? model.indexes : model.unique).push(list(block[2]));
        continue;
      }
      const field = /^(\w+)\s+(\w+)(\[\])?(\?)?\s*(.*)$/.exec(line);
      if (!field) continue;
      const [, fieldName, type, isList, optional, attributes] = field;
      const relation = /@relation\(([^)]*)\)/.exec(attributes);
      if (relation && /fields:/.test(relation[1])) {
        model.foreignKeys.push({
          columns: list(/fields:\s*\[([^\]]*)\]/.exec(relation[1])![1]),
          references: type,
          onDelete: /onDelete:\s*(\w+)/.exec(relation[1])?.[1] ?? "Restrict",
        });
      }
      if (!SCALARS.has(type) && !enums.has(type)) continue;
      // Lists of models are relations; lists of scalars (String[], BigInt[]) are array columns.
      if (isList && !SCALARS.has(type)) continue;
      const nativeType = /@db\.(\w+)/.exec(attributes)?.[1];
      model.columns.push({ name: fieldName, type, optional: Boolean(optional), ...(isList && { list: true }), ...(nativeType && { nativeType }) });
      if (/@id\b/.test(attributes) || /@unique\b/.test(attributes)) model.unique.push([fieldName]);
    }
    models.push(model);
  }
  return { models, enums };
}
