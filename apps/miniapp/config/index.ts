import { defineConfig, type UserConfigExport } from '@tarojs/cli'
import TsconfigPathsPlugin from 'tsconfig-paths-webpack-plugin'
import path from 'node:path'
import { WEAPP_ARIA } from './weapp-aria'

/**
 * NutUI ships its styles for a 375 px design; our own styles are written for 750 px.
 * Taro's pxtransform calls this with the file being processed.
 */
function designWidth(input?: string | number | { file?: string }) {
  const file = typeof input === 'object' && input?.file ? input.file.replace(/\\+/g, '/') : ''
  // Leaflet's stylesheet is in CSS pixels too.
  return file.includes('@nutui') || file.includes('/leaflet/') ? 375 : 750
}

/** Where the app finds the REST API. H5 talks to the same origin; weapp needs a registered https domain. */
function apiBase() {
  if (process.env.TARO_APP_API_BASE) return process.env.TARO_APP_API_BASE
  return process.env.TARO_ENV === 'h5' ? '/api/v1' : 'https://xfqs.example.cn/api/v1'
}

const WORKSPACE_PACKAGES = path.resolve(__dirname, '../../../packages')

export default defineConfig<'webpack5'>(async (merge) => {
  const baseConfig: UserConfigExport<'webpack5'> = {
    projectName: 'xianfeng-qishi',
    date: '2026-11-25',
    designWidth,
    deviceRatio: { 640: 2.34 / 2, 750: 1, 375: 2, 828: 1.81 / 2 },
    sourceRoot: 'src',
    outputRoot: `dist/${process.env.TARO_ENV}`,
    // plugin-inject: the aria-* attributes WeChat reads, in the weapp templates (config/weapp-aria.ts)
    plugins: ['@tarojs/plugin-html', ['@tarojs/plugin-inject', { components: WEAPP_ARIA }]],
    env: {
      TARO_APP_API_BASE: JSON.stringify(apiBase()),
      TARO_APP_DEV_LOGIN: JSON.stringify(process.env.TARO_APP_DEV_LOGIN ?? 'auto'),
      // H5 map tiles (Leaflet URL template and subdomains); empty means the AutoNavi default (services/platform.ts).
      TARO_APP_MAP_TILES: JSON.stringify(process.env.TARO_APP_MAP_TILES ?? ''),
      TARO_APP_MAP_TILE_SUBDOMAINS: JSON.stringify(process.env.TARO_APP_MAP_TILE_SUBDOMAINS ?? ''),
    },
    alias: {
      '@': path.resolve(__dirname, '..', 'src'),
    },
    copy: {
      // H5: the root-font-size script, kept out of index.html for the API's CSP.
      // weapp: the map marker, which <Map> needs as a package file (an inlined data URL does not work).
      patterns:
        process.env.TARO_ENV === 'h5'
          ? [{ from: 'src/public/rem.js', to: 'dist/h5/rem.js' }]
          : [{ from: 'src/assets/marker.png', to: `dist/${process.env.TARO_ENV}/assets/marker.png` }],
      options: {},
    },
    framework: 'react',
    compiler: { type: 'webpack5', prebundle: { enable: false } },
    cache: { enable: false },
    mini: {
      // Modules only subpackages use go into the subpackages, not the main package.
      optimizeMainPackage: { enable: true },
      // Component styles are scoped by class name, so their order across chunks does not matter.
      miniCssExtractPluginOption: { ignoreOrder: true },
      // The workspace packages are TypeScript source: compile them like src/.
      compile: { include: [WORKSPACE_PACKAGES] },
      postcss: {
        pxtransform: { enable: true, config: {} },
        cssModules: { enable: false },
      },
      webpackChain(chain) {
        chain.resolve.plugin('tsconfig-paths').use(TsconfigPathsPlugin)
      },
    },
    h5: {
      publicPath: '/',
      compile: { include: [WORKSPACE_PACKAGES] },
      staticDirectory: 'static',
      router: { mode: 'hash' },
      output: {
        filename: 'js/[name].[hash:8].js',
        chunkFilename: 'js/[name].[chunkhash:8].js',
      },
      miniCssExtractPluginOption: {
        ignoreOrder: true,
        filename: 'css/[name].[hash:8].css',
        chunkFilename: 'css/[name].[chunkhash:8].css',
      },
      postcss: {
        autoprefixer: { enable: true, config: {} },
        cssModules: { enable: false },
      },
      webpackChain(chain) {
        chain.resolve.plugin('tsconfig-paths').use(TsconfigPathsPlugin)
        // Taro splits only initial chunks on H5, so every lazily loaded page carried its own copy
        // of the component runtime (~190 KB each); sharing async chunks too cuts that out.
        chain.optimization.splitChunks({ ...chain.optimization.get('splitChunks'), chunks: 'all' })
      },
    },
  }
  return merge({}, baseConfig, process.env.NODE_ENV === 'development' ? {} : { mini: {}, h5: {} })
})
