/** The local platform's `POST /pages/validate` and page writes, checked by the toolkit's own validator over a catalog. */
import type { Catalog } from '../spec/define';
import { hasErrors } from '../spec/diagnostics';
import { loadSqlParser } from '../spec/sql-check';
import { validatePage } from '../spec/validate';
import type { PageValidator } from './options';

export function platformPageValidator(catalog: Catalog): PageValidator {
  return async (body) => {
    await loadSqlParser();
    const diagnostics = validatePage(body, catalog, { requireName: false });
    return { valid: !hasErrors(diagnostics), diagnostics };
  };
}
