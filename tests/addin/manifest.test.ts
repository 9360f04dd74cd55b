/**
 * Offline checks of manifest.xml (`npm run validate:offline`), since `office-addin-manifest validate` needs
 * Microsoft's online service for XML manifests. Element orders are the xs:sequence orders of Microsoft's
 * manifest schemas (OfficeAppManifestV1_1.xsd, TaskPaneAppVersionOverridesV1_0.xsd).
 */
import { readFileSync, existsSync } from "fs";
import { join } from "path";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { transformManifest, checkBaseUrl, DEV_BASE_URL } from "../../build/manifest-transform";

const ROOT = join(__dirname, "../..");
const xml = readFileSync(join(ROOT, "manifest.xml"), "utf8");

type Ordered = Record<string, unknown>;
const ordered = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "", preserveOrder: true }).parse(
  xml,
) as Ordered[];

function tag(node: Ordered): string {
  return Object.keys(node).find((k) => k !== ":@")!;
}
function children(node: Ordered): Ordered[] {
  return (node[tag(node)] as Ordered[]).filter((c) => !("#text" in c));
}
function attrs(node: Ordered): Record<string, string> {
  return (node[":@"] as Record<string, string>) ?? {};
}
function child(node: Ordered, name: string): Ordered {
  const c = children(node).find((n) => tag(n) === name);
  if (!c) throw new Error(`<${tag(node)}> has no <${name}>`);
  return c;
}
function all(node: Ordered, out: Ordered[] = []): Ordered[] {
  out.push(node);
  if (Array.isArray(node[tag(node)])) for (const c of children(node)) all(c, out);
  return out;
}
function text(node: Ordered): string {
  return ((node[tag(node)] as Ordered[]).find((c) => "#text" in c)?.["#text"] as string | undefined)?.toString() ?? "";
}
/** The child tags in document order must follow `sequence` (tags may be absent or repeat). */
function expectOrder(node: Ordered, sequence: string[]): void {
  const tags = children(node).map(tag);
  for (const t of tags) expect(sequence).toContain(t);
  const positions = tags.map((t) => sequence.indexOf(t));
  expect(positions).toEqual([...positions].sort((a, b) => a - b));
}

const officeApp = ordered.find((n) => tag(n) === "OfficeApp")!;
const vo = child(officeApp, "VersionOverrides");
const resources = child(vo, "Resources");

