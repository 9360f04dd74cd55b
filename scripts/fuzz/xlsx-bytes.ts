/**
 * Hostile .xlsx bytes for the reader fuzz (tests/property/xlsx-reader.fuzz.test.ts, scripts/fuzz.ts):
 *
 *   - byte mutations of the real example files: truncation, flipped bytes, overwritten ranges;
 *   - part mutations (unzip → change one part's XML → zip again): truncated XML, garbage, entity declarations,
 *     deep nesting, huge coordinates, missing or duplicated elements;
 *   - hand-made bombs: billion laughs, external entities, a part inflating to gigabytes (honest and forged sizes),
 *     tens of thousands of entries, huge shared strings, far-away cells, deep nesting.
 *
 * and the reader's contract: a WorkbookData or an XlsxReadError with a one-line Chinese reason, nothing else.
 */
import * as fs from "fs";
import * as path from "path";
import fc from "fast-check";
import { strFromU8, strToU8, unzipSync, zipSync, type Zippable } from "fflate";
import type { WorkbookData } from "../../src/core/model/workbook";
import { readXlsxBuffer, XlsxReadError } from "../../src/hosts/xlsx/parse";
import type { Limits } from "../../src/core/limits";
import { EXAMPLE_FILES } from "./grids";

const ROOT = path.join(__dirname, "..", "..");

let files: Uint8Array[] | undefined;
export function exampleBytes(): Uint8Array[] {
  files ??= EXAMPLE_FILES.map((f) => new Uint8Array(fs.readFileSync(path.join(ROOT, "examples", f))));
  return files;
}

let partsCache: Record<string, Uint8Array>[] | undefined;
/** The parts of each example file (fflate is fine here: the files are ours). */
export function exampleParts(): Record<string, Uint8Array>[] {
  partsCache ??= exampleBytes().map((b) => unzipSync(b));
  return partsCache;
}

export function zipParts(parts: Record<string, Uint8Array>): Uint8Array {
  const z: Zippable = {};
  for (const [k, v] of Object.entries(parts)) z[k] = [v, { level: 1 }];
  return zipSync(z);
}

// ---------------------------------------------------------------------------------------------------------------
// Byte mutations of whole files

export type ByteMutation =
  | { kind: "truncate"; at: number }
  | { kind: "flip"; at: number[]; xor: number }
  | { kind: "overwrite"; at: number; bytes: number[] };

export const arbByteMutation: fc.Arbitrary<ByteMutation> = fc.oneof(
  fc.record({ kind: fc.constant("truncate" as const), at: fc.nat() }),
  fc.record({
    kind: fc.constant("flip" as const),
    at: fc.array(fc.nat(), { minLength: 1, maxLength: 8 }),
    xor: fc.integer({ min: 1, max: 255 }),
  }),
  fc.record({
    kind: fc.constant("overwrite" as const),
    at: fc.nat(),
    bytes: fc.array(fc.nat({ max: 255 }), { minLength: 1, maxLength: 64 }),
  }),
);

export function mutateBytes(src: Uint8Array, m: ByteMutation): Uint8Array {
  switch (m.kind) {
    case "truncate":
      return src.slice(0, m.at % src.length);
    case "flip": {
      const out = src.slice();
      for (const i of m.at) out[i % out.length] ^= m.xor;
      return out;
    }
    case "overwrite": {
      const out = src.slice();
      const at = m.at % out.length;
      out.set(m.bytes.slice(0, out.length - at), at);
      return out;
    }
  }
}

// ---------------------------------------------------------------------------------------------------------------
// XML mutations of one part

export type PartMutation =
  | { kind: "truncate"; at: number }
  | { kind: "insert"; at: number; text: string }
  | { kind: "replace"; from: string; to: string }
  | { kind: "remove"; part: boolean };

