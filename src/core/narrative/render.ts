/**
 * Output formats of the narrative: Markdown, plain text, and .docx laid out like an official document
 * (A4, 黑体 小二 title, 黑体 三号 一、 headings, 楷体_GB2312 三号 bold （一） headings, 仿宋_GB2312 三号 body,
 * 2-character first-line indent, exact 28 pt lines). Host-free: docx's toArrayBuffer works in Node and browsers.
 */
import type { Paragraph } from "docx";
import type { NarrativeDocument, NarrativeParagraph } from "./types";

export function narrativeToMarkdown(doc: NarrativeDocument): string {
  const out: string[] = [];
  for (const s of doc.sections) {
    out.push(`# ${s.title}`, "");
    for (const p of s.paragraphs) {
      if (p.style === "heading1") out.push(`## ${p.text}`, "");
      else if (p.style === "heading2") out.push(`### ${p.text}`, "");
      else out.push(p.text, "");
    }
  }
  return out.join("\n").replace(/\n+$/, "\n");
}

export function narrativeToPlainText(doc: NarrativeDocument): string {
  const out: string[] = [];
  for (const s of doc.sections) {
    if (out.length) out.push("");
    out.push(s.title, "");
    // Full-width spaces reproduce the 2-character indent of the printed document.
    for (const p of s.paragraphs) out.push(`\u3000\u3000${p.text}`);
  }
  return `${out.join("\n")}\n`;
}

const PT = 20; // twips per point
const SIZE_SAN = 32; // 三号 = 16 pt, in half-points
const SIZE_XIAOER = 36; // 小二 = 18 pt
const LINE = 28 * PT; // fixed 28 pt line spacing
const INDENT_2_CHARS = 2 * 16 * PT;

function font(name: string) {
  return { ascii: name, hAnsi: name, eastAsia: name, cs: name };
}

/** docx is loaded on first use: the CLI's other commands and the pane's first paint do not pay for it. */
type Docx = typeof import("docx");

function para(docx: Docx, text: string, style: NarrativeParagraph["style"] | "title"): Paragraph {
  const { AlignmentType, LineRuleType, Paragraph, TextRun } = docx;
  const spacing = { line: LINE, lineRule: LineRuleType.EXACT, before: 0, after: 0 };
  if (style === "title") {
    return new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { line: 36 * PT, lineRule: LineRuleType.EXACT, before: 0, after: LINE },
      children: [new TextRun({ text, font: font("黑体"), size: SIZE_XIAOER })],
    });
  }
  const indent = { firstLine: INDENT_2_CHARS, firstLineChars: 200 };
  const run =
    style === "heading1"
      ? new TextRun({ text, font: font("黑体"), size: SIZE_SAN })
      : style === "heading2"
        ? new TextRun({ text, font: font("楷体_GB2312"), size: SIZE_SAN, bold: true })
        : new TextRun({ text, font: font("仿宋_GB2312"), size: SIZE_SAN });
  return new Paragraph({ alignment: AlignmentType.JUSTIFIED, spacing, indent, children: [run] });
}

/** The narrative as a .docx file (bytes). */
export async function narrativeToDocx(doc: NarrativeDocument): Promise<Uint8Array> {
  const docx = await import("docx");
  const { Document, Packer } = docx;
  const children: Paragraph[] = [];
  doc.sections.forEach((s, i) => {
    if (i > 0) children.push(para(docx, "", "body"));
    children.push(para(docx, s.title, "title"));
    for (const p of s.paragraphs) children.push(para(docx, p.text, p.style));
  });
  const file = new Document({
    creator: "budget-check",
    title: doc.sections[0]?.title ?? "预算情况说明",
    styles: {
      default: { document: { run: { font: font("仿宋_GB2312"), size: SIZE_SAN } } },
    },
    sections: [
      {
        properties: {
          page: {
            // A4 with the GB/T 9704 margins (37 / 35 / 28 / 26 mm).
            size: { width: 11906, height: 16838 },
            margin: { top: 2098, bottom: 1984, left: 1588, right: 1474 },
          },
        },
        children,
      },
    ],
  });
  const buf = await Packer.toArrayBuffer(file);
  return new Uint8Array(buf);
}
