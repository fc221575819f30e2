'use client';
/** One labelled control of the Properties panel: a select, a text box or a text area, with its problem and its help. */
import type { PropControl } from './prop-controls';

export interface PropFieldProps {
  control: PropControl;
  /** What the control shows: the prop's value, or what the author is typing. */
  shown: string;
  /** The validator's diagnostic for the prop, or why the typed text cannot be written. */
  problem: string | undefined;
  /** `group`: typing, which joins one undo step until `onDone`; a select's choice is a step of its own. */
  onChange(raw: string, group: boolean): void;
  onDone(): void;
}

const domId = (id: string) => `prop-${id.replace(/[^A-Za-z0-9_-]/g, '-')}`;

/** What the empty choice of a select means. */
function emptyChoice(control: PropControl): string {
  if (control.source === 'binding') return 'typed here';
  if (control.placeholder !== undefined) return `default: ${control.placeholder}`;
  if (control.source === 'column') return '(choose a column)';
  if (control.source === 'query') return '(choose a query)';
  if (control.source === 'color') {
    if (control.index === undefined || (control.index === 0 && control.value === '')) return '(theme colours)';
    return control.value === '' ? '(add a colour)' : '(remove this colour)';
  }
  return '(not set)';
}

/** What an option reads as: its value, but for the choice of where a `$value` comes from. */
function optionText(control: PropControl, option: string): string {
  return control.source === 'binding' && option === 'query' ? 'a query’s first row' : option;
}

export function PropField({ control, shown, problem, onChange, onDone }: PropFieldProps) {
  const id = domId(control.id);
  const describedBy = [problem ? `${id}-problem` : '', control.description ? `${id}-help` : ''].filter(Boolean).join(' ') || undefined;
  const common = {
    id,
    'aria-invalid': problem ? true : undefined,
    'aria-describedby': describedBy,
    'aria-required': control.required || undefined,
    'data-prop': control.id,
  };
  return (
    <div className="st-prop">
      <label htmlFor={id}>
        {control.label}
        {control.required ? <span aria-hidden="true"> *</span> : null}
      </label>
      {control.kind === 'select' || control.kind === 'boolean' ? (
        <select {...common} value={shown} onChange={(e) => onChange(e.target.value, false)}>
          <option value="">{emptyChoice(control)}</option>
          {(control.options ?? []).map((option) => (
            <option key={option} value={option}>
              {optionText(control, option)}
            </option>
          ))}
        </select>
      ) : control.kind === 'json' || control.multiline ? (
        <textarea {...common} rows={control.multiline ? 4 : 2} spellCheck={false} value={shown} placeholder={control.placeholder} onChange={(e) => onChange(e.target.value, true)} onBlur={onDone} />
      ) : (
        <input
          {...common}
          type="text"
          inputMode={control.kind === 'number' ? 'decimal' : undefined}
          value={shown}
          placeholder={control.placeholder}
          onChange={(e) => onChange(e.target.value, true)}
          onBlur={onDone}
        />
      )}
      {problem ? (
        <span id={`${id}-problem`} className="st-prop-problem" role="alert">
          {problem}
        </span>
      ) : null}
      {control.description ? (
        <span id={`${id}-help`} className="st-prop-help">
          {control.description}
        </span>
      ) : null}
    </div>
  );
}
