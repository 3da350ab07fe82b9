/** Which build this is; Taro replaces `process.env.TARO_ENV` at build time so dead branches drop out. */
export const IS_WEAPP = process.env.TARO_ENV === 'weapp'
export const IS_H5 = process.env.TARO_ENV === 'h5'

/** Base of the REST API, set at build time by `TARO_APP_API_BASE` (see config/index.ts). */
export const API_BASE: string = process.env.TARO_APP_API_BASE || '/api/v1'

/** Dev sign-in picker on H5: `auto` asks the server whether `/auth/dev` exists. */
export const DEV_LOGIN_MODE: string = process.env.TARO_APP_DEV_LOGIN || 'auto'
