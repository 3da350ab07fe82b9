/// <reference types="@tarojs/taro" />

declare module '*.png'
declare module '*.svg'
declare module '*.scss'
declare module '*.css'

declare namespace NodeJS {
  interface ProcessEnv {
    NODE_ENV: 'development' | 'production'
    TARO_ENV: 'weapp' | 'h5' | 'swan' | 'alipay' | 'tt' | 'qq' | 'jd' | 'rn' | 'harmony' | 'jdrn'
    TARO_APP_ID: string
    /** REST base, e.g. `/api/v1` (H5, same origin) or `https://api.example.cn/api/v1` (weapp). */
    TARO_APP_API_BASE: string
    /** `auto` (H5 offers dev sign-in when the server has it), `on` or `off`. */
    TARO_APP_DEV_LOGIN: string
  }
}
