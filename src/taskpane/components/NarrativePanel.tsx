/** The 预算情况说明 tab: the prior-year form (remembered in the workbook) and the narrative's outputs. */
import * as React from "react";
import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  MessageBar,
  MessageBarBody,
  Spinner,
  Text,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import {
  ArrowDownloadRegular,
  CopyRegular,
  DocumentAddRegular,
  FolderOpenRegular,
  SaveRegular,
} from "@fluentui/react-icons";
import type { ExcelGateway } from "../../hosts/excel/types";
import { readFileBytes } from "../files";
import type { BudgetModel } from "../../core/model/tables";
import type { NarrativeDocument } from "../../core/narrative/types";
import { generateNarrative, narrativeToDocx, narrativeToPlainText, priorFromJson } from "../../core/narrative";
import { downloadBytes, MIME } from "../download";
import { PriorFormFields } from "./PriorFormFields";
import {
  PRIOR_FIELDS,
  errorMessage,
  formToPrior,
  narrativeLines,
  priorToForm,
  emptyPriorForm,
  validatePriorForm,
  type PriorField,
  type PriorForm,
} from "../logic";
import { NarrativeCheckPanel } from "./NarrativeCheckPanel";

export const PRIOR_SETTING_KEY = "priorYear";

const useStyles = makeStyles({
  panel: { display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalM, minWidth: 0 },
  form: { display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalS },
  legend: { margin: 0, fontSize: tokens.fontSizeBase300, fontWeight: tokens.fontWeightSemibold },
  actions: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS },
  preview: { display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalS },
  text: {
    whiteSpace: "pre-wrap",
    overflowWrap: "anywhere",
    maxHeight: "320px",
    overflowY: "auto",
    padding: tokens.spacingHorizontalS,
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    fontSize: tokens.fontSizeBase200,
    ":focus-visible": { outline: `2px solid ${tokens.colorStrokeFocus2}` },
  },
  full: { width: "100%", minWidth: 0 },
  hidden: { display: "none" },
});

export interface NarrativePanelProps {
  gateway: ExcelGateway;
  /** The recognised model of the last check, reading and checking the workbook when there is none yet. */
  getModel(): Promise<BudgetModel>;
}

type Status = { intent: "success" | "error" | "warning" | "info"; text: string } | undefined;

