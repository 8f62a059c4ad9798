import { request as httpRequest, type ClientRequest, type IncomingMessage, type RequestOptions } from 'node:http';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

/*
 * electron-updater's own feed parsing and download checks, loaded under plain Node for the feed tests. Its
 * generic provider, parser and builder-util-runtime's HTTP executor need no Electron (only its AppUpdater does).
 * It is a dependency of the desktop app, not the server, so it is resolved from there (test-only).
 */
const desktop = createRequire(fileURLToPath(new URL('../../../../desktop/package.json', import.meta.url)));
const updaterDir = dirname(desktop.resolve('electron-updater/package.json'));
const updater = createRequire(`${updaterDir}/package.json`);

interface CancellationToken {
  createPromise<T>(fn: (resolve: (v: T) => void, reject: (e: Error) => void, onCancel: (cb: () => void) => void) => void): Promise<T>;
}
interface DownloadOptions {
  sha512: string;
  cancellationToken: CancellationToken;
}
interface HttpExecutorBase {
  doDownload(requestOptions: RequestOptions, options: unknown, redirectCount: number): void;
}

const runtime = updater('builder-util-runtime') as {
  HttpExecutor: new () => HttpExecutorBase;
  CancellationToken: new () => CancellationToken;
  configureRequestUrl(url: URL, options: RequestOptions): void;
  configureRequestOptions(options: RequestOptions): RequestOptions;
};

interface FeedFileInfo {
  url: string;
  sha512: string;
  size: number;
}
export interface ParsedUpdateInfo {
  version: string;
  files: FeedFileInfo[];
  path: string;
  sha512: string;
  releaseDate: string;
  stagingPercentage?: number;
}
export interface ResolvedFile {
  url: URL;
  info: FeedFileInfo;
}

export const providerModule = updater('./out/providers/Provider.js') as {
  parseUpdateInfo(raw: string, channelFile: string, channelFileUrl: URL): ParsedUpdateInfo;
  resolveFiles(info: ParsedUpdateInfo, baseUrl: URL): ResolvedFile[];
  findFile(files: ResolvedFile[], extension: string, not?: string[]): ResolvedFile | null | undefined;
};

const { GenericProvider } = updater('./out/providers/GenericProvider.js') as {
  GenericProvider: new (
    config: { provider: 'generic'; url: string },
    updater: { channel: string | null; isAddNoCacheQuery: boolean },
    runtime: { isUseMultipleRangeRequest: boolean; platform: NodeJS.Platform; executor: unknown },
  ) => { getLatestVersion(): Promise<ParsedUpdateInfo>; resolveFiles(info: ParsedUpdateInfo): ResolvedFile[] };
};

/** builder-util-runtime's executor over node:http, with electron-updater's own `download` (sha512-checked). */
class NodeHttpExecutor extends runtime.HttpExecutor {
  createRequest(options: RequestOptions, callback: (response: IncomingMessage) => void): ClientRequest {
    const req = httpRequest(options);
    req.on('response', callback);
    return req;
  }

  /** the same steps as electron-updater's ElectronHttpExecutor.download: a failed checksum rejects */
  download(url: URL, destination: string, sha512: string): Promise<string> {
    const options: DownloadOptions = { sha512, cancellationToken: new runtime.CancellationToken() };
    return options.cancellationToken.createPromise<string>((resolve, reject, onCancel) => {
      const requestOptions: RequestOptions = {};
      runtime.configureRequestUrl(url, requestOptions);
      runtime.configureRequestOptions(requestOptions);
      this.doDownload(
        requestOptions,
        { destination, options, onCancel, callback: (e: Error | null) => (e ? reject(e) : resolve(destination)), responseHandler: null },
        0,
      );
    });
  }
}

/** electron-updater's generic provider for a feed URL, as a packaged counter on `platform` builds it. */
export function genericProvider(feedUrl: string, platform: NodeJS.Platform) {
  const executor = new NodeHttpExecutor();
  const provider = new GenericProvider(
    { provider: 'generic', url: feedUrl },
    { channel: null, isAddNoCacheQuery: false },
    { isUseMultipleRangeRequest: false, platform, executor },
  );
  return { provider, executor };
}

export const jsYaml = updater('js-yaml') as { load(text: string): unknown };
