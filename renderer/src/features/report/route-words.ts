/**
 * A route key of the engine ("sms/KE", "whatsapp/US/utility", "email") in the words the report's
 * reader uses: "SMS to Kenya", "WhatsApp utility to the US", "email".
 */
import { routeWords } from '../../../../electron/api/scenario-words.js';

export function routeInWords(key: string): string {
  const [channel = '', country = '', cls = ''] = key.split('/');
  return routeWords({ channel, country: country || null, class: cls || null });
}

/** Several routes: "SMS to Kenya and email", "SMS to Kenya, email and push". */
export function routesInWords(keys: readonly string[]): string {
  const w = keys.map(routeInWords);
  return w.length <= 1 ? (w[0] ?? '') : `${w.slice(0, -1).join(', ')} and ${w.at(-1)}`;
}
