/**
 * Python's `json` module, as Optuna 3.1 uses it for journal lines: `json.loads` (which accepts the bare tokens NaN,
 * Infinity and -Infinity that JSON.parse refuses) and `json.dumps` with its defaults (separators ", " and ": ",
 * ensure_ascii, allow_nan, floats in repr form), so a line we write is byte for byte the line Python would write.
 *
 * JavaScript has one number type where Python has int and float: a plain `number` is written as an int when it is an
 * integer and as a float otherwise; wrap a value in `pyFloat()` where Python holds a float (Optuna writes 3.0, not 3).
 * An ordered mapping whose keys look like integers (JavaScript would reorder them) can be given as a Map.
 */

/** A number Python holds as a float: written in repr form ("3.0", "1e-05", "NaN"). */
export class PyFloat {
  constructor(readonly value: number) {}
}

export function pyFloat(value: number): PyFloat {
  return new PyFloat(value);
}

/** Python's repr(float): shortest round-trip digits; exponent form when the decimal point is <= -4 or > 16. */
export function pyFloatRepr(x: number): string {
  if (Number.isNaN(x)) return 'NaN';
  if (x === Infinity) return 'Infinity';
  if (x === -Infinity) return '-Infinity';
  if (x === 0) return Object.is(x, -0) ? '-0.0' : '0.0';
  const sign = x < 0 ? '-' : '';
  // toExponential() without an argument gives the shortest digits that round-trip, as Python's repr does.
  const [mantissa, expText] = Math.abs(x).toExponential().split('e');
  const digits = mantissa.replace('.', '');
  const exp = Number(expText);
  const decpt = exp + 1;
  if (decpt > -4 && decpt <= 16) {
    if (decpt <= 0) return `${sign}0.${'0'.repeat(-decpt)}${digits}`;
    if (decpt >= digits.length) return `${sign}${digits}${'0'.repeat(decpt - digits.length)}.0`;
    return `${sign}${digits.slice(0, decpt)}.${digits.slice(decpt)}`;
  }
  const m = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
  const e = Math.abs(exp);
  return `${sign}${m}e${exp < 0 ? '-' : '+'}${e < 10 ? '0' : ''}${e}`;
}

/** json.dumps(str) with ensure_ascii: everything outside ' '..'~' escaped, \uXXXX in lower-case hex. */
function dumpString(s: string): string {
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x22) out += '\\"';
    else if (c === 0x5c) out += '\\\\';
    else if (c >= 0x20 && c <= 0x7e) out += s[i];
    else if (c === 0x0a) out += '\\n';
    else if (c === 0x0d) out += '\\r';
    else if (c === 0x09) out += '\\t';
    else if (c === 0x08) out += '\\b';
    else if (c === 0x0c) out += '\\f';
    else out += '\\u' + c.toString(16).padStart(4, '0');
  }
  return out + '"';
}

/** json.dumps(value) with Python's defaults. Throws TypeError on what Python could not serialise either. */
export function pyDumps(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (value === true) return 'true';
  if (value === false) return 'false';
  if (value instanceof PyFloat) return pyFloatRepr(value.value);
  if (typeof value === 'number') {
    return Number.isInteger(value) && Math.abs(value) <= Number.MAX_SAFE_INTEGER ? String(value) : pyFloatRepr(value);
  }
  if (typeof value === 'string') return dumpString(value);
  if (Array.isArray(value)) return value.length === 0 ? '[]' : `[${value.map(pyDumps).join(', ')}]`;
  if (value instanceof Map) {
    const parts: string[] = [];
    for (const [k, v] of value) parts.push(`${dumpString(String(k))}: ${pyDumps(v)}`);
    return parts.length === 0 ? '{}' : `{${parts.join(', ')}}`;
  }
  if (typeof value === 'object') {
    const parts: string[] = [];
    for (const [k, v] of Object.entries(value)) {
      if (v !== undefined) parts.push(`${dumpString(k)}: ${pyDumps(v)}`);
    }
    return parts.length === 0 ? '{}' : `{${parts.join(', ')}}`;
  }
  throw new TypeError(`Object of type ${typeof value} is not JSON serializable`);
}

