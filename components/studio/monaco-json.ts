'use client';
/**
 * The JSON language for the studio's Monaco: the JSON language service in its
 * worker (completion and hover from the page schema, syntax diagnostics,
 * formatting, folding) and its tokenizer.
 *
 * Monaco 0.57's own registration (`languages/features/json/register`) does the
 * same, but its worker manager imports `internal/common/workers.js`, which
 * imports every editor contribution (inline completions, sticky scroll, quick
 * access and some 60 more): about 130 KB gzipped that the studio never used.
 * This module wires Monaco's own adapters and tokenizer to the same worker
 * without that import. `jsonDefaults` keeps the shape of `monaco.json.jsonDefaults`.
 */
import {
  CompletionAdapter,
  DiagnosticsAdapter,
  DocumentFormattingEditProvider,
  DocumentRangeFormattingEditProvider,
  FoldingRangeAdapter,
  HoverAdapter,
  type LanguageServiceWorker,
} from 'monaco-editor/languages/features/common/lspLanguageFeatures';
import { createTokenizationSupport } from 'monaco-editor/languages/features/json/tokenization';
import { Emitter, editor, languages, type IDisposable, type IEvent, type Uri } from 'monaco-editor/editor/editor.api';
import type { DiagnosticsOptions } from 'monaco-editor/languages/features/json/register';

const LANGUAGE_ID = 'json';
/** Stop the worker after two idle minutes, as Monaco does. */
const STOP_WHEN_IDLE_FOR = 2 * 60 * 1000;

class JsonDefaults {
  readonly languageId = LANGUAGE_ID;
  private readonly changed = new Emitter<JsonDefaults>();
  private options: DiagnosticsOptions = { validate: true, allowComments: false, schemas: [], enableSchemaRequest: false, trailingCommas: 'error' };

  get onDidChange(): IEvent<JsonDefaults> {
    return this.changed.event;
  }

  get diagnosticsOptions(): DiagnosticsOptions {
    return this.options;
  }

  setDiagnosticsOptions(options: DiagnosticsOptions): void {
    this.options = options;
    this.changed.fire(this);
  }
}

export const jsonDefaults = new JsonDefaults();

/** One JSON worker, started on first use, restarted when the options (the schema) change, stopped when idle. */
class WorkerManager implements IDisposable {
  private worker: editor.MonacoWebWorker<LanguageServiceWorker> | undefined;
  private client: Promise<LanguageServiceWorker> | undefined;
  private lastUsed = 0;
  private readonly idleCheck = window.setInterval(() => {
    if (this.worker && Date.now() - this.lastUsed > STOP_WHEN_IDLE_FOR) this.stop();
  }, 30_000);
  private readonly onChange = jsonDefaults.onDidChange(() => this.stop());

  private stop(): void {
    this.worker?.dispose();
    this.worker = undefined;
    this.client = undefined;
  }

  dispose(): void {
    clearInterval(this.idleCheck);
    this.onChange.dispose();
    this.stop();
  }

  async get(...resources: Uri[]): Promise<LanguageServiceWorker> {
    this.lastUsed = Date.now();
    if (!this.client) {
      const worker = new Worker(new URL('monaco-editor/language/json/json.worker.js', import.meta.url), { type: 'module', name: LANGUAGE_ID });
      // The worker's first message starts it; the second carries what its JSONWorker is created with.
      worker.postMessage('ignore');
      worker.postMessage({
        languageSettings: jsonDefaults.diagnosticsOptions,
        languageId: LANGUAGE_ID,
        enableSchemaRequest: jsonDefaults.diagnosticsOptions.enableSchemaRequest,
      });
      this.worker = editor.createWebWorker<LanguageServiceWorker>({ worker });
      this.client = this.worker.getProxy();
    }
    const client = await this.client;
    await this.worker?.withSyncedResources(resources);
    return client;
  }
}

/** Syntax diagnostics from the worker; a model that goes away or changes language forgets its schema there. */
class JsonDiagnosticsAdapter extends DiagnosticsAdapter {
  constructor(worker: (...uris: Uri[]) => Promise<LanguageServiceWorker>) {
    super(LANGUAGE_ID, worker, jsonDefaults.onDidChange);
    const reset = (uri: Uri) => void worker().then((w) => w.resetSchema?.(uri.toString()));
    this._disposables.push(editor.onWillDisposeModel((model) => reset(model.uri)));
    this._disposables.push(editor.onDidChangeModelLanguage((event) => reset(event.model.uri)));
  }
}

function setupMode(): void {
  const manager = new WorkerManager();
  const worker = (...uris: Uri[]) => manager.get(...uris);
  languages.registerDocumentFormattingEditProvider(LANGUAGE_ID, new DocumentFormattingEditProvider(worker));
  languages.registerDocumentRangeFormattingEditProvider(LANGUAGE_ID, new DocumentRangeFormattingEditProvider(worker));
  languages.registerCompletionItemProvider(LANGUAGE_ID, new CompletionAdapter(worker, [' ', ':', '"']));
  languages.registerHoverProvider(LANGUAGE_ID, new HoverAdapter(worker));
  languages.registerFoldingRangeProvider(LANGUAGE_ID, new FoldingRangeAdapter(worker));
  languages.setTokensProvider(LANGUAGE_ID, createTokenizationSupport(true));
  new JsonDiagnosticsAdapter(worker);
  languages.setLanguageConfiguration(LANGUAGE_ID, {
    wordPattern: /(-?\d*\.\d\w*)|([^[{\]}:",\s]+)/g,
    comments: { lineComment: '//', blockComment: ['/*', '*/'] },
    brackets: [
      ['{', '}'],
      ['[', ']'],
    ],
    autoClosingPairs: [
      { open: '{', close: '}', notIn: ['string'] },
      { open: '[', close: ']', notIn: ['string'] },
      { open: '"', close: '"', notIn: ['string'] },
    ],
  });
}

languages.register({ id: LANGUAGE_ID, extensions: ['.json'], aliases: ['JSON', 'json'], mimetypes: ['application/json'] });
let setUp = false;
languages.onLanguage(LANGUAGE_ID, () => {
  if (setUp) return;
  setUp = true;
  setupMode();
});
