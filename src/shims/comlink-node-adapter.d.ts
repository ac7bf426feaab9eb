// Comlink ships its Node adapter without a declaration for this path; this is its shape.
declare module 'comlink/dist/esm/node-adapter.mjs' {
  import type { Endpoint } from 'comlink';
  interface NodeEndpoint {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- must accept Node's Transferable lists
    postMessage(message: unknown, transfer?: readonly any[]): void;
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- Node's listeners take any
    on(type: string, listener: (value: any) => void): void;
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- as above
    off(type: string, listener: (value: any) => void): void;
    start?: () => void;
  }
  export default function nodeEndpoint(nep: NodeEndpoint): Endpoint;
}