/** A syntax error at a character offset, as json.JSONDecodeError reports it. */
export class PyJsonError extends Error {
  constructor(
    message: string,
    readonly position: number,
  ) {
    super(`${message} (char ${position})`);
  }
}

/**
 * json.loads(text): JSON plus the bare tokens NaN, Infinity, -Infinity. Strict like Python (control characters inside
 * strings are refused). The common case (no such tokens) goes through JSON.parse; the slow path is a small parser.
 */
export function pyLoads(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return new Parser(text).parseDocument();
  }
}

const WS = new Set([' ', '\t', '\n', '\r']);
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][-+]?\d+)?/y;
const ESCAPES: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };

class Parser {
  private i = 0;
  constructor(private readonly s: string) {}

  parseDocument(): unknown {
    this.skip();
    const v = this.value();
    this.skip();
    if (this.i !== this.s.length) throw new PyJsonError('Extra data', this.i);
    return v;
  }

  private skip(): void {
    while (this.i < this.s.length && WS.has(this.s[this.i])) this.i++;
  }

  private startsWith(token: string): boolean {
    return this.s.startsWith(token, this.i);
  }

  private value(): unknown {
    const c = this.s[this.i];
    if (c === '{') return this.object();
    if (c === '[') return this.array();
    if (c === '"') return this.string();
    for (const [token, v] of [
      ['null', null],
      ['true', true],
      ['false', false],
      ['NaN', NaN],
      ['Infinity', Infinity],
      ['-Infinity', -Infinity],
    ] as const) {
      if (this.startsWith(token)) {
        this.i += token.length;
        return v;
      }
    }
    NUMBER.lastIndex = this.i;
    const m = NUMBER.exec(this.s);
    if (m !== null && m[0].length > 0) {
      this.i += m[0].length;
      return Number(m[0]);
    }
    throw new PyJsonError('Expecting value', this.i);
  }

  private object(): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    this.i++;
    this.skip();
    if (this.s[this.i] === '}') {
      this.i++;
      return out;
    }
    for (;;) {
      this.skip();
      if (this.s[this.i] !== '"') throw new PyJsonError('Expecting property name enclosed in double quotes', this.i);
      const key = this.string();
      this.skip();
      if (this.s[this.i] !== ':') throw new PyJsonError("Expecting ':' delimiter", this.i);
      this.i++;
      this.skip();
      out[key] = this.value();
      this.skip();
      const c = this.s[this.i++];
      if (c === '}') return out;
      if (c !== ',') throw new PyJsonError("Expecting ',' delimiter", this.i - 1);
    }
  }

  private array(): unknown[] {
    const out: unknown[] = [];
    this.i++;
    this.skip();
    if (this.s[this.i] === ']') {
      this.i++;
      return out;
    }
    for (;;) {
      this.skip();
      out.push(this.value());
      this.skip();
      const c = this.s[this.i++];
      if (c === ']') return out;
      if (c !== ',') throw new PyJsonError("Expecting ',' delimiter", this.i - 1);
    }
  }

  private string(): string {
    const start = this.i;
    this.i++;
    let out = '';
    for (;;) {
      if (this.i >= this.s.length) throw new PyJsonError('Unterminated string starting at', start);
      const c = this.s[this.i++];
      if (c === '"') return out;
      if (c === '\\') {
        const e = this.s[this.i++];
        if (e === 'u') {
          const hex = this.s.slice(this.i, this.i + 4);
          if (!/^[0-9a-fA-F]{4}$/.test(hex)) throw new PyJsonError('Invalid \\uXXXX escape', this.i - 1);
          out += String.fromCharCode(parseInt(hex, 16));
          this.i += 4;
        } else if (e !== undefined && e in ESCAPES) out += ESCAPES[e];
        else throw new PyJsonError('Invalid \\escape', this.i - 2);
      } else if (c.charCodeAt(0) < 0x20) throw new PyJsonError('Invalid control character at', this.i - 1);
      else out += c;
    }
  }
}
