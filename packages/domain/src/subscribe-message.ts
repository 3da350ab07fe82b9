import { shanghaiClock, shanghaiTime } from './shanghai-time';

/**
 * WeChat subscribe-message values (`message/subscribe/send` → `data: { thing1: { value } }`).
 * A template's field key names its type (`thing1` → `thing`), and each type has its own limit;
 * a value over it makes WeChat refuse the whole message (errcode 47003), so every value is fitted
 * here before it is sent. Limits as WeChat documents them for 订阅消息参数值内容限制.
 */

export const SUBSCRIBE_FIELD_TYPES = [
  'thing',
  'number',
  'letter',
  'symbol',
  'character_string',
  'time',
  'date',
  'amount',
  'phone_number',
  'car_number',
  'name',
  'phrase',
] as const;
export type SubscribeFieldType = (typeof SUBSCRIBE_FIELD_TYPES)[number];

/** Characters allowed per type (counted as Unicode code points, as WeChat counts them). */
export const SUBSCRIBE_FIELD_LIMITS: Record<SubscribeFieldType, number> = {
  thing: 20,
  number: 32,
  letter: 32,
  symbol: 5,
  character_string: 32,
  time: 24,
  date: 24,
  amount: 11,
  phone_number: 17,
  car_number: 8,
  name: 10,
  phrase: 5,
};

/** The type of a template field key: `thing12` → `thing`, `character_string3` → `character_string`; undefined for an unknown key. */
export function subscribeFieldType(key: string): SubscribeFieldType | undefined {
  const type = key.replace(/\d+$/, '');
  return (SUBSCRIBE_FIELD_TYPES as readonly string[]).includes(type) ? (type as SubscribeFieldType) : undefined;
}

const HAN = /\p{Script=Han}/u;

const chars = (text: string) => Array.from(text);
const cut = (text: string, max: number) => chars(text).slice(0, max).join('');
/** Cut with an ellipsis that counts as one of the `max` characters. */
const shorten = (text: string, max: number) => (chars(text).length <= max ? text : `${cut(text, max - 1)}…`);
const keep = (text: string, allowed: RegExp) => chars(text).filter((c) => allowed.test(c)).join('');
const oneLine = (text: string) => text.replace(/\s+/g, ' ').trim();

/** `2026年11月29日 15:01` (time) or `2026年11月29日` (date), in Asia/Shanghai. */
export function formatSubscribeTime(at: Date, type: 'time' | 'date'): string {
  const local = shanghaiClock(at);
  const day = `${local.year}年${local.month}月${local.day}日`;
  return type === 'date' ? day : `${day} ${shanghaiTime(at)}`;
}

/**
 * Fits one value to its field's type: free text is cut (with "…" for `thing`), characters a type
 * does not take are dropped (a `phrase` keeps only Chinese characters, a `number` only digits),
 * and instants become Shanghai wall-clock text for `time`/`date`. Returns `undefined` when
 * nothing usable is left (WeChat refuses an empty value; the caller picks a fallback).
 */
export function fitSubscribeValue(key: string, value: string | number | Date): string | undefined {
  const type = subscribeFieldType(key);
  if (!type) return undefined;
  const text = value instanceof Date ? formatSubscribeTime(value, type === 'date' ? 'date' : 'time') : oneLine(String(value));
  const fitted = fitText(type, text);
  return fitted ? fitted : undefined;
}

function fitText(type: SubscribeFieldType, text: string): string {
  const max = SUBSCRIBE_FIELD_LIMITS[type];
  switch (type) {
    case 'thing':
      return shorten(text, max);
    case 'phrase':
      return cut(keep(text, HAN), max);
    case 'name':
      return HAN.test(text) ? cut(text, max) : cut(text, 20);
    case 'number':
      return cut(keep(text, /[0-9.]/), max);
    case 'letter':
      return cut(keep(text, /[A-Za-z]/), max);
    case 'symbol':
      return cut(keep(text, /[^\p{L}\p{N}\s]/u), max);
    case 'character_string':
      return cut(keep(text, /[\x21-\x7e]/), max);
    case 'phone_number':
      return cut(keep(text, /[0-9+\-()]/), max);
    case 'amount':
      return cut(text.replace(/\s/g, ''), max + 1); // one currency sign + 10 digits, or digits + 元
    case 'car_number':
      return cut(text.replace(/\s/g, ''), max);
    case 'time':
    case 'date':
      return cut(text, max);
  }
}

/**
 * The `data` object of a send: for each template field, the fitted value of the named source
 * (`{ thing1: 'title', phrase2: 'status' }` with `{ title: …, status: … }`), `-` where a value
 * is missing or nothing of it fits, so WeChat never gets an empty field.
 */
export function subscribeMessageData(fields: Record<string, string>, values: Record<string, string | number | Date | undefined>): Record<string, { value: string }> {
  const data: Record<string, { value: string }> = {};
  for (const [key, source] of Object.entries(fields)) {
    const raw = values[source];
    const fitted = raw === undefined || raw === null ? undefined : fitSubscribeValue(key, raw);
    data[key] = { value: fitted ?? (subscribeFieldType(key) === 'phrase' ? '通知' : '-') };
  }
  return data;
}
