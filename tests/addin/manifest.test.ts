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

/**
 * Limits of Microsoft's manifest schemas (OfficeAppManifestV1_1.xsd, TaskPaneAppVersionOverridesV1_0.xsd,
 * OfficeAppBasicTypes): Office refuses to side-load a manifest that breaks one of them ("This add-in is no longer
 * available"). Checked on any manifest text, so the production manifest gets the same checks.
 */
const LIMITS = {
  resourceId: 32, // bt:ShortResourceId: every bt:* id and every resid
  controlId: 125, // Group/Control id, TaskpaneId
  shortString: 125, // DisplayName, bt:ShortStrings, ProviderName
  longString: 250, // Description, bt:LongStrings
  url: 2048,
};
const PERMISSIONS = ["Restricted", "ReadDocument", "ReadAllDocument", "WriteDocument", "ReadWriteDocument"];

function schemaProblems(text: string): string[] {
  const problems: string[] = [];
  const say = (ok: boolean, what: string) => {
    if (!ok) problems.push(what);
  };
  if (XMLValidator.validate(text) !== true) return ["not well-formed XML"];
  const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "", preserveOrder: true }).parse(
    text,
  ) as Ordered[];
  const app = doc.find((n) => tag(n) === "OfficeApp");
  if (!app) return ["no <OfficeApp>"];
  const seq = (node: Ordered, sequence: string[], required: string[] = []) => {
    const tags = children(node).map(tag);
    for (const t of tags) say(sequence.includes(t), `<${tag(node)}> may not contain <${t}>`);
    for (const r of required) say(tags.includes(r), `<${tag(node)}> lacks <${r}>`);
    const pos = tags.map((t) => sequence.indexOf(t));
    say(
      pos.every((p, i) => i === 0 || pos[i - 1] <= p),
      `<${tag(node)}> children out of order: ${tags.join(", ")}`,
    );
  };
  seq(app, OFFICEAPP_ORDER, [
    "Id",
    "Version",
    "ProviderName",
    "DefaultLocale",
    "DisplayName",
    "Description",
    "Hosts",
    "DefaultSettings",
    "Permissions",
  ]);
  const get = (node: Ordered | undefined, name: string) =>
    node ? children(node).find((n) => tag(n) === name) : undefined;
  say(
    /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/.test(text_(get(app, "Id"))),
    "Id is not a GUID",
  );
  say(/^\d{1,5}(\.\d{1,5}){0,3}$/.test(text_(get(app, "Version"))), "Version is not n.n.n.n");
  say(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(text_(get(app, "DefaultLocale"))), "DefaultLocale is not a culture name");
  const provider = text_(get(app, "ProviderName"));
  say(provider.length > 0 && provider.length <= LIMITS.longString, "ProviderName empty or too long");
  const dv = (n: Ordered | undefined) => (n ? (attrs(n).DefaultValue ?? "") : "");
  say(
    dv(get(app, "DisplayName")).length > 0 && dv(get(app, "DisplayName")).length <= LIMITS.shortString,
    "DisplayName > 125",
  );
  say(
    dv(get(app, "Description")).length > 0 && dv(get(app, "Description")).length <= LIMITS.longString,
    "Description > 250",
  );
  say(PERMISSIONS.includes(text_(get(app, "Permissions"))), "Permissions not one of the schema's values");
  const req = get(app, "Requirements");
  if (req) {
    seq(req, ["Sets", "Methods"]);
    for (const set of children(get(req, "Sets") ?? req).filter((n) => tag(n) === "Set"))
      say(
        /^\d+\.\d+$/.test(attrs(set).MinVersion ?? "1.1") && !!attrs(set).Name,
        `bad <Set> ${JSON.stringify(attrs(set))}`,
      );
  }
  for (const n of all(app)) {
    const a = attrs(n);
    const t = tag(n);
    // URLs: https, absolute, ≤ 2048.
    const urls: string[] = [];
    if (a.DefaultValue && /Url$|^SourceLocation$|^bt:Image$|^bt:Url$/.test(t)) urls.push(a.DefaultValue);
    if (t === "AppDomain") urls.push(text_(n));
    for (const u of urls) say(/^https:\/\/[^\s]+$/.test(u) && u.length <= LIMITS.url, `${t}: not an https URL: ${u}`);
    if (a.resid !== undefined)
      say(
        a.resid.length > 0 && a.resid.length <= LIMITS.resourceId,
        `resid "${a.resid}" is ${a.resid.length} characters (max ${LIMITS.resourceId})`,
      );
    if (t.startsWith("bt:") && a.id !== undefined)
      say(
        a.id.length > 0 && a.id.length <= LIMITS.resourceId,
        `id "${a.id}" is ${a.id.length} characters (max ${LIMITS.resourceId})`,
      );
    if ((t === "Group" || t === "Control" || t === "OfficeTab" || t === "CustomTab") && a.id !== undefined)
      say(a.id.length > 0 && a.id.length <= LIMITS.controlId, `${t} id "${a.id}" too long`);
    if (t === "TaskpaneId") say(text_(n).length > 0 && text_(n).length <= LIMITS.controlId, "TaskpaneId too long");
    if (t === "bt:Image" && a.size !== undefined)
      say(["16", "20", "24", "32", "40", "48", "64", "80"].includes(a.size), `bt:Image size ${a.size}`);
  }
  const vo = get(app, "VersionOverrides");
  if (vo) {
    seq(vo, ["Description", "Requirements", "Hosts", "Resources"], ["Hosts", "Resources"]);
    const res = get(vo, "Resources")!;
    seq(res, ["bt:Images", "bt:Urls", "bt:ShortStrings", "bt:LongStrings"]);
    const ids = new Set<string>();
    for (const kind of children(res))
      for (const n of children(kind)) {
        say(!ids.has(attrs(n).id), `duplicate resource id ${attrs(n).id}`);
        ids.add(attrs(n).id);
        const v = attrs(n).DefaultValue ?? "";
        if (tag(kind) === "bt:ShortStrings")
          say(v.length > 0 && v.length <= LIMITS.shortString, `short string ${attrs(n).id} > 125`);
        if (tag(kind) === "bt:LongStrings")
          say(v.length > 0 && v.length <= LIMITS.longString, `long string ${attrs(n).id} > 250`);
      }
    for (const n of all(vo))
      if (attrs(n).resid !== undefined) say(ids.has(attrs(n).resid), `resid ${attrs(n).resid} does not resolve`);
    for (const host of children(get(vo, "Hosts")!))
      for (const ff of children(host)) {
        seq(ff, ["GetStarted", "FunctionFile", "ExtensionPoint"], ["FunctionFile"]);
        for (const n of all(ff)) {
          if (tag(n) === "Group") seq(n, ["Label", "Icon", "Control"], ["Label", "Icon"]);
          if (tag(n) === "Control")
            seq(n, ["Label", "Supertip", "Icon", "Action"], ["Label", "Supertip", "Icon", "Action"]);
          if (tag(n) === "Supertip") seq(n, ["Title", "Description"], ["Title", "Description"]);
          if (tag(n) === "GetStarted")
            seq(n, ["Title", "Description", "LearnMoreUrl"], ["Title", "Description", "LearnMoreUrl"]);
          if (tag(n) === "Action")
            seq(n, ["TaskpaneId", "SourceLocation", "Title", "SupportsPinning"], ["SourceLocation"]);
          if (tag(n) === "Icon") {
            const sizes = children(n).map((c) => attrs(c).size);
            for (const need of ["16", "32", "80"]) say(sizes.includes(need), `<Icon> lacks size ${need}`);
          }
        }
      }
  }
  return problems;
}

