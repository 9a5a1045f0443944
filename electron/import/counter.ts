/**
 * Counting per MODEL.md section 8: dedupe retried events, follow each message, then count per route
 * and cohort and report ordering anomalies. State is kept per distinct message (a few numbers and
 * flags), so memory grows with messages, not with the file.
 */
import type { AnomalyKind, ImportEvent, ImportResult, RouteCounts } from './events.js';

const SENT = 1;
const ENGAGED = 2;
const CONVERTED = 4;
const OPTED_OUT = 8;
const COMPLAINED = 16;
const HELD_OUT = 32;
const HOLDOUT_COHORT = 64;

interface Message {
  route: string;
  firstLine: number;
  flags: number;
  outcome: 'delivered' | 'failed' | null;
  outcomeTs: number;
  outcomeLine: number;
  reason: string | null;
  minEngagedTs: number;
  minEngagedLine: number;
  minDeliveredTs: number;
  maxDeliveredTs: number;
  maxDeliveredLine: number;
  minFailedTs: number;
  futureLine: number;
}

export class Counter {
  private readonly seen = new Set<string>();
  private readonly messages = new Map<string, Message>();
  events = 0;
  duplicates = 0;

  constructor(private readonly now: number) {}

  add(e: ImportEvent): void {
    this.events++;
    // Copy the strings we keep (a parser's field can pin its whole chunk in memory).
    const key = e.eventId !== null ? `i\u0000${e.eventId}` : `k\u0000${e.messageId}\u0000${e.event}\u0000${e.timestamp}`;
    if (this.seen.has(key)) {
      this.duplicates++;
      return;
    }
    this.seen.add(copy(key));
    let m = this.messages.get(e.messageId);
    if (!m) {
      m = {
        route: copy(e.route),
        firstLine: e.line,
        flags: 0,
        outcome: null,
        outcomeTs: -Infinity,
        outcomeLine: 0,
        reason: null,
        minEngagedTs: Infinity,
        minEngagedLine: 0,
        minDeliveredTs: Infinity,
        maxDeliveredTs: -Infinity,
        maxDeliveredLine: 0,
        minFailedTs: Infinity,
        futureLine: 0,
      };
      this.messages.set(copy(e.messageId), m);
    }
    if (e.cohort === 'holdout') m.flags |= HOLDOUT_COHORT;
    if (e.timestamp > this.now && m.futureLine === 0) m.futureLine = e.line;
    const t = e.timestamp;
    switch (e.event) {
      case 'sent':
        m.flags |= SENT;
        break;
      case 'delivered':
      case 'failed':
        m.flags |= SENT;
        // The latest delivered or failed event decides the outcome; the later line wins a tie.
        if (t >= m.outcomeTs) {
          m.outcome = e.event;
          m.outcomeTs = t;
          m.outcomeLine = e.line;
          m.reason = e.event === 'failed' ? copy(e.failureReason ?? 'unknown') : null;
        }
        if (e.event === 'delivered') {
          if (t < m.minDeliveredTs) m.minDeliveredTs = t;
          if (t > m.maxDeliveredTs) {
            m.maxDeliveredTs = t;
            m.maxDeliveredLine = e.line;
          }
        } else if (t < m.minFailedTs) m.minFailedTs = t;
        break;
      case 'clicked':
      case 'replied':
        m.flags |= ENGAGED;
        if (t < m.minEngagedTs) {
          m.minEngagedTs = t;
          m.minEngagedLine = e.line;
        }
        break;
      case 'converted':
        m.flags |= CONVERTED;
        break;
      case 'opted_out':
        m.flags |= OPTED_OUT;
        break;
      case 'complained':
        m.flags |= COMPLAINED;
        break;
      case 'held_out':
        m.flags |= HELD_OUT | HOLDOUT_COHORT;
        break;
      case 'opened':
        break;
    }
  }

  result(file: string): ImportResult {
    const counts: Record<string, RouteCounts> = {};
    const anomalies: ImportResult['anomalies'] = [];
    const route = (r: string) => (counts[r] ??= { sent: 0, delivered: 0, failed: {}, engaged: 0, converted: 0, optedOut: 0, complained: 0 });
    const flag = (kind: AnomalyKind, id: string, line: number) => anomalies.push({ kind, messageId: id, line });
    for (const [id, m] of this.messages) {
      if (m.futureLine) flag('future-timestamp', id, m.futureLine);
      if (m.flags & HELD_OUT) {
        const c = route(m.route);
        c.holdout ??= { members: 0, converted: 0 };
        c.holdout.members++;
        if (m.flags & CONVERTED) c.holdout.converted++;
        continue;
      }
      if (!(m.flags & SENT)) {
        flag('unknown-message', id, m.firstLine);
        continue;
      }
      if (m.flags & HOLDOUT_COHORT) continue; // a sent message marked holdout without held_out: not exposed evidence
      const c = route(m.route);
      c.sent++;
      if (m.outcome === 'delivered') c.delivered++;
      else if (m.outcome === 'failed') c.failed[m.reason!] = (c.failed[m.reason!] ?? 0) + 1;
      if (m.flags & ENGAGED) c.engaged++;
      if (m.flags & CONVERTED) c.converted++;
      if (m.flags & OPTED_OUT) c.optedOut++;
      if (m.flags & COMPLAINED) c.complained++;
      if (m.flags & ENGAGED && !(m.minDeliveredTs <= m.minEngagedTs)) flag('engaged-before-delivered', id, m.minEngagedLine);
      if (m.maxDeliveredTs > m.minFailedTs) flag('delivered-after-failed', id, m.maxDeliveredLine);
    }
    anomalies.sort((a, b) => a.line - b.line || a.kind.localeCompare(b.kind));
    return { file, events: this.events, duplicates: this.duplicates, messages: this.messages.size, anomalies, counts };
  }
}

function copy(s: string): string {
  return (' ' + s).slice(1);
}
