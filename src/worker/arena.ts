/**
 * Host-side memory management for one wasm instance (one per worker).
 * The kernels never allocate: the host carves 16-byte-aligned blocks out of linear memory with a bump pointer and
 * releases them in LIFO order via marks. Layout, bottom to top: resident dataset | per-fold cache | per-task scratch.
 * Views are created on demand because memory.grow detaches every existing view.
 */
export class Arena {
  private top: number;
  /** First usable address (16-aligned heap base): `release(start)` frees everything. */
  readonly start: number;

  constructor(readonly memory: WebAssembly.Memory, heapBase: number) {
    this.start = align16(heapBase);
    this.top = this.start;
  }

  /** Allocates `bytes` (rounded up to 16) and grows memory if needed; returns the address. */
  alloc(bytes: number): number {
    const ptr = this.top;
    const end = ptr + align16(Math.max(bytes, 0));
    const have = this.memory.buffer.byteLength;
    if (end > have) {
      const pages = Math.ceil((end - have) / 65536);
      try {
        this.memory.grow(pages);
      } catch {
        throw new RangeError(
          `wasm memory exhausted: needed ${end} bytes, the engine refused to grow beyond ${have} bytes`,
        );
      }
    }
    this.top = end;
    return ptr;
  }

  /** Copies `src` into a fresh block and returns its address. */
  allocF64(src: Float64Array): number {
    const ptr = this.alloc(src.length * 8);
    this.f64(ptr, src.length).set(src);
    return ptr;
  }

  /** The current top, to pass to `release` later. */
  mark(): number {
    return this.top;
  }

  /** Frees everything allocated after `mark` (LIFO). */
  release(mark: number): void {
    if (mark < this.start || mark > this.top) throw new RangeError(`arena: bad mark ${mark}`);
    this.top = mark;
  }

  /** Bytes in use above the heap base. */
  used(): number {
    return this.top - this.start;
  }

  f64(ptr: number, length: number): Float64Array {
    return new Float64Array(this.memory.buffer, ptr, length);
  }

  i32(ptr: number, length: number): Int32Array {
    return new Int32Array(this.memory.buffer, ptr, length);
  }
}

function align16(n: number): number {
  return (n + 15) & ~15;
}
