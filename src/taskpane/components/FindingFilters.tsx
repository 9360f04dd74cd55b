/** Filters of the findings list by severity and by table, shared by the task pane and the web page. */
import * as React from "react";
import { Dropdown, Option, Text, ToggleButton, makeStyles, tokens } from "@fluentui/react-components";
import { SEVERITY_LABELS, type Severity } from "../../core/model/findings";
import { SEVERITIES, type GroupKey, type SeverityCounts } from "../logic";

const useStyles = makeStyles({
  section: { display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalXS },
  row: { display: "flex", flexWrap: "wrap", alignItems: "center", gap: tokens.spacingHorizontalS },
  dropdown: { minWidth: 0, width: "100%", maxWidth: "100%" },
  muted: { color: tokens.colorNeutralForeground3 },
});

export interface FindingFiltersProps {
  counts: SeverityCounts;
  severities: ReadonlySet<Severity>;
  onToggleSeverity(s: Severity): void;
  /** From tableFilterOptions(findings). */
  options: { key: GroupKey | "all"; label: string }[];
  table: GroupKey | "all";
  onTable(key: GroupKey | "all"): void;
  shown: number;
  total: number;
}

export function FindingFilters(p: FindingFiltersProps): React.JSX.Element {
  const styles = useStyles();
  return (
    <section aria-label="筛选" className={styles.section}>
      <div className={styles.row} role="group" aria-label="按严重程度筛选">
        {SEVERITIES.map((s) => (
          <ToggleButton
            key={s}
            size="small"
            checked={p.severities.has(s)}
            onClick={() => p.onToggleSeverity(s)}
            aria-label={`显示${SEVERITY_LABELS[s]}`}
          >
            {SEVERITY_LABELS[s]} {p.counts[s]}
          </ToggleButton>
        ))}
      </div>
      <Dropdown
        className={styles.dropdown}
        aria-label="按表筛选"
        value={p.options.find((o) => o.key === p.table)?.label ?? "全部表"}
        selectedOptions={[p.table]}
        onOptionSelect={(_, d) => p.onTable((d.optionValue as GroupKey | "all" | undefined) ?? "all")}
      >
        {p.options.map((o) => (
          <Option key={o.key} value={o.key}>
            {o.label}
          </Option>
        ))}
      </Dropdown>
      <Text size={200} className={styles.muted}>
        显示 {p.shown} / {p.total} 条
      </Text>
    </section>
  );
}

/** A severity set with `s` toggled. */
export function toggled(prev: ReadonlySet<Severity>, s: Severity): Set<Severity> {
  const next = new Set(prev);
  if (next.has(s)) next.delete(s);
  else next.add(s);
  return next;
}