function pngSize(file: string): { width: number; height: number } {
  const b = readFileSync(file);
  expect(b.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  expect(b.subarray(12, 16).toString("ascii")).toBe("IHDR");
  return { width: b.readUInt32BE(16), height: b.readUInt32BE(20) };
}

describe("manifest.xml", () => {
  test("is well-formed XML with a TaskPaneApp root", () => {
    expect(XMLValidator.validate(xml)).toBe(true);
    expect(attrs(officeApp)["xsi:type"]).toBe("TaskPaneApp");
    expect(attrs(officeApp).xmlns).toBe("http://schemas.microsoft.com/office/appforoffice/1.1");
    expect(attrs(vo)["xsi:type"]).toBe("VersionOverridesV1_0");
  });

  test("elements are in the schema's order", () => {
    expectOrder(officeApp, [
      "Id",
      "AlternateId",
      "Version",
      "ProviderName",
      "DefaultLocale",
      "DisplayName",
      "Description",
      "IconUrl",
      "HighResolutionIconUrl",
      "SupportUrl",
      "AppDomains",
      "Hosts",
      "Requirements",
      "DefaultSettings",
      "Permissions",
      "Dictionary",
      "VersionOverrides",
    ]);
    expectOrder(vo, ["Description", "Requirements", "Hosts", "Resources"]);
    const dff = child(child(child(vo, "Hosts"), "Host"), "DesktopFormFactor");
    expectOrder(dff, ["GetStarted", "FunctionFile", "ExtensionPoint"]);
    expectOrder(child(dff, "GetStarted"), ["Title", "Description", "LearnMoreUrl"]);
    const group = child(child(child(dff, "ExtensionPoint"), "OfficeTab"), "Group");
    expectOrder(group, ["Label", "Icon", "Control"]);
    const button = child(group, "Control");
    expectOrder(button, ["Label", "Supertip", "Icon", "Action"]);
    expectOrder(child(button, "Action"), ["TaskpaneId", "SourceLocation"]);
    expectOrder(resources, ["bt:Images", "bt:Urls", "bt:ShortStrings", "bt:LongStrings"]);
  });

  test("identity: GUID Id, n.n.n.n Version, zh-CN, Workbook host, ReadWriteDocument", () => {
    expect(text(child(officeApp, "Id"))).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i);
    expect(text(child(officeApp, "Version"))).toMatch(/^\d{1,5}\.\d{1,5}\.\d{1,5}\.\d{1,5}$/);
    expect(text(child(officeApp, "DefaultLocale"))).toBe("zh-CN");
    expect(attrs(child(officeApp, "DisplayName")).DefaultValue).toBe("预算公开表校验");
    expect(attrs(child(child(officeApp, "Hosts"), "Host")).Name).toBe("Workbook");
    expect(text(child(officeApp, "Permissions"))).toBe("ReadWriteDocument");
    expect(attrs(child(child(vo, "Hosts"), "Host"))["xsi:type"]).toBe("Workbook");
  });

  test("the ribbon button shows the task pane, labelled in Chinese", () => {
    const nodes = all(vo);
    const tab = nodes.find((n) => tag(n) === "OfficeTab")!;
    expect(attrs(tab).id).toBe("TabHome");
    const action = nodes.find((n) => tag(n) === "Action")!;
    expect(attrs(action)["xsi:type"]).toBe("ShowTaskpane");
    const strings = new Map(
      all(resources)
        .filter((n) => tag(n) === "bt:String")
        .map((n) => [attrs(n).id, attrs(n).DefaultValue]),
    );
    const group = nodes.find((n) => tag(n) === "Group")!;
    expect(strings.get(attrs(child(group, "Label")).resid)).toBe("预算校验");
    expect(strings.get(attrs(child(child(group, "Control"), "Label")).resid)).toBe("校验预算表");
  });

  test("every URL is https", () => {
    const urls = all(officeApp).flatMap((n) => {
      const a = attrs(n);
      const t = tag(n);
      const out: string[] = [];
      if (a.DefaultValue && /Url|SourceLocation|bt:Image|bt:Url/.test(t)) out.push(a.DefaultValue);
      if (t === "AppDomain") out.push(text(n));
      return out;
    });
    expect(urls.length).toBeGreaterThanOrEqual(10);
    for (const u of urls) expect(u).toMatch(/^https:\/\//);
  });

  test("every resid resolves to a resource of the right kind", () => {
    const ids = new Map<string, string>();
    for (const kind of ["bt:Images", "bt:Urls", "bt:ShortStrings", "bt:LongStrings"])
      for (const n of children(child(resources, kind))) {
        expect(ids.has(attrs(n).id)).toBe(false); // unique ids
        ids.set(attrs(n).id, kind);
      }
    const refs = all(vo).filter((n) => attrs(n).resid);
    expect(refs.length).toBeGreaterThan(10);
    for (const r of refs) {
      const kind = ids.get(attrs(r).resid);
      expect({ resid: attrs(r).resid, found: kind !== undefined }).toEqual({ resid: attrs(r).resid, found: true });
      if (tag(r) === "bt:Image") expect(kind).toBe("bt:Images");
      if (tag(r) === "SourceLocation" || tag(r) === "FunctionFile" || tag(r) === "LearnMoreUrl")
        expect(kind).toBe("bt:Urls");
      if (tag(r) === "Description") expect(kind).toBe("bt:LongStrings");
      if (tag(r) === "Title" || tag(r) === "Label") expect(kind).toBe("bt:ShortStrings");
    }
  });

  test("string lengths: ShortStrings ≤ 125, LongStrings and Description ≤ 250", () => {
    for (const n of children(child(resources, "bt:ShortStrings")))
      expect(attrs(n).DefaultValue.length).toBeLessThanOrEqual(125);
    for (const n of children(child(resources, "bt:LongStrings")))
      expect(attrs(n).DefaultValue.length).toBeLessThanOrEqual(250);
    expect(attrs(child(officeApp, "Description")).DefaultValue.length).toBeLessThanOrEqual(250);
    expect(attrs(child(officeApp, "DisplayName")).DefaultValue.length).toBeLessThanOrEqual(125);
  });

  test("icons exist in assets/ and are PNGs of the declared size", () => {
    const images = children(child(resources, "bt:Images"));
    const declared = images.map((n) => ({
      url: attrs(n).DefaultValue,
      size: Number(/Icon\.(\d+)x\1/.exec(attrs(n).id)?.[1]),
    }));
    declared.push({ url: attrs(child(officeApp, "IconUrl")).DefaultValue, size: 32 });
    declared.push({ url: attrs(child(officeApp, "HighResolutionIconUrl")).DefaultValue, size: 64 });
    expect(declared.map((d) => d.size).sort((a, b) => a - b)).toEqual([16, 32, 32, 64, 80]);
    for (const { url, size } of declared) {
      const file = join(ROOT, url.replace(DEV_BASE_URL, ""));
      expect(existsSync(file)).toBe(true);
      const fromName = Number(/icon-(\d+)\.png$/.exec(file)?.[1]);
      expect(fromName).toBe(size);
      expect(pngSize(file)).toEqual({ width: size, height: size });
    }
    for (const size of [16, 32, 64, 80, 128])
      expect(pngSize(join(ROOT, `assets/icon-${size}.png`))).toEqual({ width: size, height: size });
  });

  test("pages the manifest names are built: taskpane.html, commands.html, help.html", () => {
    const pages = all(officeApp)
      .map((n) => attrs(n).DefaultValue)
      .filter((v): v is string => !!v && v.endsWith(".html"))
      .map((v) => v.replace(DEV_BASE_URL, ""));
    expect(new Set(pages)).toEqual(new Set(["taskpane.html", "commands.html", "help.html"]));
    const webpack = readFileSync(join(ROOT, "webpack.config.js"), "utf8");
    for (const p of ["taskpane.html", "commands.html", "help.html"]) expect(webpack).toContain(`"${p}"`);
  });
});

describe("production URL rewrite (build/manifest-transform.js)", () => {
  const base = "https://addins.intranet.example/budget-check/";

  test("leaves no localhost and keeps the manifest valid", () => {
    const prod = transformManifest(xml, base);
    expect(prod).not.toMatch(/localhost/);
    expect(XMLValidator.validate(prod)).toBe(true);
    expect(prod).toContain(`<SourceLocation DefaultValue="${base}taskpane.html"/>`);
    expect(prod).toContain(`DefaultValue="${base}assets/icon-80.png"`);
    expect(prod).toContain("<AppDomain>https://addins.intranet.example</AppDomain>");
    // Only URLs change: the same number of lines and elements.
    expect(prod.split("\n").length).toBe(xml.split("\n").length);
  });

  test("ADDIN_BASE_URL must be https and end with /", () => {
    expect(checkBaseUrl(base)).toBeUndefined();
    expect(checkBaseUrl(undefined)).toMatch(/ADDIN_BASE_URL/);
    expect(checkBaseUrl("http://addins.intranet.example/")).toMatch(/https/);
    expect(checkBaseUrl("https://addins.intranet.example/budget")).toMatch(/“\/”/);
    expect(checkBaseUrl("不是网址")).toMatch(/不是有效的网址/);
    expect(() => transformManifest(xml, "http://x/")).toThrow(/https/);
  });
});
