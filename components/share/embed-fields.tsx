'use client';
/** The Share → Embed form's fields: each labelled, each showing its own error beside it. */
import { useId } from 'react';
import {
  AUDIENCES,
  CUSTOM_UNITS,
  checkOrigin,
  LIFETIMES,
  MAX_ORIGINS,
  SLICE_COLUMNS,
  type CustomUnit,
  type EmbedForm,
  type FormErrors,
  type ParamField,
  type Theme,
} from './embed-request';
import styles from './share-embed.module.css';

type Change = (patch: Partial<EmbedForm>) => void;

function FieldError({ id, message }: { id: string; message?: string }) {
  return message ? (
    <p id={id} className={styles.error}>
      {message}
    </p>
  ) : null;
}

export function AudienceField({ form, onChange }: { form: EmbedForm; onChange: Change }) {
  const id = useId();
  return (
    <fieldset className={styles.group}>
      <legend className={styles.legend}>Audience</legend>
      {AUDIENCES.map((a) => (
        <div key={a.value} className={styles.choice}>
          <input
            id={`${id}-${a.value}-input`}
            type="radio"
            name={`${id}-audience`}
            value={a.value}
            checked={form.audience === a.value}
            onChange={() => onChange({ audience: a.value })}
            aria-describedby={`${id}-${a.value}`}
          />
          <label htmlFor={`${id}-${a.value}-input`}>{a.label}</label>
          {/* Clicking the explanation picks it too (mouse only: the radio is the control); it is the radio's description, not its name. */}
          <span id={`${id}-${a.value}`} className={styles.help} onClick={() => onChange({ audience: a.value })}>
            {a.help}
          </span>
        </div>
      ))}
    </fieldset>
  );
}

export function LifetimeField({ form, error, onChange }: { form: EmbedForm; error?: string; onChange: Change }) {
  const id = useId();
  const custom = form.lifetime === 'custom';
  return (
    <div className={styles.group}>
      <label className={styles.label} htmlFor={`${id}-lifetime`}>
        Link lifetime
      </label>
      <div className={styles.row}>
        <select id={`${id}-lifetime`} className={styles.input} value={form.lifetime} onChange={(e) => onChange({ lifetime: e.target.value })}>
          {LIFETIMES.map((l) => (
            <option key={l.value} value={l.value}>
              {l.label}
            </option>
          ))}
          <option value="custom">Custom…</option>
        </select>
        {custom ? (
          <>
            <input
              id={`${id}-amount`}
              className={styles.input}
              type="number"
              min={1}
              step="any"
              inputMode="decimal"
              aria-label="Custom lifetime amount"
              aria-invalid={error ? true : undefined}
              aria-describedby={error ? `${id}-error` : undefined}
              value={form.customAmount}
              onChange={(e) => onChange({ customAmount: e.target.value })}
              style={{ width: 80, flex: 'none' }}
            />
            <select aria-label="Custom lifetime unit" className={styles.input} value={form.customUnit} onChange={(e) => onChange({ customUnit: e.target.value as CustomUnit })}>
              {Object.keys(CUSTOM_UNITS).map((u) => (
                <option key={u} value={u}>
                  {u}
                </option>
              ))}
            </select>
          </>
        ) : null}
      </div>
      <FieldError id={`${id}-error`} message={error} />
      <p className={styles.help}>The link stops working after this; from 1 minute to 30 days.</p>
    </div>
  );
}

export function OriginsField({
  form,
  errors,
  onChange,
  onCheck,
}: {
  form: EmbedForm;
  errors: FormErrors;
  onChange: Change;
  /** Shows (or clears) one origin's error as its field is left. */
  onCheck: (index: number, error: string | undefined) => void;
}) {
  const id = useId();
  const set = (i: number, value: string) => onChange({ origins: form.origins.map((o, j) => (j === i ? value : o)) });
  return (
    <fieldset className={styles.group}>
      <legend className={styles.legend}>Allowed origins</legend>
      <p className={styles.help} id={`${id}-help`}>
        Sites that may frame the embed, such as https://wiki.example.com. With none, only a public link can be framed (by any site).
      </p>
      {form.origins.map((value, i) => {
        const error = errors[`origins.${i}`];
        return (
          <div key={i} className={styles.group}>
            <div className={styles.row}>
              <input
                className={`${styles.input} ${styles.mono}`}
                type="url"
                inputMode="url"
                spellCheck={false}
                autoComplete="off"
                placeholder="https://example.com"
                aria-label={`Allowed origin ${i + 1}`}
                aria-invalid={error ? true : undefined}
                aria-describedby={error ? `${id}-error-${i}` : `${id}-help`}
                value={value}
                onChange={(e) => set(i, e.target.value)}
                onBlur={(e) => {
                  // An empty row is not an error until the form is sent: the author may be about to paste.
                  const checked = checkOrigin(e.target.value);
                  onCheck(i, e.target.value.trim() && 'error' in checked ? checked.error : undefined);
                }}
              />
              <button
                type="button"
                className="st-button"
                aria-label={`Remove origin ${i + 1}`}
                onClick={() => onChange({ origins: form.origins.filter((_, j) => j !== i) })}
              >
                Remove
              </button>
            </div>
            <FieldError id={`${id}-error-${i}`} message={error} />
          </div>
        );
      })}
      <div className={styles.row}>
        <button type="button" className="st-button" disabled={form.origins.length >= MAX_ORIGINS} onClick={() => onChange({ origins: [...form.origins, ''] })}>
          Add origin
        </button>
      </div>
      <FieldError id={`${id}-error`} message={errors.origins} />
    </fieldset>
  );
}

