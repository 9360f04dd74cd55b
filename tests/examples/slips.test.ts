/** SLIPS addresses point at the cells that hold the slips in seed-as-published.xlsx. */
import * as fs from "fs";
import * as path from "path";
import { SLIPS, slipsFor } from "../../examples/data/slips";
import { parseA1 } from "../../src/core/model/workbook";
import { readXlsxBuffer } from "../../src/hosts/xlsx/reader";

const file = path.join(__dirname, "..", "..", "examples", "seed-as-published.xlsx");
const wb = readXlsxBuffer(new Uint8Array(fs.readFileSync(file)), "seed-as-published.xlsx");

function cell(sheet: string, address: string): unknown {
  const s = wb.sheets.find((x) => x.name === sheet);
  const p = parseA1(address);
  if (!s || !p) throw new Error(`${sheet}!${address}`);
  return s.rows[p.row]?.[p.col] ?? null;
}

describe("SLIPS", () => {
  it("has unique addresses on existing sheets and English descriptions", () => {
    const keys = SLIPS.map((s) => `${s.sheet}!${s.address}`);
    expect(new Set(keys).size).toBe(keys.length);
    for (const s of SLIPS) {
      expect(wb.sheets.some((x) => x.name === s.sheet)).toBe(true);
      expect(s.what).toMatch(/[a-z]{3}/);
    }
    expect(new Set(SLIPS.map((s) => s.kind))).toEqual(new Set(["rounding", "error", "warning", "info"]));
  });

  it("points at the printed wrong values", () => {
    const find = (table: string, needle: RegExp) => {
      const s = SLIPS.find((x) => x.table === table && needle.test(x.what));
      if (!s) throw new Error(`${table} ${needle}`);
      return cell(s.sheet, s.address);
    };
    expect(find("1-2", /合计 753.70/)).toBe(753.7);
    expect(find("1", /卫生健康支出 23.49/)).toBe(23.49);
    expect(find("2-1", /30102/)).toBe(40.21);
    expect(find("2-1", /30301/)).toBe(16.29);
    expect(find("3-1", /303 对个人/)).toBe(78.87);
    expect(find("3", /学术交流活动的/)).toBe("学术交流活动的");
    expect(find("7", /资金总额 300.569/)).toBe(300.569);
    expect(find("6", /≤15/)).toBe(15);
    expect(find("6", /群次/)).toBe("群次");
    expect(find("6", /可持续发展指标/)).toBe("可持续发展指标");
  });

  it("blank-direction and empty 三级 slips point at empty cells", () => {
    for (const s of SLIPS.filter((x) => /指标方向性 is blank|三级指标 is empty/.test(x.what))) {
      expect([s.address, cell(s.sheet, s.address)]).toEqual([s.address, null]);
    }
  });

  it("follows the layout: other sheet names and offsets move the addresses", () => {
    const moved = slipsFor({ offset: { rows: 3, cols: 2 }, sheetNames: { "3": "表3" } });
    const a = SLIPS.find((s) => s.table === "3" && /学术交流活动的/.test(s.what))!;
    const b = moved.find((s) => s.table === "3" && /学术交流活动的/.test(s.what))!;
    const pa = parseA1(a.address)!;
    const pb = parseA1(b.address)!;
    expect(b.sheet).toBe("表3");
    expect([pb.row - pa.row, pb.col - pa.col]).toEqual([3, 2]);
  });
});

describe("SLIPS.md", () => {
  it("names only cells that SLIPS lists for the same table", () => {
    const md = fs.readFileSync(path.join(__dirname, "..", "..", "examples", "SLIPS.md"), "utf8");
    const section = md.slice(md.indexOf("## Slips kept"), md.indexOf("## Repairs"));
    let seen = 0;
    for (const line of section.split("\n")) {
      const cols = line.split("|").map((c) => c.trim());
      if (cols.length < 6 || !/^[\d-]+$/.test(cols[1])) continue;
      for (const address of cols[2].split(/,\s*/).filter((a) => /^[A-Z]+\d+$/.test(a))) {
        expect([cols[1], address, SLIPS.some((s) => s.table === cols[1] && s.address === address)]).toEqual([
          cols[1],
          address,
          true,
        ]);
        seen += 1;
      }
    }
    expect(seen).toBeGreaterThan(25);
  });
});