const XML_SNIPPETS = [
  "<",
  ">",
  "&",
  "&lol;",
  "&#0;",
  "&#x110000;",
  "]]>",
  "<![CDATA[x]]>",
  '<c r="A1048577"><v>1</v></c>',
  '<c r="XFE1"><v>1</v></c>',
  '<c r="A1" t="s"><v>999999</v></c>',
  '<c r="B2" t="s"><v>-1</v></c>',
  '<c r="C3" t="inlineStr"><is><t>&lt;script&gt;</t></is></c>',
  '<mergeCell ref="A1:XFD1048576"/>',
  '<mergeCell ref="ZZZZ1:A1"/>',
  '<row r="0">',
  '<row r="-5">',
  "</sheetData>",
  "<sheetData>",
  '<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa">]>',
  '<!DOCTYPE x SYSTEM "file:///etc/passwd">',
  '<?xml version="1.0" encoding="UTF-16"?>',
  '<c r="A1" t="n"><v>1e400</v></c>',
  '<c r="A1" t="b"><v>maybe</v></c>',
  '<c t="d"><v>2024-01-01</v></c>',
  "\uFEFF",
  "\u0000",
];

export const arbPartMutation: fc.Arbitrary<PartMutation> = fc.oneof(
  fc.record({ kind: fc.constant("truncate" as const), at: fc.nat() }),
  fc.record({
    kind: fc.constant("insert" as const),
    at: fc.nat(),
    text: fc.oneof(fc.constantFrom(...XML_SNIPPETS), fc.string({ maxLength: 20 })),
  }),
  fc.record({
    kind: fc.constant("replace" as const),
    from: fc.constantFrom(
      't="s"',
      "<v>",
      "</v>",
      "<row",
      "<c ",
      'r="',
      "sheetData",
      "<si>",
      "<t>",
      "Relationship",
      "Target=",
      "<sheet ",
      "name=",
    ),
    to: fc.constantFrom(
      "",
      't="inlineStr"',
      "<v>-",
      "<V>",
      "<roww",
      '<c r="A99999999" ',
      'r="ZZZZZ',
      "x",
      "<sj>",
      '<t xml:space="preserve">',
      'Target="../../../etc/passwd" x=',
    ),
  }),
  fc.record({ kind: fc.constant("remove" as const), part: fc.constant(true) }),
);

export interface PartCase {
  example: number;
  /** Index into the example's sorted part names (mod count). */
  part: number;
  mutations: PartMutation[];
}

export const arbPartCase: fc.Arbitrary<PartCase> = fc.record({
  example: fc.nat({ max: EXAMPLE_FILES.length - 1 }),
  part: fc.nat(),
  mutations: fc.array(arbPartMutation, { minLength: 1, maxLength: 3 }),
});

/** Only the parts the reader reads are worth mutating (styles and themes are never opened). */
const READ_PARTS =
  /^(\[Content_Types\]\.xml|_rels\/\.rels|xl\/workbook\.xml|xl\/_rels\/workbook\.xml\.rels|xl\/sharedStrings\.xml|xl\/worksheets\/sheet\d+\.xml)$/;

export function partCaseBytes(c: PartCase): Uint8Array {
  const parts = { ...exampleParts()[c.example] };
  const names = Object.keys(parts)
    .filter((n) => READ_PARTS.test(n))
    .sort();
  const name = names[c.part % names.length];
  let xml = strFromU8(parts[name]);
  for (const m of c.mutations) {
    switch (m.kind) {
      case "truncate":
        xml = xml.slice(0, m.at % (xml.length + 1));
        break;
      case "insert": {
        const at = m.at % (xml.length + 1);
        xml = xml.slice(0, at) + m.text + xml.slice(at);
        break;
      }
      case "replace":
        xml = xml.split(m.from).join(m.to);
        break;
      case "remove":
        delete parts[name];
        break;
    }
  }
  if (name in parts) parts[name] = strToU8(xml);
  return zipParts(parts);
}

// ---------------------------------------------------------------------------------------------------------------
// Hand-made hostile files

/** The corrected example with some parts replaced (by name) or added. */
export function withParts(replace: Record<string, string | Uint8Array>): Uint8Array {
  const parts: Record<string, Uint8Array> = { ...exampleParts()[1] };
  for (const [k, v] of Object.entries(replace)) parts[k] = typeof v === "string" ? strToU8(v) : v;
  return zipParts(parts);
}

const SHEET_HEAD =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">';

/** Billion laughs: ten levels of ten references (10^9 "lol"s if a parser expanded them). */
export function billionLaughs(): string {
  let dtd = '<!DOCTYPE lolz [<!ENTITY lol "lol">';
  for (let i = 1; i <= 9; i++) dtd += `<!ENTITY lol${i} "${`&lol${i === 1 ? "" : i - 1};`.repeat(10)}">`;
  dtd += "]>";
  return `<?xml version="1.0"?>${dtd}<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="1"><si><t>&lol9;</t></si></sst>`;
}

