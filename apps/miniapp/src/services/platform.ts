/** Which build this is; Taro replaces `process.env.TARO_ENV` at build time so dead branches drop out. */
export const IS_WEAPP = process.env.TARO_ENV === 'weapp'
export const IS_H5 = process.env.TARO_ENV === 'h5'

/** Base of the REST API, set at build time by `TARO_APP_API_BASE` (see config/index.ts). */
export const API_BASE: string = process.env.TARO_APP_API_BASE || '/api/v1'

/** Dev sign-in picker on H5: `auto` asks the server whether `/auth/dev` exists. */
export const DEV_LOGIN_MODE: string = process.env.TARO_APP_DEV_LOGIN || 'auto'

/**
 * H5 map tiles, set at build time: `TARO_APP_MAP_TILES` is a Leaflet URL template
 * (`{s}` subdomain, `{x}`,`{y}`,`{z}`), `TARO_APP_MAP_TILE_SUBDOMAINS` its subdomains. The default is
 * AutoNavi's street map, which is drawn in GCJ-02 like every coordinate in this app.
 */
export const MAP_TILE_URL: string = process.env.TARO_APP_MAP_TILES || 'https://webrd0{s}.is.autonavi.com/appmaptile?lang=zh_cn&size=1&scale=1&style=8&x={x}&y={y}&z={z}'
export const MAP_TILE_SUBDOMAINS: string = process.env.TARO_APP_MAP_TILE_SUBDOMAINS || '1234'
