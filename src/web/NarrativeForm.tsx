/**
 * 生成预算情况说明 on the web page: the pane's prior-year form, filled from last year's workbook (as `narrate --prior
 * last.xlsx`) or a prior-year JSON file (as `narrate --prior last.json`),
 * the narrative written by the worker that holds the workbook, downloaded as .docx.
 */
import * as React from "react";
import { Button, MessageBar, MessageBarBody, Spinner, Text, makeStyles, tokens } from "@fluentui/react-components";
import { ArrowDownloadRegular } from "@fluentui/react-icons";
import { PriorFormFields } from "../taskpane/components/PriorFormFields";
import { downloadBytes, MIME } from "../taskpane/download";
import { readFileBytes } from "../taskpane/files";
import { applyPriorFromWorkbook } from "../taskpane/prior-from-workbook";
import { FilePickButton } from "./FilePickButton";
import {
  emptyPriorForm,
  errorMessage,
  formToPrior,
  priorToForm,
  validatePriorForm,
  type PriorField,
  type PriorForm,
} from "../taskpane/logic";
import type { CheckPool } from "./pool";

const useStyles = makeStyles({
  root: {
    display: "flex",
    flexDirection: "column",
    rowGap: tokens.spacingVerticalS,
    padding: tokens.spacingHorizontalM,
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
  },
  fields: {
    display: "grid",
    gap: tokens.spacingHorizontalM,
    gridTemplateColumns: "repeat(auto-fill, minmax(240px, 1fr))",
  },
  row: { display: "flex", flexWrap: "wrap", alignItems: "center", gap: tokens.spacingHorizontalS },
  hidden: { display: "none" },
});

type Status = { intent: "success" | "error" | "warning"; text: string } | undefined;

/** Largest prior-year JSON accepted (a hand-written file is a few KB). */
const MAX_PRIOR_BYTES = 1_000_000;

export function NarrativeForm({
  pool,
  id,
  fileBase,
}: {
  pool: CheckPool;
  id: number;
  fileBase: string;
}): React.JSX.Element {
  const styles = useStyles();
  const [form, setForm] = React.useState<PriorForm>(emptyPriorForm);
  const [busy, setBusy] = React.useState(false);
  const [status, setStatus] = React.useState<Status>();
  const errors = validatePriorForm(form);
  const valid = Object.keys(errors).length === 0;

  const onChange = (field: PriorField, value: string) => setForm((f) => ({ ...f, [field]: value }));

  const loadPrior = async (file: File) => {
    try {
      if (file.size > MAX_PRIOR_BYTES)
        throw new Error(`文件过大（${Math.round(file.size / 1024)} KB），上年数据 JSON 一般只有几 KB`);
      let value: unknown;
      try {
        value = JSON.parse((await file.text()).replace(/^\uFEFF/, ""));
      } catch {
        throw new Error(`“${file.name}”不是有效的 JSON 文件`);
      }
      setForm(priorToForm(value));
      setStatus({ intent: "success", text: `已读入上年数据“${file.name}”，请核对后生成。` });
    } catch (e) {
      setStatus({ intent: "error", text: errorMessage("读取上年数据", e) });
    }
  };

  // 从上年公开表读取: last year's published tables fill the figures (read in this page's worker); texts typed stay.
  const loadPriorWorkbook = async (file: File) => {
    setBusy(true);
    setStatus(undefined);
    try {
      if (!/\.xlsx$/i.test(file.name)) {
        setStatus({ intent: "warning", text: `请选择上年公开的预算公开表（.xlsx），“${file.name}”不是 .xlsx 文件。` });
        return;
      }
      const found = await pool.priorFromWorkbook(id, file.name, await readFileBytes(file));
      // The status depends only on what was read; the form update keeps what was typed meanwhile.
      setStatus(applyPriorFromWorkbook(form, file.name, found).status);
      setForm((f) => applyPriorFromWorkbook(f, file.name, found).form);
    } catch (e) {
      setStatus({ intent: "error", text: errorMessage("读取上年公开表", e) });
    } finally {
      setBusy(false);
    }
  };

  const generate = async () => {
    setBusy(true);
    setStatus(undefined);
    try {
      const { bytes, placeholders, problems } = await pool.narrate(id, formToPrior(form));
      const name = `${fileBase}-预算情况说明.docx`;
      downloadBytes(bytes, name, MIME.docx);
      const rest = placeholders > 0 ? `，其中 ${placeholders} 处【待补充】需要填写` : "";
      setStatus({
        intent: problems.length > 0 || placeholders > 0 ? "warning" : "success",
        text: `已下载 ${name}${rest}。${problems.length > 0 ? `请核对：${problems.join(" ")}` : ""}`,
      });
    } catch (e) {
      setStatus({ intent: "error", text: errorMessage("生成预算情况说明", e) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className={styles.root} aria-label="生成预算情况说明" data-testid="narrative">
      <Text>
        根据已识别的表格生成第三部分“预算情况说明”和第四部分“名词解释”（Word
        文件）。上年数据可从上年公开表（.xlsx）读取，表格中没有的在下方填写或读入上年数据
        JSON；留空的项目在说明中显示为【待补充】。
      </Text>
      <div className={styles.row}>
        <Button
          appearance="primary"
          icon={<ArrowDownloadRegular />}
          onClick={() => void generate()}
          disabled={busy || !valid}
          data-testid="download-docx"
        >
          下载预算情况说明（Word）
        </Button>
        <FilePickButton
          label="读入上年数据（JSON）"
          inputLabel="选择上年数据 JSON 文件"
          accept=".json,application/json"
          disabled={busy}
          className={styles.hidden}
          onFile={(file) => void loadPrior(file)}
        />
        <FilePickButton
          label="从上年公开表读取"
          inputLabel="选择上年公开表（.xlsx）"
          accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          disabled={busy}
          testId="prior-workbook-input"
          className={styles.hidden}
          onFile={(file) => void loadPriorWorkbook(file)}
        />
        {busy && <Spinner size="tiny" label="正在生成…" labelPosition="after" />}
      </div>
      {!valid && (
        <MessageBar intent="warning">
          <MessageBarBody>上年数据中有无法识别的数字，请先改正（见下方红色提示）。</MessageBarBody>
        </MessageBar>
      )}
      {status && (
        <MessageBar intent={status.intent} data-testid="narrative-status">
          <MessageBarBody>{status.text}</MessageBarBody>
        </MessageBar>
      )}
      <div className={styles.fields}>
        <PriorFormFields form={form} errors={errors} onChange={onChange} />
      </div>
    </section>
  );
}
