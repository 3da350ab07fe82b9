/**
 * The deployment of deploy/ as scripts/deploy-local.sh brings it up on this machine: its ports
 * (the script's DEPLOY_* variables and defaults), its nginx and its primary database.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';

export const ROOT = path.resolve(__dirname, '../../..');
export const NGINX_PORT = Number(process.env.DEPLOY_NGINX_PORT || 8440);
export const PG_PORT = Number(process.env.DEPLOY_PG_PORT || 54344);
export const API_PORT = Number(process.env.DEPLOY_API_PORT || 3441);
/** The instances' METRICS_TOKEN (scripts/deploy-local.sh). */
export const METRICS_TOKEN = process.env.DEPLOY_METRICS_TOKEN || 'deploy-local-metrics-token-0123456789';
export const STATE = process.env.DEPLOY_STATE_DIR || `/tmp/xfqs-deploy-${NGINX_PORT}`;
/** nginx, the one address riders and staff use. */
export const NGINX_URL = `http://127.0.0.1:${NGINX_PORT}`;
/** The primary, as an operator (or a test checking what was stored) reaches it. */
export const PRIMARY_DATABASE_URL = `postgres://postgres@127.0.0.1:${PG_PORT}/xfqs_deploy`;

/** Runs `scripts/deploy-local.sh <args>`; its output (and, on failure, its error) is returned or thrown. */
export function deploy(...args: string[]): string {
  return execFileSync(path.join(ROOT, 'scripts/deploy-local.sh'), args, { cwd: ROOT, encoding: 'utf8', timeout: 400_000 });
}
