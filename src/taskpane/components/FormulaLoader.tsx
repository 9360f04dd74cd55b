/**
 * 加载审核公式: picks a rules .txt file, parses it (same Chinese line-numbered refusals as the CLI) and hands the
 * formulas to the pane, which keeps the text in the workbook settings. A bad file leaves the loaded formulas as they
 * were and the pane working.
 */
import * as React from "react";
import { Button, Text } from "@fluentui/react-components";
import { DocumentTextRegular, DismissRegular } from "@fluentui/react-icons";
import type { Formula } from "../../core/formulas/ast";
// The formula parser is loaded on first use: the pane's first paint does not need it (issue #9).
const loadParser = () => import("../../core/formulas/file");

export interface LoadedRules {
  name: string;
  text: string;
  formulas: Formula[];
}

/** The workbook setting that remembers the rules file. */
export const RULES_SETTING = "auditFormulas";

/** Parses a remembered { name, text } (settings hold text, not parsed formulas). */
export async function rulesFromSetting(
  saved: { name?: unknown; text?: unknown } | undefined,
): Promise<LoadedRules | undefined> {
  if (!saved || typeof saved.name !== "string" || typeof saved.text !== "string") return undefined;
  const { loadRulesBytes } = await loadParser();
  const r = loadRulesBytes(new TextEncoder().encode(saved.text), saved.name);
  return r.ok ? { name: saved.name, text: saved.text, formulas: r.formulas } : undefined;
}

export interface FormulaLoaderProps {
  rules: LoadedRules | undefined;
  disabled: boolean;
  onLoaded(rules: LoadedRules): void;
  onCleared(): void;
  onError(message: string): void;
}

export function FormulaLoader({
  rules,
  disabled,
  onLoaded,
  onCleared,
  onError,
}: FormulaLoaderProps): React.ReactElement {
  const input = React.useRef<HTMLInputElement>(null);
  const pick = async (file: File) => {
    try {
      const bytes = new Uint8Array(await file.arrayBuffer());
      const { loadRulesBytes } = await loadParser();
      const r = loadRulesBytes(bytes, file.name);
      if (!r.ok) {
        onError(r.message);
        return;
      }
      onLoaded({
        name: file.name,
        text: new TextDecoder(isUtf8(bytes) ? "utf-8" : "gb18030").decode(bytes),
        formulas: r.formulas,
      });
    } catch (e) {
      onError(`无法读取审核公式文件“${file.name}”：${e instanceof Error ? e.message : String(e)}`);
    }
  };
  return (
    <>
      <Button
        icon={<DocumentTextRegular />}
        onClick={() => input.current?.click()}
        disabled={disabled}
        data-testid="load-formulas"
      >
        加载审核公式
      </Button>
      {rules && (
        <Button icon={<DismissRegular />} onClick={onCleared} disabled={disabled} data-testid="clear-formulas">
          移除审核公式
        </Button>
      )}
      <input
        ref={input}
        style={{ display: "none" }}
        type="file"
        accept=".txt,text/plain"
        aria-label="选择审核公式文件（.txt，每行一条公式）"
        data-testid="formula-file"
        onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = "";
          if (file) void pick(file);
        }}
      />
      <Text size={200} data-testid="formula-status">
        {rules
          ? `审核公式：${rules.name}（${rules.formulas.length} 条）`
          : "审核公式：未加载（可加载本地审核公式 .txt 文件）"}
      </Text>
    </>
  );
}

function isUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}
