import Handlebars from 'handlebars';
import type { Template } from './rule';

/** An isolated Handlebars: helpers registered here do not leak into other users of the package. */
const handlebars = Handlebars.create();
handlebars.registerHelper('date', (value: unknown) => {
  if (typeof value === 'number' || value instanceof Date) return new Date(value).toISOString();
  return value === null || value === undefined ? '' : String(value);
});

export interface TemplateContext {
  payload: Record<string, unknown>;
  event: Record<string, unknown>;
  recipientId: string;
}

export interface Rendered {
  subject: string;
  body: string;
}

const compiled = new Map<Template, { subject: HandlebarsTemplateDelegate; body: HandlebarsTemplateDelegate }>();

/** Plain text (noEscape): these are email subjects and bodies, not HTML. */
export function renderTemplate(template: Template, context: TemplateContext): Rendered {
  let delegates = compiled.get(template);
  if (!delegates) {
    delegates = { subject: handlebars.compile(template.subject, { noEscape: true }), body: handlebars.compile(template.body, { noEscape: true }) };
    compiled.set(template, delegates);
  }
  return { subject: delegates.subject(context).trim(), body: delegates.body(context).trim() };
}
