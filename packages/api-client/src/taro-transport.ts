import { ApiError } from './errors';
import { parseBody, type Transport } from './transport';

/**
 * The parts of `@tarojs/taro` the transport uses, typed structurally so this package does not
 * depend on Taro (the app passes its `Taro` object in).
 */
export interface TaroNetworkApi {
  request(options: {
    url: string;
    method: string;
    header: Record<string, string>;
    data?: unknown;
    dataType?: string;
    responseType?: string;
    timeout?: number;
  }): Promise<{ statusCode: number; data: unknown }>;
  uploadFile(options: {
    url: string;
    filePath: string;
    name: string;
    header: Record<string, string>;
    formData: Record<string, string>;
    timeout?: number;
    success?: (res: { statusCode: number; data: string }) => void;
    fail?: (err: { errMsg: string }) => void;
  }): { onProgressUpdate?(cb: (res: { progress: number }) => void): void; progress?(cb: (res: { progress: number }) => void): void };
  downloadFile(options: { url: string; header: Record<string, string> }): Promise<{ statusCode: number; tempFilePath: string }>;
}

function failure(err: unknown): ApiError {
  const msg = String((err as { errMsg?: string })?.errMsg ?? (err as Error)?.message ?? err);
  return new ApiError(0, /timeout/i.test(msg) ? 'TIMEOUT' : 'NETWORK_ERROR', msg);
}

/** Transport over `Taro.request` / `Taro.uploadFile` / `Taro.downloadFile` (weapp). */
export function createTaroTransport(taro: TaroNetworkApi): Transport {
  return {
    async request({ method, url, headers, body, timeoutMs }) {
      try {
        // dataType 'text' so we parse ourselves: an empty 204 or a non-JSON error body must not throw.
        const res = await taro.request({ url, method, header: headers, data: body, dataType: 'text', responseType: 'text', timeout: timeoutMs });
        return { status: res.statusCode, data: typeof res.data === 'string' ? parseBody(res.data) : res.data };
      } catch (err) {
        throw failure(err);
      }
    },

    upload({ url, headers, name, file, fields, onProgress, timeoutMs }) {
      return new Promise((resolve, reject) => {
        if (!file.filePath) {
          reject(new ApiError(0, 'BAD_RESPONSE', '没有要上传的文件'));
          return;
        }
        const task = taro.uploadFile({
          url,
          filePath: file.filePath,
          name,
          header: headers,
          formData: fields,
          timeout: timeoutMs,
          // uploadFile calls success for any HTTP status and gives the body as a string.
          success: (res) => resolve({ status: res.statusCode, data: parseBody(res.data) }),
          fail: (err) => reject(failure(err)),
        });
        const listen = task?.onProgressUpdate ?? task?.progress;
        listen?.call(task, (res: { progress: number }) => onProgress?.(res.progress));
      });
    },

    async download({ url, headers }) {
      try {
        const res = await taro.downloadFile({ url, header: headers });
        return { status: res.statusCode, src: res.statusCode < 300 ? res.tempFilePath : '' };
      } catch (err) {
        throw failure(err);
      }
    },
  };
}