export function NarrativePanel({ gateway, getModel }: NarrativePanelProps): React.JSX.Element {
  const styles = useStyles();
  const [form, setForm] = React.useState<PriorForm>(emptyPriorForm);
  const [busy, setBusy] = React.useState<string | undefined>();
  const [status, setStatus] = React.useState<Status>();
  const [doc, setDoc] = React.useState<NarrativeDocument | undefined>();
  const [confirmOverwrite, setConfirmOverwrite] = React.useState(false);
  const errors = validatePriorForm(form);
  const valid = Object.keys(errors).length === 0;

  React.useEffect(() => {
    let live = true;
    gateway
      .loadSetting<unknown>(PRIOR_SETTING_KEY)
      .then((saved) => {
        if (live && saved !== undefined) setForm(priorToForm(saved));
      })
      .catch((e: unknown) => live && setStatus({ intent: "error", text: errorMessage("读取已保存的上年数据", e) }));
    return () => {
      live = false;
    };
  }, [gateway]);

  const setField = (field: PriorField, value: string) => setForm((f) => ({ ...f, [field]: value }));

  // 从上年公开表读取: last year's published tables fill the figures; texts already typed are kept.
  const priorInput = React.useRef<HTMLInputElement>(null);
  const onPriorWorkbook = (file: File) =>
    run("正在读取上年公开表…", "读取上年公开表", async () => {
      if (!/\.xlsx$/i.test(file.name))
        return { intent: "warning", text: `请选择上年公开的预算公开表（.xlsx），“${file.name}”不是 .xlsx 文件。` };
      const [{ readXlsxBuffer }, { recognizeWorkbook }, { priorFromModel, departmentOfModel }] = await Promise.all([
        import("../../hosts/xlsx/parse"),
        import("../../core/recognition"),
        import("../../core/narrative/prior-workbook"),
      ]);
      const bytes = await readFileBytes(file);
      const current = await getModel();
      const { model } = recognizeWorkbook(readXlsxBuffer(bytes, file.name));
      const { prior, taken, warnings } = priorFromModel(model, {
        year: current.year,
        department: departmentOfModel(current),
      });
      if (taken.length === 0)
        return { intent: "warning", text: warnings.join(" ") || `未能从“${file.name}”读取上年数据。` };
      const read = priorToForm(prior);
      setForm((f) => {
        const next = { ...f };
        for (const field of PRIOR_FIELDS) if (read[field] !== "") next[field] = read[field];
        return next;
      });
      const text = `已从“${file.name}”读取：${taken.join("、")}。原因等文字请在下方填写。`;
      return warnings.length > 0
        ? { intent: "warning", text: `${text}请注意：${warnings.join(" ")}` }
        : { intent: "success", text };
    });

  /** Runs one action with the busy state; failures become a Chinese message. */
  const run = async (label: string, action: string, fn: () => Promise<Status>) => {
    setBusy(label);
    setStatus(undefined);
    try {
      setStatus(await fn());
    } catch (e) {
      setStatus({ intent: "error", text: errorMessage(action, e) });
    } finally {
      setBusy(undefined);
    }
  };

  const save = async (): Promise<string[]> => {
    const { prior, problems } = priorFromJson(formToPrior(form));
    await gateway.saveSetting(PRIOR_SETTING_KEY, prior);
    return problems;
  };

  /** Saves the form, then generates the narrative from the current tables. */
  const generate = async (): Promise<{ doc: NarrativeDocument; problems: string[] }> => {
    const problems = await save();
    const model = await getModel();
    if (model.template === "national-9") {
      throw new Error("预算情况说明的生成目前只支持四川省14张表模板，本工作簿为全国通用9张表模板");
    }
    const next = generateNarrative(model, formToPrior(form), {});
    setDoc(next);
    return { doc: next, problems };
  };

  const problemsStatus = (problems: string[], ok: string): Status =>
    problems.length > 0
      ? { intent: "warning", text: `${ok}。请核对：${problems.join(" ")}` }
      : { intent: "success", text: ok };

  // The save button sits under the long form: its result is shown next to it, not at the top.
  const [saveNote, setSaveNote] = React.useState<Status>();
  const onSave = async () => {
    setBusy("正在保存…");
    try {
      setSaveNote(problemsStatus(await save(), "已保存到工作簿（请保存工作簿，关闭后才能保留）"));
    } catch (e) {
      setSaveNote({ intent: "error", text: errorMessage("保存上年数据", e) });
    } finally {
      setBusy(undefined);
    }
  };

  const writeSheet = async (overwrite: boolean): Promise<Status> => {
    const { doc: d, problems } = await generate();
    const result = await gateway.writeNarrativeSheet(narrativeLines(narrativeToPlainText(d)), overwrite);
    if (result === "exists") {
      setConfirmOverwrite(true); // the dialog says it; nothing was written
      return undefined;
    }
    return problemsStatus(problems, "已写入工作表“预算情况说明”");
  };

  // run() turns every failure into a status message: its promise never rejects.
  const onWrite = () => void run("正在生成…", "生成到新工作表", () => writeSheet(false));
  const onOverwrite = () => {
    setConfirmOverwrite(false);
    void run("正在生成…", "覆盖工作表", () => writeSheet(true));
  };

  const onKeep = () => {
    setConfirmOverwrite(false);
    setStatus({ intent: "info", text: "未覆盖：工作表“预算情况说明”保持不变。" });
  };

  const onCopy = () =>
    void run("正在复制…", "复制到剪贴板", async () => {
      const { doc: d, problems } = await generate();
      await copyText(narrativeToPlainText(d));
      return problemsStatus(problems, "已复制到剪贴板");
    });

  const onDownload = () =>
    void run("正在生成 Word…", "下载 Word", async () => {
      const { doc: d, problems } = await generate();
      const bytes = await narrativeToDocx(d);
      downloadBytes(bytes, "预算情况说明.docx", MIME.docx);
      return problemsStatus(problems, "已下载 预算情况说明.docx");
    });

  const disabled = busy !== undefined || !valid;
  // Actions and their result first: the form is long, and a result shown under it would be off-screen.
  return (
    <div className={styles.panel}>
      <Text as="p" size={200}>
        根据已识别的表格生成第三部分“预算情况说明”。表格中没有的上年数据在下方填写；留空的项目在说明中显示为【待补充】。
      </Text>
      <div className={styles.actions}>
        <Button appearance="primary" icon={<DocumentAddRegular />} onClick={onWrite} disabled={disabled}>
          生成到新工作表
        </Button>
        <Button icon={<CopyRegular />} onClick={onCopy} disabled={disabled}>
          复制到剪贴板
        </Button>
        <Button icon={<ArrowDownloadRegular />} onClick={onDownload} disabled={disabled}>
          下载 Word
        </Button>
      </div>
      <div className={styles.preview} aria-live="polite">
        {busy && <Spinner size="tiny" label={busy} labelPosition="after" />}
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
        {doc && (
          <Text weight="semibold" data-testid="placeholder-count">
            {doc.placeholderCount > 0 ? `还有 ${doc.placeholderCount} 处【待补充】需要填写` : "没有【待补充】内容"}
          </Text>
        )}
      </div>
      <form className={styles.form} onSubmit={(e) => e.preventDefault()} aria-labelledby="prior-form-title">
        <h2 id="prior-form-title" className={styles.legend}>
          上年数据（金额单位：万元）
        </h2>
        <div className={styles.actions}>
          <Button
            icon={<FolderOpenRegular />}
            onClick={() => priorInput.current?.click()}
            disabled={busy !== undefined}
          >
            从上年公开表读取
          </Button>
          <input
            ref={priorInput}
            className={styles.hidden}
            type="file"
            accept=".xlsx"
            aria-label="选择上年的部门预算公开表（.xlsx）"
            data-testid="prior-workbook-input"
            onChange={(e) => {
              const file = e.target.files?.[0];
              e.target.value = ""; // the same file can be chosen again
              if (file) void onPriorWorkbook(file);
            }}
          />
        </div>
        <PriorFormFields form={form} errors={errors} onChange={setField} />
        <div className={styles.actions}>
          <Button icon={<SaveRegular />} onClick={() => void onSave()} disabled={disabled}>
            保存到工作簿
          </Button>
        </div>
        <div aria-live="polite">
          {saveNote && (
            <MessageBar intent={saveNote.intent} data-testid="save-status">
              <MessageBarBody>{saveNote.text}</MessageBarBody>
            </MessageBar>
          )}
        </div>
      </form>
      {doc && (
        <div className={styles.text} tabIndex={0} role="region" aria-label="预算情况说明预览">
          {narrativeToPlainText(doc)}
        </div>
      )}
      <NarrativeCheckPanel gateway={gateway} getModel={getModel} prior={() => formToPrior(form)} />
      <Dialog open={confirmOverwrite} onOpenChange={(_, d) => (d.open ? setConfirmOverwrite(true) : onKeep())}>
        <DialogSurface>
          <DialogBody>
            <DialogTitle>是否覆盖？</DialogTitle>
            <DialogContent>工作表“预算情况说明”已存在。覆盖后，该表原有内容将被替换。</DialogContent>
            <DialogActions>
              <Button appearance="primary" onClick={onOverwrite}>
                覆盖
              </Button>
              <Button onClick={onKeep}>取消</Button>
            </DialogActions>
          </DialogBody>
        </DialogSurface>
      </Dialog>
    </div>
  );
}

/** Clipboard API, falling back to a hidden textarea + execCommand (older WebViews, no permission). */
async function copyText(text: string): Promise<void> {
  try {
    if (navigator.clipboard?.writeText) {
      await navigator.clipboard.writeText(text);
      return;
    }
  } catch {
    // fall through to the legacy path
  }
  const area = document.createElement("textarea");
  area.value = text;
  area.setAttribute("readonly", "");
  area.style.position = "fixed";
  area.style.opacity = "0";
  document.body.appendChild(area);
  area.select();
  const ok = document.execCommand("copy");
  document.body.removeChild(area);
  if (!ok) throw new Error("浏览器不允许访问剪贴板，请在预览中手动选择并复制");
}
