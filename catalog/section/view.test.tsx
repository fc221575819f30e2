// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { definition } from './definition';
import { SectionView } from './view';

afterEach(cleanup);

const base = definition.props.parse({});

describe('SectionView', () => {
  it('shows the title as a heading, the description and the children in order', () => {
    render(
      <SectionView props={{ ...base, title: 'Channel health', description: 'Last 180 days' }} layout="dashboard">
        <p>first</p>
        <p>second</p>
      </SectionView>,
    );
    const heading = screen.getByRole('heading', { level: 2, name: 'Channel health' });
    expect(heading).toBeTruthy();
    expect(screen.getByText('Last 180 days')).toBeTruthy();
    const region = screen.getByRole('region', { name: 'Channel health' });
    const texts = [...region.querySelectorAll('p')].map((p) => p.textContent);
    expect(texts).toEqual(['Last 180 days', 'first', 'second']);
  });

  it('renders without a title and no heading', () => {
    const { container } = render(
      <SectionView props={base} layout="dashboard">
        <span>only child</span>
      </SectionView>,
    );
    expect(container.querySelector('h2')).toBeNull();
    expect(screen.getByText('only child')).toBeTruthy();
  });

  it('folds and unfolds when collapsible', () => {
    const { container } = render(
      <SectionView props={{ ...base, title: 'Method', collapsible: true, collapsed: true }} layout="dashboard">
        <span>hidden text</span>
      </SectionView>,
    );
    const details = container.querySelector('details')!;
    expect(details).toBeTruthy();
    expect(details.open).toBe(false);
    fireEvent.click(container.querySelector('summary')!);
    expect(details.open).toBe(true);
    expect(screen.getByRole('heading', { name: 'Method' })).toBeTruthy();
  });

  it('starts open when collapsible but not collapsed', () => {
    const { container } = render(
      <SectionView props={{ ...base, title: 'Open', collapsible: true }} layout="dashboard">
        <span>x</span>
      </SectionView>,
    );
    expect(container.querySelector('details')!.open).toBe(true);
  });

  it('ignores `collapsed` when not collapsible', () => {
    const { container } = render(
      <SectionView props={{ ...base, title: 'Plain', collapsed: true }} layout="dashboard">
        <span>visible</span>
      </SectionView>,
    );
    expect(container.querySelector('details')).toBeNull();
    expect(screen.getByText('visible')).toBeTruthy();
  });

  it('applies the gap and marks the document layout', () => {
    const { container } = render(
      <SectionView props={{ ...base, gap: 'xl' }} layout="document">
        <span>a</span>
      </SectionView>,
    );
    const section = container.querySelector('section')!;
    expect(section.getAttribute('data-layout')).toBe('document');
    expect(section.className).toMatch(/document/);
    expect((section.lastElementChild as HTMLElement).style.gap).toBe('32px');
  });
});

describe('Section definition', () => {
  it('has defaults and refuses unknown props', () => {
    expect(base).toEqual({ collapsible: false, collapsed: false, gap: 'md' });
    expect(definition.props.safeParse({ titel: 'x' }).success).toBe(false);
  });
});

// Examples are validated with the real validator in test/spec/catalog-examples.test.ts.
