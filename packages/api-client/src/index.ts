export * from './contract';
export * from './errors';
export * from './transport';
export * from './tokens';
export { createApiClient, encodeQuery, fillPath, type ApiClient, type ApiClientOptions, type RequestOptions, type UploadOptions, type Query } from './client';
export { createEndpoints, type Endpoints } from './endpoints';
export { createFetchTransport } from './fetch-transport';
export { createTaroTransport, type TaroNetworkApi } from './taro-transport';
