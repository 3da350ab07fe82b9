import { deploy } from './deployment';

/**
 * Takes the deployment down again (also after a failed `up`: whatever it started), unless
 * DEPLOY_KEEP=1 (to look at it, or to run the tests again on it: `up` reuses what is running).
 */
export default async function globalTeardown() {
  if (process.env.DEPLOY_KEEP !== '1') deploy('down');
}
