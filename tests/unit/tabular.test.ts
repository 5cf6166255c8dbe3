import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { strToU8, unzipSync, zipSync } from "fflate";
import { describe, expect, it } from "vitest";
import {
  decodeText,
  isXlsx,
  parseCsv,
  parseXlsx,
  readTable,
  TabularError,
  toCsv,
  toXlsx,
  type Cell,
} from "@/lib/tabular";

function tabularError(run: () => unknown): TabularError {
  try {
    run();
  } catch (error) {
    if (error instanceof TabularError) return error;
    throw error;
  }
  throw new Error("expected a TabularError");
}

const soffice = ["soffice", "libreoffice"].find((command) => {
  try {
    execFileSync("which", [command], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
});

const MAIN_NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"';
const REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

function handMadeXlsx(sheet: string, extra: Record<string, string> = {}): Uint8Array {
  const files: Record<string, string> = {
    "[Content_Types].xml": "<Types/>",
    "xl/workbook.xml": `<workbook ${MAIN_NS} xmlns:r="${REL_NS}"><sheets><sheet name="Data" sheetId="7" r:id="rId3"/></sheets></workbook>`,
    "xl/_rels/workbook.xml.rels": `<Relationships><Relationship Target="worksheets/data.xml" Type="${REL_NS}/worksheet" Id="rId3"/><Relationship Id="rId4" Type="${REL_NS}/sharedStrings" Target="sharedStrings.xml"/><Relationship Id="rId5" Type="${REL_NS}/styles" Target="/xl/styles.xml"/></Relationships>`,
    "xl/worksheets/data.xml": sheet,
    ...extra,
  };
  return zipSync(Object.fromEntries(Object.entries(files).map(([k, v]) => [k, strToU8(v)])));
}

describe("CSV", () => {
  const header = ["name", "الاسم", "note"];
  const rows: Cell[][] = [
    ["Coopérative Al Amal", "تعاونية الأمل", 'says "hello", twice'],
    ["multi\nline", "سطر\r\nثاني", "  padded  "],
    [12.5, true, null],
  ];

  it("round-trips Arabic text, commas, quotes and newlines", () => {
    const csv = toCsv(header, rows);
    expect(csv.startsWith("\uFEFF")).toBe(true);
    expect(csv.endsWith("\r\n")).toBe(true);
    expect(csv).toContain('"says ""hello"", twice"');
    const parsed = parseCsv(csv);
    expect(parsed.header).toEqual(header);
    expect(parsed.rows).toEqual([
      ["Coopérative Al Amal", "تعاونية الأمل", 'says "hello", twice'],
      ["multi\nline", "سطر\r\nثاني", "  padded  "],
      ["12.5", "true", ""],
    ]);
    expect(parsed.header[0]).toBe("name");
  });

  it("writes dates and empty values", () => {
    const csv = toCsv(
      ["d", "t", "e"],
      [["2026-03-01", new Date(Date.UTC(2026, 2, 1, 8)), undefined]],
    );
    expect(csv).toBe("\uFEFFd,t,e\r\n2026-03-01,2026-03-01T08:00:00.000Z,\r\n");
  });

  it("neutralises formulas in text but never in numbers", () => {
    const csv = toCsv(["v"], [["=SUM(A1)"], ["+212612345678"], ["-5"], [-5], ["@x"], ["\tx"]]);
    expect(csv.split("\r\n").slice(1, -1)).toEqual([
      "'=SUM(A1)",
      "'+212612345678",
      "'-5",
      "-5",
      "'@x",
      "'\tx",
    ]);
    expect(toCsv(["v"], [["\rx"]])).toContain(`"'\rx"`);
    expect(parseCsv(csv).rows.map(([v]) => v)).toEqual([
      "=SUM(A1)",
      "+212612345678",
      "-5",
      "-5",
      "@x",
      "\tx",
    ]);
  });

  it("reads semicolon and tab files, CR line ends and skips empty lines", () => {
    const semicolon = parseCsv(
      'nom;région\r\n"Al Amal; Fès";fes\r\n;;\r\n\r\n  Atlas  ;ifrane\r\n',
    );
    expect(semicolon).toEqual({
      header: ["nom", "région"],
      rows: [
        ["Al Amal; Fès", "fes"],
        ["Atlas", "ifrane"],
      ],
    });
    expect(parseCsv("a\tb\rx, y\tz\r")).toEqual({ header: ["a", "b"], rows: [["x, y", "z"]] });
    expect(parseCsv("a,b\nc")).toEqual({ header: ["a", "b"], rows: [["c"]] });
    expect(parseCsv("")).toEqual({ header: [], rows: [] });
  });

  it("strips a BOM on input", () => {
    expect(parseCsv("\uFEFFid,name\n1,x").header).toEqual(["id", "name"]);
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode("id\n1")]);
    expect(decodeText(bytes)).toBe("id\n1");
  });

  it("rejects an unterminated quote", () => {
    const error = tabularError(() => parseCsv('a,b\n1,"open\n2,3'));
    expect(error.code).toBe("malformed");
    expect(error.message).toMatch(/line 2/);
  });

  it("enforces maxRows", () => {
    expect(tabularError(() => parseCsv("a\n1\n2\n3", { maxRows: 2 })).code).toBe("too_large");
    expect(parseCsv("a\n1\n2", { maxRows: 2 }).rows).toHaveLength(2);
  });

  it("falls back to windows-1252 when the bytes are not UTF-8", () => {
    const latin1 = Uint8Array.from("Coopérative;Montant €", (ch) =>
      ch === "€" ? 0x80 : ch.charCodeAt(0),
    );
    expect(decodeText(latin1)).toBe("Coopérative;Montant €");
    expect(decodeText(new TextEncoder().encode("Coopérative"))).toBe("Coopérative");
    expect(decodeText(new Uint8Array([0xff, 0xfe, 0x41, 0, 0x0c, 0x06]))).toBe("A،");
  });
});

