/**
 * Types for the Monaco 0.57 modules the studio imports that ship no
 * declarations (see monaco-json.ts). Only what the studio calls is typed.
 */
declare module 'monaco-editor/languages/features/common/lspLanguageFeatures' {
  import type { IDisposable, Uri, languages } from 'monaco-editor/editor/editor.api';

  /** The proxy of the JSON language service in its worker. */
  export interface LanguageServiceWorker {
    resetSchema?(uri: string): Promise<boolean>;
  }
  type WorkerAccessor = (...uris: Uri[]) => Promise<LanguageServiceWorker>;

  export class DiagnosticsAdapter implements IDisposable {
    constructor(languageId: string, worker: WorkerAccessor, configChangeEvent: (listener: (value: unknown) => void) => IDisposable);
    protected _disposables: IDisposable[];
    dispose(): void;
  }
  export class CompletionAdapter implements languages.CompletionItemProvider {
    constructor(worker: WorkerAccessor, triggerCharacters: string[]);
    provideCompletionItems: languages.CompletionItemProvider['provideCompletionItems'];
  }
  export class HoverAdapter implements languages.HoverProvider {
    constructor(worker: WorkerAccessor);
    provideHover: languages.HoverProvider['provideHover'];
  }
  export class DocumentFormattingEditProvider implements languages.DocumentFormattingEditProvider {
    constructor(worker: WorkerAccessor);
    provideDocumentFormattingEdits: languages.DocumentFormattingEditProvider['provideDocumentFormattingEdits'];
  }
  export class DocumentRangeFormattingEditProvider implements languages.DocumentRangeFormattingEditProvider {
    constructor(worker: WorkerAccessor);
    provideDocumentRangeFormattingEdits: languages.DocumentRangeFormattingEditProvider['provideDocumentRangeFormattingEdits'];
  }
  export class FoldingRangeAdapter implements languages.FoldingRangeProvider {
    constructor(worker: WorkerAccessor);
    provideFoldingRanges: languages.FoldingRangeProvider['provideFoldingRanges'];
  }
}

declare module 'monaco-editor/languages/features/json/tokenization' {
  import type { languages } from 'monaco-editor/editor/editor.api';
  export function createTokenizationSupport(supportComments: boolean): languages.TokensProvider;
}
