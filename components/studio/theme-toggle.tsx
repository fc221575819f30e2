'use client';
/** The studio header's theme switch: System, Light or Dark, remembered in this browser. */
import { useEffect, useState } from 'react';
import { applyThemeChoice, readThemeChoice, type ThemeChoice } from '../theme';

export function ThemeToggle() {
  const [choice, setChoice] = useState<ThemeChoice>('system');
  useEffect(() => setChoice(readThemeChoice()), []);
  return (
    <label className="st-theme">
      <span>Theme</span>
      <select
        value={choice}
        onChange={(e) => {
          const next = e.target.value as ThemeChoice;
          setChoice(next);
          applyThemeChoice(next);
        }}
        aria-label="Colour theme"
      >
        <option value="system">System</option>
        <option value="light">Light</option>
        <option value="dark">Dark</option>
      </select>
    </label>
  );
}
