/**
 * The 按表筛选 dropdown. A chunk of its own (React.lazy in App.tsx): the dropdown brings Fluent's positioning code,
 * which the first paint does not need (the filter appears only after a check).
 */
import * as React from "react";
import { Dropdown, Option } from "@fluentui/react-components";

export interface TableFilterProps<K extends string> {
  className?: string;
  options: { key: K; label: string }[];
  selected: K;
  onSelect(key: K | undefined): void;
}

export function TableFilter<K extends string>({
  className,
  options,
  selected,
  onSelect,
}: TableFilterProps<K>): React.JSX.Element {
  return (
    <Dropdown
      className={className}
      aria-label="按表筛选"
      value={options.find((o) => o.key === selected)?.label ?? "全部表"}
      selectedOptions={[selected]}
      onOptionSelect={(_, d) => onSelect(d.optionValue as K | undefined)}
    >
      {options.map((o) => (
        <Option key={o.key} value={o.key}>
          {o.label}
        </Option>
      ))}
    </Dropdown>
  );
}

export default TableFilter;