describe("XLSX", () => {
  const header = ["name", "created_on", "members", "women_coop", "note"];
  const rows: Cell[][] = [
    ["تعاونية الأمل", "2026-03-01", 12, true, "A & B <c> \"d\" 'e'"],
    ["Coopérative Atlas", "2025-12-31", 1000, false, "=SUM(A1)"],
    ["", null, 12.5, undefined, "line1\nline2\u0001"],
    ["x", "not a date", -0.25, true, "_x0041_ stays"],
  ];

  it("round-trips header and cells as strings", () => {
    const bytes = toXlsx("Cooperatives", header, rows, { rtl: true, dateColumns: [1] });
    expect(isXlsx(bytes)).toBe(true);
    const table = parseXlsx(bytes);
    expect(table.header).toEqual(header);
    expect(table.rows).toEqual([
      ["تعاونية الأمل", "2026-03-01", "12", "TRUE", "A & B <c> \"d\" 'e'"],
      ["Coopérative Atlas", "2025-12-31", "1000", "FALSE", "=SUM(A1)"],
      ["", "", "12.5", "", "line1\nline2"],
      ["x", "not a date", "-0.25", "TRUE", "_x0041_ stays"],
    ]);
  });

  it("writes a well-formed package: typed cells, date style, bold frozen header, RTL", () => {
    const files = unzipSync(
      toXlsx("a/b:c[d]*?\\e".repeat(5), header, rows, { rtl: true, dateColumns: [1] }),
    );
    expect(Object.keys(files).sort()).toEqual([
      "[Content_Types].xml",
      "_rels/.rels",
      "xl/_rels/workbook.xml.rels",
      "xl/styles.xml",
      "xl/workbook.xml",
      "xl/worksheets/sheet1.xml",
    ]);
    const text = (name: string) => new TextDecoder().decode(files[name]);
    const sheet = text("xl/worksheets/sheet1.xml");
    expect(sheet).toContain('rightToLeft="1"');
    expect(sheet).toContain('state="frozen"');
    expect(sheet).toContain('<c r="B2" s="2"><v>46082</v></c>');
    expect(sheet).toContain('<c r="C2"><v>12</v></c>');
    expect(sheet).toContain('<c r="D2" t="b"><v>1</v></c>');
    expect(sheet).toContain('<c r="A1" s="1" t="inlineStr">');
    expect(sheet).not.toContain("\u0001");
    expect(text("xl/styles.xml")).toContain('formatCode="yyyy-mm-dd"');
    const name = /<sheet name="([^"]*)"/.exec(text("xl/workbook.xml"))?.[1] ?? "";
    expect(name.length).toBeLessThanOrEqual(31);
    expect(name).not.toMatch(/[[\]:*?/\\]/);
    const plain = unzipSync(toXlsx("", ["a"], []));
    expect(new TextDecoder().decode(plain["xl/workbook.xml"])).toContain('name="Sheet1"');
    expect(new TextDecoder().decode(plain["xl/worksheets/sheet1.xml"])).not.toContain(
      "rightToLeft",
    );
  });

  it.skipIf(!soffice)("opens in LibreOffice", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "tabular-"));
    try {
      writeFileSync(
        path.join(dir, "book.xlsx"),
        toXlsx("Data", header, rows, { dateColumns: [1] }),
      );
      const filter = "csv:Text - txt - csv (StarCalc):44,34,76";
      execFileSync(soffice ?? "soffice", ["--headless", "--convert-to", filter, "book.xlsx"], {
        cwd: dir,
        timeout: 60_000,
      });
      const csv = readFileSync(path.join(dir, "book.csv"), "utf8");
      expect(csv).toContain("2026-03-01");
      expect(csv).toContain("تعاونية الأمل");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("reads shared strings, rich text, missing cells, formulas, booleans and date styles", () => {
    const sheet = `<worksheet ${MAIN_NS}><sheetData>
      <row r="1"><c r="A1" t="s"><v>0</v></c><c t="s" r="B1"><v>1</v></c><c r="C1" t="s"><v>2</v></c><c r="D1" t="s"><v>3</v></c></row>
      <row r="2" spans="1:4"><c r="A2" t="s"><v>4</v></c><c r="C2" s="1"><v>46082</v></c><c r="D2"><f>1+1</f><v>2</v></c></row>
      <row r="3"><c r="B3" t="b"><v>0</v></c><c r="C3" s="2"><v>45658.75</v></c><c r="D3" t="str"><f>A1</f><v>a &amp;amp; b</v></c><c r="E3"/></row>
      <row r="5"><c r="A5" t="inlineStr"><is><t>x&#x1F600;&#233;</t></is></c><c r="D5"><v>1.5E-3</v></c><c r="F5" s="3"><v>0.30000000000000004</v></c></row>
      <row r="6"><c r="A6" s="1"/></row><row r="9"/>
    </sheetData></worksheet>`;
    const shared = `<sst ${MAIN_NS} count="5" uniqueCount="5"><si><t>name</t></si><si><t xml:space="preserve">région </t></si><si><r><rPr><b/></rPr><t>cre</t></r><r><t>ated</t></r><rPh><t>ignored</t></rPh></si><si><t>total</t></si><si><t>Al &lt;Amal&gt;_x000D_</t></si></sst>`;
    const styles = `<styleSheet ${MAIN_NS}><numFmts count="1"><numFmt numFmtId="165" formatCode="dd/mm/yyyy\\ hh:mm"/></numFmts><cellXfs count="4"><xf numFmtId="0"/><xf numFmtId="14" applyNumberFormat="1"/><xf applyNumberFormat="1" numFmtId="165"><alignment/></xf><xf numFmtId="2"/></cellXfs></styleSheet>`;
    const bytes = handMadeXlsx(sheet, {
      "xl/sharedStrings.xml": shared,
      "xl/styles.xml": styles,
      "xl/worksheets/sheet1.xml": `<worksheet ${MAIN_NS}><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>wrong sheet</t></is></c></row></sheetData></worksheet>`,
    });
    expect(parseXlsx(bytes)).toEqual({
      header: ["name", "région ", "created", "total"],
      rows: [
        ["Al <Amal>\r", "", "2026-03-01", "2"],
        ["", "FALSE", "2025-01-01", "a &amp; b"],
        [],
        ["x😀é", "", "", "0.0015", "", "0.3"],
      ],
    });
    expect(tabularError(() => parseXlsx(bytes, { maxRows: 3 })).code).toBe("too_large");
    expect(parseXlsx(bytes, { maxRows: 4 }).rows).toHaveLength(4);
  });

  it("finds a worksheet without workbook relationships and skips leading empty rows", () => {
    const bytes = zipSync({
      "xl/worksheets/sheet2.xml": strToU8(
        '<worksheet><sheetData><row r="1"><c r="A1"><v>9</v></c></row></sheetData></worksheet>',
      ),
      "xl/worksheets/sheet1.xml": strToU8(
        '<worksheet><sheetData><row r="2"><c r="B2" t="inlineStr"><is><t>id</t></is></c></row><row r="3"><c r="B3"><v>7</v></c></row></sheetData></worksheet>',
      ),
    });
    expect(parseXlsx(bytes)).toEqual({ header: ["", "id"], rows: [["", "7"]] });
  });

  it("rejects files that are not workbooks", () => {
    expect(tabularError(() => parseXlsx(new TextEncoder().encode("id,name\n1,x"))).code).toBe(
      "malformed",
    );
    expect(tabularError(() => parseXlsx(new Uint8Array([0x50, 0x4b, 3, 4, 0, 0]))).code).toBe(
      "malformed",
    );
    const noSheet = zipSync({ "xl/workbook.xml": strToU8("<workbook/>") });
    expect(tabularError(() => parseXlsx(noSheet)).code).toBe("malformed");
  });

  it("refuses archives declaring more than 50 MB uncompressed, before inflating", () => {
    const bytes = zipSync({ "xl/workbook.xml": strToU8("<workbook/>") });
    const view = new DataView(bytes.buffer);
    const central = bytes.findIndex((_, i) => view.getUint32(i, true) === 0x02014b50);
    view.setUint32(central + 24, 60 * 1024 * 1024, true);
    expect(tabularError(() => parseXlsx(bytes)).code).toBe("too_large");
  });
});

