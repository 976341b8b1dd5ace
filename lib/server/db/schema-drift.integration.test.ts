import { describe, expect, it } from "vitest";
import { openTestDatabase } from "../test-support/test-database";
import { parsePrismaSchema } from "./prisma-schema";

/** information_schema data type of each Prisma scalar (PostgreSQL provider defaults). */
const PG_TYPE: Record<string, string> = {
  String: "text",
  Int: "integer",
  BigInt: "bigint",
  Boolean: "boolean",
  DateTime: "timestamp without time zone",
  Json: "jsonb",
  Bytes: "bytea",
};

/** udt_name of the elements of a scalar list column (information_schema reports it as ARRAY). */
const PG_ELEMENT_TYPE: Record<string, string> = { String: "text", Int: "int4", BigInt: "int8", Boolean: "bool" };

/** information_schema data type of a `@db.X` native type. */
const PG_NATIVE_TYPE: Record<string, string> = { VarBit: "bit varying" };

const DELETE_RULE: Record<string, string> = { Cascade: "CASCADE", Restrict: "RESTRICT", SetNull: "SET NULL", NoAction: "NO ACTION" };

describe.each(["pglite", "postgresql"] as const)("migrations match prisma/schema.prisma [%s]", (kind) => {
  it("creates exactly the schema's tables, columns, types, nullability, enums, keys and indexes", async () => {
    const { db, dispose } = await openTestDatabase(kind);
    try {
      const schema = parsePrismaSchema();
      const q = db.sql.query.bind(db.sql);
      const tables = (await q<{ table_name: string }>(
        `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> '_gov_report_migrations'`,
      )).map((t) => t.table_name);
      expect(tables.sort()).toEqual(schema.models.map((m) => m.name).sort());

      const enumRows = await q<{ name: string; value: string }>(
        `SELECT t.typname AS name, e.enumlabel AS value FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid ORDER BY t.typname, e.enumsortorder`,
      );
      const enums = new Map<string, string[]>();
      for (const row of enumRows) enums.set(row.name, [...(enums.get(row.name) ?? []), row.value]);
      expect(enums).toEqual(schema.enums);

      const indexRows = await q<{ table: string; definition: string }>(`SELECT tablename AS table, indexdef AS definition FROM pg_indexes WHERE schemaname = 'public'`);
      const fkRows = await q<{ table: string; column: string; references: string; delete_rule: string }>(`
        SELECT tc.table_name AS table, kcu.column_name AS column, ccu.table_name AS references, rc.delete_rule
        FROM information_schema.table_constraints tc
        JOIN information_schema.key_column_usage kcu ON kcu.constraint_name = tc.constraint_name
        JOIN information_schema.constraint_column_usage ccu ON ccu.constraint_name = tc.constraint_name
        JOIN information_schema.referential_constraints rc ON rc.constraint_name = tc.constraint_name
        WHERE tc.constraint_type = 'FOREIGN KEY' AND tc.table_schema = 'public'`);

      for (const model of schema.models) {
        const columns = await q<{ column_name: string; data_type: string; udt_name: string; is_nullable: string }>(
          `SELECT column_name, data_type, udt_name, is_nullable FROM information_schema.columns WHERE table_schema = 'public' AND table_name = $1`,
          [model.name],
        );
        const actualType = (c: (typeof columns)[number]) =>
          c.data_type === "USER-DEFINED" ? c.udt_name : c.data_type === "ARRAY" ? `${c.udt_name.replace(/^_/, "")}[]` : c.data_type;
        const expectedType = (c: (typeof model.columns)[number]) =>
          c.list ? `${PG_ELEMENT_TYPE[c.type] ?? c.type}[]` : c.nativeType ? (PG_NATIVE_TYPE[c.nativeType] ?? c.nativeType) : (PG_TYPE[c.type] ?? c.type);
        const actual = Object.fromEntries(columns.map((c) => [c.column_name, `${actualType(c)}${c.is_nullable === "YES" ? "?" : ""}`]));
        const expected = Object.fromEntries(model.columns.map((c) => [c.name, `${expectedType(c)}${c.optional ? "?" : ""}`]));
        expect(actual, model.name).toEqual(expected);

        const definitions = indexRows.filter((r) => r.table === model.name).map((r) => r.definition);
        const columnsOf = (definition: string) => /\(([^)]*)\)/.exec(definition)![1].replace(/"/g, "").split(", ").join(",");
        for (const unique of model.unique) {
          expect(definitions.some((d) => /UNIQUE/.test(d) && columnsOf(d) === unique.join(",")), `${model.name} unique (${unique})`).toBe(true);
        }
        for (const index of model.indexes) {
          expect(definitions.some((d) => columnsOf(d) === index.join(",")), `${model.name} index (${index})`).toBe(true);
        }
        const fks = fkRows.filter((r) => r.table === model.name).map((r) => `${r.column}→${r.references} ${r.delete_rule}`).sort();
        expect(fks, `${model.name} foreign keys`).toEqual(
          model.foreignKeys.map((fk) => `${fk.columns.join(",")}→${fk.references} ${DELETE_RULE[fk.onDelete]}`).sort(),
        );
      }
    } finally {
      await dispose();
    }
  });
});
