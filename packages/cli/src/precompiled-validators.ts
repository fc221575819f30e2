/**
 * The catalog's props validators, precompiled: a loader per component type.
 * From source this is empty and validators compile on first use; the CLI
 * bundle replaces this module with the code scripts/gen-validators.ts
 * generates from the same sources.
 */
import type { ValidateFunction } from 'ajv';

export const precompiledValidators: Record<string, () => Promise<ValidateFunction>> | undefined = undefined;
