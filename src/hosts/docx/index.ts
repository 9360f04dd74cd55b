/** .docx and plain-text narrative input (browser-safe). */
export { DocxReadError, readDocxParagraphs } from "./extract";
export { narrativeLinesFromBytes, splitLines } from "./narrative-text";
