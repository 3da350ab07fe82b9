import { NOTIFICATION_KINDS, type NotificationKind } from '@xfqs/db';
import { subscribeFieldType } from '@xfqs/domain';

/** What a template field can show: the notification's own words and time. */
export const TEMPLATE_SOURCES = ['title', 'body', 'status', 'time'] as const;
export type TemplateSource = (typeof TEMPLATE_SOURCES)[number];

export interface WechatTemplate {
  /** The template id from the mini-program admin (订阅消息 → 我的模板). */
  id: string;
  /** Template field key (`thing1`, `phrase2`, `time3` …) → what it shows. */
  fields: Record<string, TemplateSource>;
}

/** Notification kind → its WeChat template; kinds without one are inbox-only. */
export type WechatTemplates = Partial<Record<NotificationKind, WechatTemplate>>;

/**
 * Parses `WECHAT_TEMPLATES`, e.g.
 * `{"application_approved":{"id":"AbC…","fields":{"thing1":"title","phrase2":"status","time3":"time"}}}`.
 * Several kinds may share a template id. Throws a readable message when it does not fit.
 */
export function parseWechatTemplates(text: string | undefined): WechatTemplates {
  if (!text) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new Error('WECHAT_TEMPLATES must be JSON: {"<kind>":{"id":"<template id>","fields":{"thing1":"title",…}}}');
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('WECHAT_TEMPLATES must be a JSON object keyed by notification kind');
  const templates: WechatTemplates = {};
  for (const [kind, value] of Object.entries(parsed as Record<string, unknown>)) {
    if (!(NOTIFICATION_KINDS as readonly string[]).includes(kind)) throw new Error(`WECHAT_TEMPLATES: unknown kind "${kind}" (one of ${NOTIFICATION_KINDS.join(', ')})`);
    const { id, fields } = (value ?? {}) as { id?: unknown; fields?: unknown };
    if (typeof id !== 'string' || !/^[\w-]{1,128}$/.test(id)) throw new Error(`WECHAT_TEMPLATES.${kind}.id must be a template id`);
    if (!fields || typeof fields !== 'object' || Array.isArray(fields) || Object.keys(fields).length === 0)
      throw new Error(`WECHAT_TEMPLATES.${kind}.fields must map template keys to ${TEMPLATE_SOURCES.join('/')}`);
    for (const [key, source] of Object.entries(fields)) {
      if (!subscribeFieldType(key)) throw new Error(`WECHAT_TEMPLATES.${kind}.fields: "${key}" is not a WeChat field key (thing1, phrase2, time3 …)`);
      if (!(TEMPLATE_SOURCES as readonly string[]).includes(source as string))
        throw new Error(`WECHAT_TEMPLATES.${kind}.fields.${key} must be one of ${TEMPLATE_SOURCES.join(', ')}`);
    }
    templates[kind as NotificationKind] = { id, fields: fields as Record<string, TemplateSource> };
  }
  return templates;
}