function paramHelp(field: ParamField): string {
  const parts = [field.description, field.fallback !== undefined ? `default ${field.fallback}` : undefined, `used by ${field.queries.join(', ')}`];
  return parts.filter(Boolean).join(' · ');
}

function ParamInput({ field, value, error, describedBy, onValue }: { field: ParamField; value: string; error?: string; describedBy: string; onValue: (v: string) => void }) {
  const common = {
    id: `${describedBy}-input`,
    className: styles.input,
    value,
    'aria-invalid': error ? true : undefined,
    'aria-describedby': describedBy,
  } as const;
  const choices = field.values ?? (field.type === 'boolean' ? ['true', 'false'] : undefined);
  if (choices) {
    return (
      <select {...common} onChange={(e) => onValue(e.target.value)}>
        <option value="">Not pinned</option>
        {choices.map((v) => (
          <option key={v} value={v}>
            {v}
          </option>
        ))}
      </select>
    );
  }
  const type = field.type === 'number' || field.type === 'integer' ? 'number' : field.type === 'date' ? 'date' : 'text';
  const placeholder = field.type === 'timestamp' ? '2026-11-01T00:00:00Z (not pinned)' : 'Not pinned';
  return <input {...common} type={type} step={field.type === 'integer' ? 1 : 'any'} placeholder={placeholder} onChange={(e) => onValue(e.target.value)} />;
}

export function ParamsField({ form, fields, errors, onChange }: { form: EmbedForm; fields: readonly ParamField[]; errors: FormErrors; onChange: Change }) {
  const id = useId();
  return (
    <fieldset className={styles.group}>
      <legend className={styles.legend}>Pinned params</legend>
      {fields.length === 0 ? (
        <p className={styles.help}>This page declares no params.</p>
      ) : (
        <p className={styles.help}>A pinned value cannot be changed by the site that embeds the page. Left unpinned, the site may set it in the URL (?name=value) within its declared values.</p>
      )}
      {fields.map((field) => {
        const key = `params.${field.name}`;
        const describedBy = `${id}-${field.name}`;
        return (
          <div key={field.name} className={styles.param}>
            <label htmlFor={`${describedBy}-input`}>
              <span className={styles.paramName}>{field.name}</span> <span className={styles.paramType}>{field.values ? 'one of a list' : (field.type ?? 'string')}</span>
            </label>
            <ParamInput field={field} value={form.params[field.name] ?? ''} error={errors[key]} describedBy={describedBy} onValue={(v) => onChange({ params: { ...form.params, [field.name]: v } })} />
            <p id={describedBy} className={errors[key] ? styles.error : styles.help}>
              {errors[key] ?? paramHelp(field)}
            </p>
          </div>
        );
      })}
    </fieldset>
  );
}

export function SliceField({ form, error, onChange }: { form: EmbedForm; error?: string; onChange: Change }) {
  const id = useId();
  return (
    <fieldset className={styles.group}>
      <legend className={styles.legend}>Data slice (optional)</legend>
      <p className={styles.help} id={`${id}-help`}>
        Narrows every query of the page to these rows of interactions, enforced inside the database.
      </p>
      <div className={styles.row}>
        <select
          aria-label="Slice column"
          className={styles.input}
          value={form.sliceColumn}
          onChange={(e) => onChange({ sliceColumn: e.target.value as EmbedForm['sliceColumn'] })}
          style={{ flex: 'none' }}
        >
          <option value="">No slice</option>
          {SLICE_COLUMNS.map((c) => (
            <option key={c} value={c}>
              {c}
            </option>
          ))}
        </select>
        <input
          className={styles.input}
          aria-label="Slice values, comma-separated"
          placeholder={form.sliceColumn ? 'email, chat' : 'choose a column first'}
          disabled={!form.sliceColumn}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : `${id}-help`}
          value={form.sliceValues}
          onChange={(e) => onChange({ sliceValues: e.target.value })}
        />
      </div>
      <FieldError id={`${id}-error`} message={error} />
    </fieldset>
  );
}

export function VersionField({ form, version, error, onChange }: { form: EmbedForm; version?: number | string; error?: string; onChange: Change }) {
  const id = useId();
  if (version === undefined) return null;
  return (
    <div className={styles.group}>
      <label className={styles.row}>
        <input type="checkbox" checked={form.pinVersion} onChange={(e) => onChange({ pinVersion: e.target.checked })} aria-describedby={`${id}-help`} />
        Pin to version {String(version)}
      </label>
      <p id={`${id}-help`} className={error ? styles.error : styles.help}>
        {error ?? 'Pinned, the embed stops when the page is saved again; otherwise it shows the latest version.'}
      </p>
    </div>
  );
}

export function ThemeField({ theme, onChange }: { theme: Theme; onChange: Change }) {
  const id = useId();
  return (
    <div className={styles.group}>
      <label className={styles.label} htmlFor={`${id}-theme`}>
        Theme
      </label>
      <select id={`${id}-theme`} className={styles.input} value={theme} onChange={(e) => onChange({ theme: e.target.value as Theme })} aria-describedby={`${id}-help`}>
        <option value="auto">Auto (the viewer’s system setting)</option>
        <option value="light">Light</option>
        <option value="dark">Dark</option>
      </select>
      <p id={`${id}-help`} className={styles.help}>
        Part of the URL, not the link: changing it needs no new link.
      </p>
    </div>
  );
}