describe("readTable", () => {
  it("picks the parser from the content, not the name", () => {
    const xlsx = toXlsx("s", ["id", "name"], [[1, "Atlas"]]);
    expect(readTable(xlsx, "upload.csv")).toEqual({
      header: ["id", "name"],
      rows: [["1", "Atlas"]],
    });
    const csv = new TextEncoder().encode(toCsv(["id", "name"], [[1, "Atlas"]]));
    expect(readTable(csv, "upload.xls.csv")).toEqual({
      header: ["id", "name"],
      rows: [["1", "Atlas"]],
    });
    expect(readTable(new TextEncoder().encode("id;nom\n1;Fès"), "export.txt").rows).toEqual([
      ["1", "Fès"],
    ]);
  });

  it("reports empty, unsupported and malformed files", () => {
    expect(tabularError(() => readTable(new Uint8Array(), "a.csv")).code).toBe("empty");
    expect(
      tabularError(() => readTable(new TextEncoder().encode("\uFEFF\r\n,,\r\n"), "a.csv")).code,
    ).toBe("empty");
    const ole = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0]);
    expect(tabularError(() => readTable(ole, "old.xls")).code).toBe("unsupported");
    expect(tabularError(() => readTable(new TextEncoder().encode("a,b"), "x.xlsx")).code).toBe(
      "malformed",
    );
  });
});
