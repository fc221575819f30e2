// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { definition } from './definition';
import { CalloutView } from './view';

afterEach(cleanup);
const callout = (p: Record<string, unknown>) => definition.props.parse(p);

describe('CalloutView', () => {
  it('shows the title, the tone icon and the message children', () => {
    render(
      <CalloutView props={callout({ title: 'CSAT covers surveyed interactions only', tone: 'warning' })} layout="dashboard">
        <p>Only 39.5% carry a score.</p>
      </CalloutView>,
    );
    const note = screen.getByRole('note', { name: 'Warning: CSAT covers surveyed interactions only' });
    expect(note.getAttribute('data-tone')).toBe('warning');
    expect(note.style.getPropertyValue('--ap-callout-tone')).toBe('var(--ap-warning)');
    expect(note.textContent).toContain('⚠');
    expect(screen.getByText('Only 39.5% carry a score.')).toBeTruthy();
  });

  it.each([
    ['neutral', 'ℹ'],
    ['positive', '✓'],
    ['negative', '✕'],
    ['info', 'ℹ'],
  ])('tone %s shows %s', (tone, icon) => {
    render(<CalloutView props={callout({ tone })} layout="dashboard" />);
    expect(screen.getByRole('note').textContent).toBe(icon);
  });

  it('can hide the icon and defaults to neutral', () => {
    render(
      <CalloutView props={callout({ icon: false })} layout="dashboard">
        <span>message</span>
      </CalloutView>,
    );
    const note = screen.getByRole('note', { name: 'Note' });
    expect(note.textContent).toBe('message');
    expect(note.getAttribute('data-tone')).toBe('neutral');
  });

  it('takes its message as children and refuses unknown tones', () => {
    expect(definition.children).toEqual({});
    expect(definition.props.safeParse({ tone: 'danger' }).success).toBe(false);
    expect(definition.props.safeParse({ message: 'x' }).success).toBe(false);
  });
});

// Examples are validated with the real validator in test/spec/catalog-examples.test.ts.
