/**
 * 生成预算情况说明 on the web page: the pane's prior-year form (or a prior-year JSON file as for `narrate --prior`),
 * the narrative written by the worker that holds the workbook, downloaded as .docx.
 */
import * as React from "react";
import { Button, MessageBar, MessageBarBody, Spinner, Text, makeStyles, tokens } from "@fluentui/react-components";
import { ArrowDownloadRegular, DocumentArrowUpRegular } from "@fluentui/react-icons";
import { PriorFormFields } from "../taskpane/components/PriorFormFields";
import { downloadBytes, MIME } from "../taskpane/download";
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
  const priorInput = React.useRef<HTMLInputElement>(null);
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
        文件）。表格中没有的上年数据在下方填写，或读入上年数据 JSON；留空的项目在说明中显示为【待补充】。
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
        <Button icon={<DocumentArrowUpRegular />} onClick={() => priorInput.current?.click()} disabled={busy}>
          读入上年数据（JSON）
        </Button>
        <input
          ref={priorInput}
          className={styles.hidden}
          type="file"
          accept=".json,application/json"
          aria-label="选择上年数据 JSON 文件"
          onChange={(e) => {
            const file = e.target.files?.[0];
            e.target.value = "";
            if (file) void loadPrior(file);
          }}
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
