import * as fs from "fs";
import * as path from "path";
import { builtinCatalog, catalogFromRows, compareNames, nameMatchKey, normalizeName } from "../../../src/core/catalog";
import { isConfirmed, renderCatalogModule } from "../../../scripts/gen-catalog";

describe("built-in catalog", () => {
  const cat = builtinCatalog();

  it("holds confirmed and unconfirmed rows with their evidence", () => {
    expect(cat.source).toBe("builtin");
    expect(cat.lookup("2060704", "functional")).toMatchObject({ name: "学术交流活动", confirmed: true });
    expect(cat.lookup("202", "functional")).toMatchObject({
      name: "外交支出",
      confirmed: false,
      evidence: "S1(name);M(code)",
    });
    expect(cat.lookup("2060101", "functional")?.confirmed).toBe(false);
    expect(cat.lookup("30217", "economic")).toMatchObject({ name: "公务接待费", confirmed: true });
    expect(cat.lookup("30217", "functional")).toBeUndefined();
    expect(cat.lookup("301020101", "economic")).toMatchObject({ name: "艰苦边远地区津贴", confirmed: false });
    expect(cat.size()).toBeGreaterThan(300);
  });

  it("reads evidence keys: (name) and M do not confirm a code", () => {
    expect(isConfirmed("S1")).toBe(true);
    expect(isConfirmed("S1(text);G2;G5")).toBe(true);
    expect(isConfirmed("S1(name);M(code)")).toBe(false);
    expect(isConfirmed("G1(name);M(code)")).toBe(false);
    expect(isConfirmed("M;P5(name)")).toBe(false);
    expect(isConfirmed("G7(code 204-06-01 + name)")).toBe(true);
  });

  it("builtin-data.ts is up to date with the csv files", () => {
    const file = path.join(__dirname, "..", "..", "..", "src", "core", "catalog", "builtin-data.ts");
    expect(fs.readFileSync(file, "utf8")).toBe(renderCatalogModule());
  });
});

describe("name normalisation", () => {
  it("ignores bracket width, spaces and quotes", () => {
    expect(normalizeName("维修（护）费")).toBe(normalizeName("维修(护)费"));
    expect(normalizeName(" “最美科技工作者” 评选 ")).toBe("最美科技工作者评选");
    expect(nameMatchKey("科创中国·天府科技云服务大会")).toBe(nameMatchKey("科创中国.天府科技云服务大会"));
  });

  it("classifies near misses", () => {
    expect(compareNames("住房公积金支出", "住房公积金")).toBe("near");
    expect(compareNames("行政事业单位离退休", "行政事业单位养老支出", "20805", "functional")).toBe("near");
    expect(compareNames("行政事业单位离退休", "行政事业单位养老支出")).toBe("different");
    expect(compareNames("学术交流活动的", "学术交流活动")).toBe("different");
    expect(compareNames("维修(护)费", "维修（护）费")).toBe("same");
  });
});

describe("catalogFromRows", () => {
  it("finds the header below a title and reads both kinds", () => {
    const { catalog, problems } = catalogFromRows(
      [
        ["2024年政府收支分类科目"],
        ["序号", "科目名称", "科目编码"],
        ["1", "科学技术支出", "206"],
        ["2", "机构运行", "206 07 01"],
        ["3", "基本工资", "30101"],
        ["4", "一般公共预算收入", "101"],
      ],
      "官方.xlsx",
    );
    expect(problems).toEqual([]);
    expect(catalog.source).toBe("official");
    expect(catalog.label).toBe("官方.xlsx");
    expect(catalog.lookup("2060701", "functional")?.name).toBe("机构运行");
    expect(catalog.lookup("30101", "economic")?.name).toBe("基本工资");
    expect(catalog.lookup("101", "functional")).toBeDefined();
    expect(catalog.size()).toBe(4);
  });

  it("uses the first two columns without a header and reports skipped rows in Chinese", () => {
    const { catalog, problems } = catalogFromRows(
      [
        ["206", "科学技术支出"],
        ["20A", "坏编码"],
        ["2060", "四位"],
        ["20607", ""],
        ["406", "未知"],
        ["206", "科学技术"],
      ],
      "c.csv",
    );
    expect(catalog.size()).toBe(1);
    expect(problems).toHaveLength(5);
    expect(problems[0]).toContain("第2行");
    expect(problems.join("")).toMatch(/不是数字.*位数.*没有科目名称.*无法判断.*重复/);
  });

  it("reports an empty file", () => {
    expect(catalogFromRows([], "空.xlsx").problems).toEqual([
      "《空.xlsx》中没有读到任何科目（需要“科目编码”和“科目名称”两列）",
    ]);
  });
});
