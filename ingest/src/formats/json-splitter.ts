import type { ElementHint } from './detect';
import { errorMessage } from './detect';

/** One unit the splitter hands on: a parsed JSON value, or text that could not be one. */
export type SplitUnit =
  | {
      readonly kind: 'value';
      readonly value: unknown;
      readonly line: number;
      readonly index?: number;
      /** True for an element streamed out of a container (`Records`, `Findings`, a top-level array). */
      readonly element: boolean;
      readonly hint: ElementHint;
    }
  | { readonly kind: 'invalid'; readonly reason: string; readonly raw: string; readonly line: number; readonly index?: number };

/** Limits for {@link JsonRecordSplitter}. */
export interface SplitterOptions {
  /** Largest single value kept in memory; a larger one is reported and skipped. @defaultValue 64 MiB */
  readonly maxValueBytes?: number;
  /** Lines up to this size are parsed whole; longer ones are streamed. @defaultValue 4 MiB */
  readonly wholeLineMaxBytes?: number;
}

const NEWLINE = 0x0a;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const COMMA = 0x2c;
const WRAPPER_PREFIX = /^\{\s*"(Records|Findings)"\s*:\s*$/;
// Dead letters of an oversized value keep its start: enough to find it, without another huge copy.
const OVERSIZED_RAW_BYTES = 64 * 1024;

interface Container {
  readonly depth: number;
  readonly hint: ElementHint;
  readonly line: number;
  readonly name: string;
  index: number;
}

type UnitKind = 'value' | 'element' | 'junk';

function isWhitespace(byte: number): boolean {
  return byte === 0x20 || byte === NEWLINE || byte === 0x0d || byte === 0x09;
}

/**
 * Splits a byte stream into JSON values, in order, with the line each starts on. Handles one value
 * per line (the fast path: a whole line goes to `JSON.parse`), values concatenated with no
 * delimiter (Firehose), pretty-printed values spanning lines, and streams the elements of a
 * top-level array or of a `{"Records":[…]}` / `{"Findings":[…]}` wrapper one by one, so memory is
 * bounded by the largest element, not the file.
 *
 * Recovery: JSON strings cannot hold a raw newline, and pretty-printers indent nested lines, so a
 * newline inside a string, or a line starting with `{` while a value is still open, means the
 * open value was truncated; it is reported and reading resumes at that line.
 */
export class JsonRecordSplitter {
  /** The most bytes ever held for one line or value: what bounds memory. */
  peakBufferedBytes = 0;

  private readonly maxValueBytes: number;
  private readonly wholeLineMaxBytes: number;
  private line = 1;
  private mode: 'line' | 'scan' = 'line';
  private started = false;
  // Line mode: the current line so far, when it spans chunks.
  private lineParts: Buffer[] = [];
  private lineBytes = 0;
  // Scan mode.
  private depth = 0;
  private inString = false;
  private escaped = false;
  private container: Container | undefined;
  private skippingWrapperRest = false;
  private unit: UnitKind | undefined;
  private unitLine = 0;
  private unitIndex: number | undefined;
  private unitParts: Buffer[] = [];
  private unitBytes = 0;
  private unitFrom = 0;
  private unitOversized = false;
  private wrapperCandidate = false;
  private newlinePending = false;
  private valuesOnLine = 0;
  private valuesOnLineNumber = 0;

  constructor(options: SplitterOptions = {}) {
    this.maxValueBytes = options.maxValueBytes ?? 64 * 1024 * 1024;
    this.wholeLineMaxBytes = Math.min(options.wholeLineMaxBytes ?? 4 * 1024 * 1024, this.maxValueBytes);
  }

  /** The line the splitter has reached (1-based). */
  get currentLine(): number {
    return this.line;
  }

  /** Feeds the next chunk; returns the units it completed. */
  push(chunk: Buffer): SplitUnit[] {
    const out: SplitUnit[] = [];
    let position = 0;
    if (!this.started) {
      this.started = true;
      if (chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf) position = 3;
    }
    while (position < chunk.length) {
      position = this.mode === 'line' ? this.lineStep(chunk, position, out) : this.scan(chunk, position, out);
    }
    return out;
  }

  /**
   * Ends the input. An open value is reported as incomplete; with `truncatedReason` (the input
   * ended abnormally, e.g. a truncated gzip) one `invalid` unit always says so.
   */
  end(truncatedReason?: string): SplitUnit[] {
    const out: SplitUnit[] = [];
    if (truncatedReason !== undefined) {
      // Whatever was pending is the start of the damaged record: one rejection carries it.
      const pending = this.mode === 'line' ? this.lineParts : this.unit !== undefined && !this.unitOversized ? this.unitParts : [];
      const line = this.mode === 'scan' && this.unit !== undefined ? this.unitLine : this.line;
      out.push({ kind: 'invalid', reason: truncatedReason, raw: Buffer.concat(pending).toString('utf8'), line });
      this.lineParts = [];
      this.lineBytes = 0;
      this.resetScan();
      return out;
    }
    if (this.mode === 'line' && this.lineBytes > 0) {
      const last = Buffer.concat(this.lineParts);
      this.lineParts = [];
      this.lineBytes = 0;
      if (!this.parseWholeLine(last, out)) {
        this.mode = 'scan';
        this.scan(last, 0, out);
        this.finishJunk(0, Buffer.alloc(0), out);
      }
    } else if (this.mode === 'scan' && this.unit === 'junk') {
      this.finishJunk(0, Buffer.alloc(0), out);
    }
    if (this.isOpen()) {
      const raw = this.unit !== undefined && !this.unitOversized ? Buffer.concat(this.unitParts).toString('utf8') : '';
      const where =
        this.unit !== undefined
          ? `the value starting at line ${this.unitLine} is incomplete`
          : this.container !== undefined
            ? `the ${this.container.name} starting at line ${this.container.line} is not closed after ${this.container.index} elements`
            : 'a value is not closed';
      const reason = `unexpected end of input: ${where}`;
      out.push({ kind: 'invalid', reason, raw, line: this.unit !== undefined ? this.unitLine : this.line, ...this.indexPart(this.unitIndex) });
    }
    this.resetScan();
    return out;
  }

  /** Line mode: hands whole lines to JSON.parse, falls back to scanning when that cannot work. */
  private lineStep(chunk: Buffer, position: number, out: SplitUnit[]): number {
    const newline = chunk.indexOf(NEWLINE, position);
    if (newline === -1) {
      this.lineParts.push(chunk.subarray(position));
      this.lineBytes += chunk.length - position;
      this.notePeak(this.lineBytes);
      if (this.lineBytes > this.wholeLineMaxBytes) {
        // Too long to parse whole (a 200 MB `Records` file is one line): stream what we have.
        const parts = this.lineParts;
        this.lineParts = [];
        this.lineBytes = 0;
        this.mode = 'scan';
        for (const part of parts) this.scan(part, 0, out);
      }
      return chunk.length;
    }
    const lineBuffer =
      this.lineParts.length === 0 ? chunk.subarray(position, newline) : Buffer.concat([...this.lineParts, chunk.subarray(position, newline)]);
    this.notePeak(lineBuffer.length);
    this.lineParts = [];
    this.lineBytes = 0;
    // A line over the whole-line limit may still hold many small values (Firehose): the scanner
    // splits it and applies the size limit to each value, not to the line.
    if (lineBuffer.length <= this.wholeLineMaxBytes && this.parseWholeLine(lineBuffer, out)) {
      this.line += 1;
      return newline + 1;
    }
    this.mode = 'scan';
    this.scan(lineBuffer, 0, out);
    // The scanner goes on with the newline itself, which returns it to line mode if nothing is open.
    return newline;
  }

  /** The fast path: a line that is exactly one JSON value. False when the line needs scanning. */
  private parseWholeLine(lineBuffer: Buffer, out: SplitUnit[]): boolean {
    let first = 0;
    let last = lineBuffer.length - 1;
    while (first <= last && isWhitespace(lineBuffer[first] ?? 0)) first += 1;
    while (last >= first && isWhitespace(lineBuffer[last] ?? 0)) last -= 1;
    if (first > last) return true;
    const open = lineBuffer[first];
    const close = lineBuffer[last];
    if (!((open === OPEN_BRACE && close === CLOSE_BRACE) || (open === OPEN_BRACKET && close === CLOSE_BRACKET))) return false;
    try {
      const value: unknown = JSON.parse(lineBuffer.toString('utf8', first, last + 1));
      out.push({ kind: 'value', value, line: this.line, element: false, hint: 'any' });
      return true;
    } catch {
      return false;
    }
  }

  /** Scan mode: a byte-level walk that tracks strings and nesting. Returns where to continue. */
  private scan(buffer: Buffer, from: number, out: SplitUnit[]): number {
    this.unitFrom = from;
    const length = buffer.length;
    for (let i = from; i < length; i += 1) {
      const byte = buffer[i] as number;
      if (this.newlinePending) {
        this.newlinePending = false;
        if (byte === OPEN_BRACE && this.isValueOpen()) {
          this.truncateOpenValue(buffer, i, out);
          this.mode = 'line';
          return i;
        }
      }
      if (this.unit === 'junk') {
        if (byte === NEWLINE) {
          this.finishJunk(i, buffer, out);
          this.line += 1;
          this.mode = 'line';
          return i + 1;
        }
        continue;
      }
      if (this.inString) {
        if (this.escaped) {
          this.escaped = false;
          continue;
        }
        // Most bytes are string content: skip to the next byte that matters in a tight loop.
        let j = i;
        let next = byte;
        while (next !== QUOTE && next !== BACKSLASH && next !== NEWLINE) {
          j += 1;
          if (j === length) break;
          next = buffer[j] as number;
        }
        i = j;
        if (j === length) continue;
        if (next === BACKSLASH) this.escaped = true;
        else if (next === QUOTE) this.inString = false;
        else {
          this.truncateOpenValue(buffer, i, out);
          this.line += 1;
          this.mode = 'line';
          return i + 1;
        }
        continue;
      }
      if (byte === NEWLINE) {
        this.line += 1;
        if (!this.isOpen()) {
          this.mode = 'line';
          return i + 1;
        }
        if (!this.isValueOpen()) continue;
        if (i + 1 < length) {
          if (buffer[i + 1] === OPEN_BRACE) {
            this.truncateOpenValue(buffer, i, out);
            this.mode = 'line';
            return i + 1;
          }
        } else {
          this.newlinePending = true;
        }
        continue;
      }
      if (byte === 0x20 || byte === 0x0d || byte === 0x09) continue;

      if (this.skippingWrapperRest) {
        this.track(byte);
        if (this.depth === 0) this.skippingWrapperRest = false;
        continue;
      }
      const container = this.container;
      if (this.unit === undefined) {
        if (container === undefined) {
          this.startTopLevel(byte, i);
          continue;
        }
        if (byte === COMMA) continue;
        if (byte === CLOSE_BRACKET) {
          this.depth -= 1;
          this.container = undefined;
          this.skippingWrapperRest = this.depth > 0;
          continue;
        }
        this.startUnit('element', i, container.index);
        container.index += 1;
        this.track(byte);
        continue;
      }
      if (this.unit === 'element' && container !== undefined && this.depth === container.depth && (byte === COMMA || byte === CLOSE_BRACKET)) {
        this.finishUnit(buffer, i, out, container.hint);
        if (byte === CLOSE_BRACKET) {
          this.depth -= 1;
          this.container = undefined;
          this.skippingWrapperRest = this.depth > 0;
        }
        continue;
      }
      if (this.unit === 'value' && this.depth === 1) {
        if (byte === COMMA) this.wrapperCandidate = false;
        else if (byte === OPEN_BRACKET && this.wrapperCandidate && this.openWrapper(buffer, i)) continue;
      }
      this.track(byte);
      if (this.unit === 'value' && this.depth === 0) this.finishUnit(buffer, i + 1, out, 'any');
    }
    if (this.unit !== undefined && !this.unitOversized && !this.reportIfOversized(buffer, length, out)) {
      this.unitParts.push(buffer.subarray(this.unitFrom));
      this.unitBytes += length - this.unitFrom;
      this.notePeak(this.unitBytes);
    }
    this.unitFrom = 0;
    return length;
  }

  // Between two elements of a container, a `{` at the start of a line is just the next element.
  private isValueOpen(): boolean {
    return this.unit === 'value' || this.unit === 'element';
  }

  private isOpen(): boolean {
    return this.unit !== undefined || this.container !== undefined || this.skippingWrapperRest;
  }

  private track(byte: number): void {
    if (byte === QUOTE) this.inString = true;
    else if (byte === OPEN_BRACE || byte === OPEN_BRACKET) this.depth += 1;
    else if (byte === CLOSE_BRACE || byte === CLOSE_BRACKET) this.depth -= 1;
  }

  private startTopLevel(byte: number, i: number): void {
    const index = this.nextIndexOnLine();
    if (byte === OPEN_BRACKET) {
      this.depth = 1;
      this.container = { depth: 1, hint: 'any', line: this.line, name: 'array', index: 0 };
      return;
    }
    if (byte === OPEN_BRACE) {
      this.startUnit('value', i, index);
      this.wrapperCandidate = true;
      this.depth = 1;
      return;
    }
    // Not the start of an object or array: the rest of the line is one unit (a scalar, or junk).
    this.startUnit('junk', i, index);
  }

  private nextIndexOnLine(): number | undefined {
    if (this.valuesOnLineNumber !== this.line) {
      this.valuesOnLineNumber = this.line;
      this.valuesOnLine = 0;
    }
    const index = this.valuesOnLine;
    this.valuesOnLine += 1;
    return index === 0 ? undefined : index;
  }

  /** At `[` after `{"Records":` or `{"Findings":`: stream the array instead of holding the object. */
  private openWrapper(buffer: Buffer, i: number): boolean {
    if (this.unitBytes + (i - this.unitFrom) > 256) return false;
    const prefix = Buffer.concat([...this.unitParts, buffer.subarray(this.unitFrom, i)]).toString('utf8');
    const match = WRAPPER_PREFIX.exec(prefix);
    if (!match) return false;
    const name = match[1] === 'Findings' ? 'Findings' : 'Records';
    this.container = { depth: 2, hint: name === 'Findings' ? 'finding' : 'any', line: this.unitLine, name: `${name} array`, index: 0 };
    this.depth = 2;
    this.clearUnit();
    return true;
  }

  private startUnit(kind: UnitKind, i: number, index: number | undefined): void {
    this.unit = kind;
    this.unitLine = this.line;
    this.unitIndex = index;
    this.unitFrom = i;
    this.unitParts = [];
    this.unitBytes = 0;
    this.unitOversized = false;
  }

  private clearUnit(): void {
    this.unit = undefined;
    this.unitParts = [];
    this.unitBytes = 0;
    this.unitOversized = false;
    this.wrapperCandidate = false;
  }

  private unitText(buffer: Buffer, end: number): string {
    const tail = buffer.subarray(this.unitFrom, end);
    return (this.unitParts.length === 0 ? tail : Buffer.concat([...this.unitParts, tail])).toString('utf8');
  }

  private finishUnit(buffer: Buffer, end: number, out: SplitUnit[], hint: ElementHint): void {
    const element = this.unit === 'element';
    if (!this.unitOversized && !this.reportIfOversized(buffer, end, out)) {
      const text = this.unitText(buffer, end);
      out.push(this.parseUnit(text, element, hint));
    }
    this.clearUnit();
  }

  private finishJunk(end: number, buffer: Buffer, out: SplitUnit[]): void {
    if (this.unit !== 'junk') return;
    const text = this.unitText(buffer, end).trim();
    this.clearUnit();
    this.mode = 'line';
    if (text !== '') out.push(this.parseUnit(text, false, 'any'));
  }

  private parseUnit(text: string, element: boolean, hint: ElementHint): SplitUnit {
    const index = this.indexPart(this.unitIndex);
    try {
      return { kind: 'value', value: JSON.parse(text) as unknown, line: this.unitLine, element, hint, ...index };
    } catch (error) {
      return { kind: 'invalid', reason: `invalid JSON: ${errorMessage(error)}`, raw: text.trim(), line: this.unitLine, ...index };
    }
  }

  private indexPart(index: number | undefined): { index?: number } {
    return index === undefined ? {} : { index };
  }

  /**
   * Checked once per chunk and at a unit's end, not per byte: memory stays within the limit plus
   * one chunk. An oversized unit is reported once; the walk goes on to find its end, holding nothing.
   */
  private reportIfOversized(buffer: Buffer, end: number, out: SplitUnit[]): boolean {
    if (this.unit === undefined || this.unitOversized) return this.unitOversized;
    if (this.unitBytes + (end - this.unitFrom) <= this.maxValueBytes) return false;
    const raw = this.unitText(buffer, Math.min(end, this.unitFrom + OVERSIZED_RAW_BYTES)).slice(0, OVERSIZED_RAW_BYTES);
    out.push({
      kind: 'invalid',
      reason: `value starting at line ${this.unitLine} is larger than ${this.maxValueBytes} bytes; skipped`,
      raw,
      line: this.unitLine,
      ...this.indexPart(this.unitIndex),
    });
    this.unitOversized = true;
    this.unitParts = [];
    this.unitBytes = 0;
    return true;
  }

  /** Reports the open value as truncated and resets, so reading resumes on the next line. */
  private truncateOpenValue(buffer: Buffer, end: number, out: SplitUnit[]): void {
    const line = this.unit !== undefined ? this.unitLine : (this.container?.line ?? this.line);
    const raw = this.unit !== undefined && !this.unitOversized ? this.unitText(buffer, end).trim() : '';
    const what = this.unit !== undefined ? 'value' : (this.container?.name ?? 'value');
    out.push({ kind: 'invalid', reason: `invalid JSON: ${what} starting at line ${line} is truncated (line ended inside it)`, raw, line, ...this.indexPart(this.unitIndex) });
    this.resetScan();
  }

  private resetScan(): void {
    this.depth = 0;
    this.inString = false;
    this.escaped = false;
    this.container = undefined;
    this.skippingWrapperRest = false;
    this.newlinePending = false;
    this.clearUnit();
  }

  private notePeak(bytes: number): void {
    if (bytes > this.peakBufferedBytes) this.peakBufferedBytes = bytes;
  }
}
