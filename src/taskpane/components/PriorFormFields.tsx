/** The prior-year form's fields (上年数据), shared by the task pane and the web page. */
import * as React from "react";
import { Field, Input, Textarea, makeStyles } from "@fluentui/react-components";
import { PRIOR_FIELDS, PRIOR_LABELS, PRIOR_TEXT_FIELDS, type PriorField, type PriorForm } from "../logic";

const useStyles = makeStyles({ full: { width: "100%", minWidth: 0 } });

export interface PriorFormFieldsProps {
  form: PriorForm;
  errors: Partial<Record<PriorField, string>>;
  onChange(field: PriorField, value: string): void;
}

export function PriorFormFields({ form, errors, onChange }: PriorFormFieldsProps): React.JSX.Element {
  const styles = useStyles();
  return (
    <>
      {PRIOR_FIELDS.map((field) =>
        PRIOR_TEXT_FIELDS.has(field) ? (
          <Field key={field} label={PRIOR_LABELS[field]}>
            <Textarea
              className={styles.full}
              resize="vertical"
              value={form[field]}
              onChange={(_, d) => onChange(field, d.value)}
            />
          </Field>
        ) : (
          <Field
            key={field}
            label={PRIOR_LABELS[field]}
            validationState={errors[field] ? "error" : "none"}
            validationMessage={errors[field]}
          >
            <Input
              className={styles.full}
              inputMode="decimal"
              value={form[field]}
              onChange={(_, d) => onChange(field, d.value)}
            />
          </Field>
        ),
      )}
    </>
  );
}