function text_(node: Ordered | undefined): string {
  return node ? text(node).trim() : "";
}

const OFFICEAPP_ORDER = [
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
  "AllowSnapshot",
  "Dictionary",
  "VersionOverrides",
  "ExtendedOverrides",
];

const PROD_BASE = "https://addins.intranet.example/budget-check/";
const DIST_MANIFEST = join(ROOT, "dist/manifest.xml");

describe("Microsoft's manifest schema limits", () => {
  test("the source manifest, the production rewrite and dist/manifest.xml (when built) break no limit", () => {
    expect(schemaProblems(xml)).toEqual([]);
    expect(schemaProblems(transformManifest(xml, PROD_BASE))).toEqual([]);
    if (existsSync(DIST_MANIFEST)) expect(schemaProblems(readFileSync(DIST_MANIFEST, "utf8"))).toEqual([]);
  });

  test("each limit is enforced: a manifest breaking it is reported", () => {
    const broken: [string, (s: string) => string, RegExp][] = [
      [
        "a 34-character resid",
        (s) => s.split("BC.Button.Tip").join("BudgetCheck.TaskpaneButton.Tooltip"),
        /resid .* 34 characters/,
      ],
      [
        "a long string over 250",
        (s) => s.replace(/(id="BC.Button.Tip" DefaultValue=")/, `$1${"长".repeat(251)}`),
        /long string BC.Button.Tip/,
      ],
      [
        "a short string over 125",
        (s) => s.replace(/(id="BC.Group.Label" DefaultValue=")/, `$1${"短".repeat(126)}`),
        /short string BC.Group.Label/,
      ],
      [
        "Requirements after DefaultSettings",
        (s) => s.replace(/(\s*<Requirements>[\s\S]*?<\/Requirements>)([\s\S]*?<\/DefaultSettings>)/, "$2$1"),
        /out of order/,
      ],
      [
        "an http URL",
        (s) => s.replace("https://localhost:3000/taskpane.html", "http://localhost:3000/taskpane.html"),
        /not an https URL/,
      ],
      [
        "a bad permission",
        (s) => s.replace("<Permissions>ReadWriteDocument<", "<Permissions>ReadWrite<"),
        /Permissions/,
      ],
      ["a bad version", (s) => s.replace("<Version>1.0.0.0<", "<Version>1.0.0.0.1<"), /Version/],
      ["an unresolved resid", (s) => s.replace('resid="Taskpane.Url"', 'resid="Taskpane.Missing"'), /does not resolve/],
      ["a missing 80 px icon", (s) => s.replace(/\s*<bt:Image size="80" resid="Icon.80x80"\/>/, ""), /lacks size 80/],
    ];
    for (const [what, mutate, want] of broken) {
      const mutated = mutate(xml);
      expect({ what, changed: mutated !== xml }).toEqual({ what, changed: true });
      expect({ what, problems: schemaProblems(mutated).join("; ") }).toEqual({
        what,
        problems: expect.stringMatching(want),
      });
    }
  });

  test("<Requirements> asks for ExcelApi 1.1, the lowest set the gateway runs on (Office 2016 volume licence)", () => {
    const req = child(officeApp, "Requirements");
    const sets = children(child(req, "Sets"));
    expect(sets.map((n) => [attrs(n).Name, attrs(n).MinVersion])).toEqual([["ExcelApi", "1.1"]]);
  });
});

describe("manifest.xml", () => {
  test("is well-formed XML with a TaskPaneApp root", () => {
    expect(XMLValidator.validate(xml)).toBe(true);
    expect(attrs(officeApp)["xsi:type"]).toBe("TaskPaneApp");
    expect(attrs(officeApp).xmlns).toBe("http://schemas.microsoft.com/office/appforoffice/1.1");
    expect(attrs(vo)["xsi:type"]).toBe("VersionOverridesV1_0");
  });

  test("elements are in the schema's order", () => {
    expectOrder(officeApp, OFFICEAPP_ORDER);
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
    // Write is needed: fills, the saved-state sheet/settings, and the 校验结果 / 预算情况说明 sheets (docs/deployment.md).
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