/** An external entity pointing at a local file (XXE). */
export function externalEntity(): string {
  return `<?xml version="1.0"?><!DOCTYPE sst [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="1"><si><t>&xxe;</t></si></sst>`;
}

/** Elements nested `depth` deep inside the sheet data. */
export function deepNesting(depth: number): string {
  return `${SHEET_HEAD}<sheetData><row r="1"><c r="A1" t="inlineStr"><is>${"<r>".repeat(depth)}<t>x</t>${"</r>".repeat(depth)}</is></c></row></sheetData></worksheet>`;
}

/** A sheet whose cells all use shared string 0. */
export function sheetOfSharedRefs(rows: number, cols: number): string {
  const parts: string[] = [SHEET_HEAD, "<sheetData>"];
  for (let r = 1; r <= rows; r++) {
    parts.push(`<row r="${r}">`);
    for (let c = 0; c < cols; c++) parts.push(`<c t="s"><v>0</v></c>`);
    parts.push("</row>");
  }
  parts.push("</sheetData></worksheet>");
  return parts.join("");
}

export function sharedStrings(strings: string[]): string {
  return `<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">${strings.map((s) => `<si><t>${s}</t></si>`).join("")}</sst>`;
}

/** One cell at the given reference. */
export function sheetWithCell(ref: string): string {
  return `${SHEET_HEAD}<sheetData><row><c r="${ref}"><v>1</v></c></row></sheetData></worksheet>`;
}

/** LSB-first bit writer for hand-made deflate streams. */
class BitWriter {
  out: number[] = [];
  private acc = 0;
  n = 0;
  bits(value: number, count: number): void {
    for (let i = 0; i < count; i++) {
      this.acc |= ((value >> i) & 1) << this.n++;
      if (this.n === 8) {
        this.out.push(this.acc);
        this.acc = 0;
        this.n = 0;
      }
    }
  }
  /** Huffman codes go most significant bit first. */
  huff(code: number, len: number): void {
    for (let i = len - 1; i >= 0; i--) this.bits((code >> i) & 1, 1);
  }
  /** A literal byte in the fixed Huffman code. */
  literal(b: number): void {
    if (b < 144) this.huff(0x30 + b, 8);
    else this.huff(0x190 + b - 144, 9);
  }
  /** Copy 258 bytes from distance 1 (length code 285 = 11000101, distance code 0 = 00000): 13 bits. */
  copy258(): void {
    this.huff(0xc5, 8);
    this.huff(0, 5);
  }
  flush(): Uint8Array {
    if (this.n > 0) this.out.push(this.acc);
    return Uint8Array.from(this.out);
  }
}

/**
 * A raw deflate stream of `head`, then `count` bytes `fill`, then `tail`, written by hand (one fixed-Huffman block
 * of length-258 copies; eight copies are 13 whole bytes, repeated): a gigabyte costs ~6.5 MB and milliseconds.
 */
export function deflateFill(count: number, fill = 0, head = "", tail = ""): Uint8Array {
  const w = new BitWriter();
  w.bits(1, 1); // BFINAL
  w.bits(1, 2); // fixed Huffman codes
  for (const b of strToU8(head)) w.literal(b);
  let left = count;
  if (left > 0) {
    w.literal(fill);
    left--;
  }
  while (left >= 258 && w.n !== 0) {
    w.copy258();
    left -= 258;
  }
  const groups = Math.floor(left / (8 * 258));
  let prefix = Uint8Array.from(w.out);
  let group = new Uint8Array(0);
  if (groups > 0) {
    const start = w.out.length;
    for (let k = 0; k < 8; k++) w.copy258();
    group = Uint8Array.from(w.out.slice(start));
    prefix = Uint8Array.from(w.out.slice(0, start));
    left -= groups * 8 * 258;
  }
  // Aligned again after a 13-byte group: the rest is written by a fresh writer (without groups, by the same one).
  const rest = groups > 0 ? new BitWriter() : w;
  if (groups === 0) prefix = new Uint8Array(0);
  while (left >= 258) {
    rest.copy258();
    left -= 258;
  }
  for (; left > 0; left--) rest.literal(fill);
  for (const b of strToU8(tail)) rest.literal(b);
  rest.huff(0, 7); // end of block
  const restBytes = rest.flush();
  const out = new Uint8Array(prefix.length + groups * group.length + restBytes.length);
  out.set(prefix);
  for (let g = 0; g < groups; g++) out.set(group, prefix.length + g * group.length);
  out.set(restBytes, prefix.length + groups * group.length);
  return out;
}

