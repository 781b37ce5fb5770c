import fs from 'node:fs';
import path from 'node:path';

/** What `watchFiles` watches and whom it tells. */
export interface WatchOptions {
  /** The files to watch; asked again after every change, since imports may change. */
  files: () => readonly string[];
  /** Called once per burst of changes (after `debounceMs` of quiet). */
  onChange: () => void;
  /** Stops watching; the returned promise then resolves. @default never */
  signal?: AbortSignal;
  /** Quiet time that ends a burst of changes, in milliseconds. @default 50 */
  debounceMs?: number;
}

/**
 * Watches the directories of `files()` (robust to editors that replace files on save) and
 * calls `onChange` when one of those files changes. Resolves when `signal` aborts.
 *
 * @example
 * ```ts
 * await watchFiles({ files: () => ['/app/src/messages.ts'], onChange: regenerate, signal });
 * ```
 */
export function watchFiles(options: WatchOptions): Promise<void> {
  const debounceMs = options.debounceMs ?? 50;
  const watchers = new Map<string, fs.FSWatcher>();
  let wanted = new Set<string>();
  let timer: NodeJS.Timeout | undefined;

  const refresh = () => {
    wanted = new Set(options.files().map((f) => path.resolve(f)));
    const dirs = new Set([...wanted].map((f) => path.dirname(f)));
    for (const [dir, watcher] of watchers) {
      if (!dirs.has(dir)) {
        watcher.close();
        watchers.delete(dir);
      }
    }
    for (const dir of dirs) {
      if (watchers.has(dir)) continue;
      const watcher = fs.watch(dir, (_event, name) => {
        if (name === null || !wanted.has(path.join(dir, name.toString()))) return;
        clearTimeout(timer);
        timer = setTimeout(() => {
          options.onChange();
          refresh();
        }, debounceMs);
      });
      watchers.set(dir, watcher);
    }
  };
  refresh();

  return new Promise((resolve) => {
    const stop = () => {
      clearTimeout(timer);
      for (const watcher of watchers.values()) watcher.close();
      watchers.clear();
      resolve();
    };
    if (options.signal?.aborted === true) stop();
    else options.signal?.addEventListener('abort', stop, { once: true });
  });
}
