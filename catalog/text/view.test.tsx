// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { ResolvedPropsOf } from '../view-types';
import { definition } from './definition';
import { TextView } from './view';

afterEach(cleanup);
type Props = ResolvedPropsOf<typeof definition>;
const props = (p: Record<string, unknown>) => definition.props.parse(p) as Props;

describe('TextView', () => {
  it('shows plain text as a paragraph', () => {
    render(<TextView props={props({ text: 'Email carries most volume.' })} layout="dashboard" />);
    const p = screen.getByText('Email carries most volume.');
    expect(p.tagName).toBe('P');
    expect(p.getAttribute('data-tone')).toBe('neutral');
  });

  it('puts a formatted value where the text says {value}', () => {
    const resolved = { ...props({ text: 'We handled {value} interactions.', format: 'number' }), value: 98431 };
    const { container } = render(<TextView props={resolved} layout="dashboard" />);
    expect(container.textContent).toBe('We handled 98,431 interactions.');
    expect(screen.getByText('98,431').tagName).toBe('SPAN');
  });

  it('formats a numeric string from Postgres numeric as a ratio', () => {
    const resolved = { ...props({ text: '{value} were negative.', format: 'ratio' }), value: '0.3312' };
    const { container } = render(<TextView props={resolved} layout="dashboard" />);
    expect(container.textContent).toBe('33.1% were negative.');
  });

  it('shows a number already in percent as it is with percent', () => {
    const resolved = { ...props({ text: '{value} were negative.', format: 'percent' }), value: '33.12' };
    const { container } = render(<TextView props={resolved} layout="dashboard" />);
    expect(container.textContent).toBe('33.1% were negative.');
  });

  it('appends the value when there is no placeholder', () => {
    const resolved = { ...props({ text: 'Average score:', format: 'decimal', digits: 3 }), value: 0.00612 };
    const { container } = render(<TextView props={resolved} layout="dashboard" />);
    expect(container.textContent).toBe('Average score: 0.006');
  });

  it('shows a dash for a null value', () => {
    const resolved = { ...props({ text: 'CSAT: {value}' }), value: null };
    const { container } = render(<TextView props={resolved} layout="dashboard" />);
    expect(container.textContent).toBe('CSAT: —');
  });

  it('leaves {value} alone when no value prop was given', () => {
    const { container } = render(<TextView props={props({ text: 'Use {value} in text' })} layout="dashboard" />);
    expect(container.textContent).toBe('Use {value} in text');
  });

  it('shows a bound text that arrived as a number, formatted', () => {
    const resolved = { ...props({ text: 'x', format: 'compact' }), text: 125000 };
    const { container } = render(<TextView props={resolved} layout="dashboard" />);
    expect(container.textContent).toBe('125K');
  });

  it('applies tone colour, muted and alignment', () => {
    const toned = render(<TextView props={props({ text: 'bad', tone: 'negative', align: 'right' })} layout="dashboard" />);
    const p = toned.getByText('bad');
    expect(p.style.color).toBe('var(--ap-negative)');
    expect(p.style.textAlign).toBe('right');
    cleanup();
    render(<TextView props={props({ text: 'quiet', tone: 'negative', muted: true })} layout="dashboard" />);
    const quiet = screen.getByText('quiet');
    expect(quiet.style.color).toBe('');
    expect(quiet.getAttribute('data-tone')).toBe('muted');
  });

  it('accepts a $value for text and value', () => {
    expect(definition.bindings).toEqual({ text: 'value', value: 'value' });
    expect(definition.props.safeParse({ text: { $value: { query: 'q', field: 'f' } } }).success).toBe(true);
    expect(definition.props.safeParse({ text: { $query: 'q' } }).success).toBe(false);
  });
});

// Examples are validated with the real validator in test/spec/catalog-examples.test.ts.