/** A zip archive from raw entries (method 8 with the given deflate data and declared size, or stored). */
export function rawZip(entries: { name: string; data: Uint8Array; size: number; method?: number }[]): Uint8Array {
  const chunks: Uint8Array[] = [];
  const central: Uint8Array[] = [];
  let offset = 0;
  const le = (v: number, bytes: number) => {
    const b = new Uint8Array(bytes);
    for (let i = 0; i < bytes; i++) b[i] = Math.floor(v / 2 ** (8 * i)) & 0xff;
    return b;
  };
  const cat = (parts: Uint8Array[]) => {
    const out = new Uint8Array(parts.reduce((s, p) => s + p.length, 0));
    let p = 0;
    for (const x of parts) {
      out.set(x, p);
      p += x.length;
    }
    return out;
  };
  for (const e of entries) {
    const name = strToU8(e.name);
    const method = e.method ?? 8;
    // The fields local header and central directory share: flags (UTF-8 names), method, time and date, CRC (never
    // checked by the reader), sizes, name length, extra length.
    const common = [
      le(0x800, 2),
      le(method, 2),
      le(0, 4),
      le(0, 4),
      le(e.data.length, 4),
      le(e.size, 4),
      le(name.length, 2),
      le(0, 2),
    ];
    const local = cat([le(0x04034b50, 4), le(20, 2), ...common, name]);
    // Central record: version made by, then the shared fields, comment length, disk, attributes, local offset.
    central.push(
      cat([
        le(0x02014b50, 4),
        le(20, 2),
        le(20, 2),
        ...common,
        le(0, 2),
        le(0, 2),
        le(0, 2),
        le(0, 4),
        le(offset, 4),
        name,
      ]),
    );
    chunks.push(local, e.data);
    offset += local.length + e.data.length;
  }
  const cd = cat(central);
  const count = Math.min(entries.length, 0xffff);
  const eocd = cat([
    le(0x06054b50, 4),
    le(0, 2),
    le(0, 2),
    le(count, 2),
    le(count, 2),
    le(cd.length, 4),
    le(offset, 4),
    le(0, 2),
  ]);
  return cat([...chunks, cd, eocd]);
}

/** The corrected example's parts as raw entries, with `extra` entries added (e.g. a bomb as the first sheet). */
export function exampleWithRawEntries(extra: { name: string; data: Uint8Array; size: number }[]): Uint8Array {
  const names = new Set(extra.map((e) => e.name));
  const base = Object.entries(exampleParts()[1])
    .filter(([n]) => !names.has(n))
    .map(([name, data]) => ({ name, data, size: data.length, method: 0 }));
  return rawZip([...base, ...extra]);
}

/** Each hostile case: its name (used by tests and the fuzz script's report) and its bytes. */
export function hostileFiles(): { name: string; bytes: () => Uint8Array }[] {
  const GB = 1024 * 1024 * 1024;
  return [
    {
      name: "billion laughs in sharedStrings.xml",
      bytes: () => withParts({ "xl/sharedStrings.xml": billionLaughs() }),
    },
    {
      name: "billion laughs in workbook.xml",
      bytes: () =>
        withParts({
          "xl/workbook.xml": billionLaughs().replace(
            /<sst[\s\S]*$/,
            '<workbook><sheets><sheet name="&lol9;" sheetId="1" r:id="rId1"/></sheets></workbook>',
          ),
        }),
    },
    { name: "external entity (XXE)", bytes: () => withParts({ "xl/sharedStrings.xml": externalEntity() }) },
    {
      name: "zip bomb: sheet1.xml inflates to 3 GB (declared)",
      bytes: () =>
        exampleWithRawEntries([
          { name: "xl/worksheets/sheet1.xml", data: deflateFill(64 * 1024 * 1024), size: 3 * GB },
        ]),
    },
    {
      name: "zip bomb: sheet1.xml inflates to 1 GB (declared 7 KB)",
      bytes: () => exampleWithRawEntries([{ name: "xl/worksheets/sheet1.xml", data: deflateFill(GB), size: 7000 }]),
    },
    {
      name: "zip bomb: 14 valid sheets of 90 MB of spaces (over the total)",
      bytes: () => {
        const [head, tail] = [`${SHEET_HEAD}<sheetData>`, "</sheetData></worksheet>"];
        const size = 90 * 1024 * 1024;
        const data = deflateFill(size - head.length - tail.length, 0x20, head, tail);
        return exampleWithRawEntries(
          Array.from({ length: 14 }, (_, i) => ({ name: `xl/worksheets/sheet${i + 1}.xml`, data, size })),
        );
      },
    },
    {
      name: "20,000 zip entries",
      bytes: () =>
        rawZip([
          ...Array.from({ length: 20_000 }, (_, i) => ({
            name: `x/${i}.xml`,
            data: new Uint8Array(0),
            size: 0,
            method: 0,
          })),
        ]),
    },
    {
      name: "huge shared strings (a 40,000-character string)",
      bytes: () =>
        withParts({
          "xl/sharedStrings.xml": sharedStrings(["长".repeat(40_000)]),
          "xl/worksheets/sheet1.xml": sheetOfSharedRefs(1, 1),
        }),
    },
    {
      name: "huge shared strings (200,000 strings)",
      bytes: () =>
        withParts({ "xl/sharedStrings.xml": sharedStrings(Array.from({ length: 200_000 }, (_, i) => `字符串${i}`)) }),
    },
    {
      name: "a 30,000-character string in 10,000 cells",
      bytes: () =>
        withParts({
          "xl/sharedStrings.xml": sharedStrings(["字".repeat(30_000)]),
          "xl/worksheets/sheet1.xml": sheetOfSharedRefs(1000, 10),
        }),
    },
    {
      name: "deep nesting (100,000 levels)",
      bytes: () => withParts({ "xl/worksheets/sheet1.xml": deepNesting(100_000) }),
    },
    {
      name: "cell beyond Excel's rows (A99999999)",
      bytes: () => withParts({ "xl/worksheets/sheet1.xml": sheetWithCell("A99999999") }),
    },
    {
      name: "cell beyond Excel's columns (ZZZZZZZZ1)",
      bytes: () => withParts({ "xl/worksheets/sheet1.xml": sheetWithCell("ZZZZZZZZ1") }),
    },
    {
      name: "cell at the last cell of the grid (XFD1048576)",
      bytes: () => withParts({ "xl/worksheets/sheet1.xml": sheetWithCell("XFD1048576") }),
    },
    {
      name: "merged range over the whole grid",
      bytes: () =>
        withParts({
          "xl/worksheets/sheet1.xml": `${SHEET_HEAD}<sheetData><row r="1"><c r="A1"><v>1</v></c></row></sheetData><mergeCells><mergeCell ref="A1:XFD1048576"/></mergeCells></worksheet>`,
        }),
    },
  ];
}

// ---------------------------------------------------------------------------------------------------------------
// The reader's contract

export type ReadOutcome = { ok: true; workbook: WorkbookData } | { ok: false; reason: string; code: string };

/** Reads bytes; returns the outcome, or a list of contract violations (an exception other than XlsxReadError, a bad reason). */
export function readHostile(bytes: Uint8Array, limits?: Limits): { outcome?: ReadOutcome; problems: string[] } {
  try {
    return { outcome: { ok: true, workbook: readXlsxBuffer(bytes, "fuzz.xlsx", limits) }, problems: [] };
  } catch (err) {
    if (!(err instanceof XlsxReadError)) {
      return { problems: [`not an XlsxReadError: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`] };
    }
    return { outcome: { ok: false, reason: err.reason, code: err.code }, problems: reasonProblems(err.reason) };
  }
}

/** A reason must be one line of Chinese with no stack frame and no JavaScript error text. */
export function reasonProblems(reason: string): string[] {
  const problems: string[] = [];
  if (!/[\u4e00-\u9fff]/.test(reason)) problems.push(`reason not Chinese: ${reason}`);
  if (/\n/.test(reason)) problems.push(`reason has several lines: ${reason}`);
  if (/\bat\s+\S+\s*\(|\.(js|ts):\d+|TypeError|RangeError|undefined|NaN/.test(reason))
    problems.push(`reason looks like a crash: ${reason}`);
  return problems;
}
