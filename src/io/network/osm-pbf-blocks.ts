// Low-level OSM PBF reader: splits a file into blobs, inflates them and walks nodes and ways without an object per element.
import { inflateSync } from 'node:zlib';
import { PbfReader } from 'pbf';

/** A malformed or unsupported file; caught by the importer and returned as a typed error. */
export class OsmPbfFormatError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

/** One fileblock: its byte offset, type (`OSMHeader` or `OSMData`) and still-compressed payload. */
export interface OsmBlob {
  readonly offset: number;
  readonly type: string;
  readonly blob: Uint8Array;
}

const MAX_HEADER_BYTES = 64 * 1024;
const MAX_BLOB_BYTES = 32 * 1024 * 1024;
const SUPPORTED_FEATURES = new Set(['OsmSchema-V0.6', 'DenseNodes']);

/** Splits the file into its fileblocks (4-byte big-endian header length, BlobHeader, Blob). */
export function splitBlobs(file: Uint8Array): OsmBlob[] {
  const blobs: OsmBlob[] = [];
  const view = new DataView(file.buffer, file.byteOffset, file.byteLength);
  let pos = 0;
  while (pos < file.length) {
    if (pos + 4 > file.length) throw new OsmPbfFormatError('truncated block length', pos);
    const headerLength = view.getUint32(pos);
    if (headerLength === 0 || headerLength > MAX_HEADER_BYTES || pos + 4 + headerLength > file.length) {
      throw new OsmPbfFormatError(`implausible block header length ${headerLength}`, pos);
    }
    const header = new PbfReader(file.subarray(pos + 4, pos + 4 + headerLength)).readFields(
      (tag, h: { type: string; dataSize: number }, pbf) => {
        if (tag === 1) h.type = pbf.readString();
        else if (tag === 3) h.dataSize = pbf.readVarint();
      },
      { type: '', dataSize: -1 },
    );
    const start = pos + 4 + headerLength;
    if (header.dataSize < 0 || header.dataSize > MAX_BLOB_BYTES || start + header.dataSize > file.length) {
      throw new OsmPbfFormatError(`implausible blob size ${header.dataSize}`, pos);
    }
    blobs.push({ offset: pos, type: header.type, blob: file.subarray(start, start + header.dataSize) });
    pos = start + header.dataSize;
  }
  if (blobs.length === 0 || blobs[0]!.type !== 'OSMHeader') throw new OsmPbfFormatError('no OSMHeader block', 0);
  return blobs;
}

/** Inflates a Blob message (raw or zlib; lzma/zstd are refused with a clear message). */
export function inflateBlob(blob: OsmBlob): Uint8Array {
  const pbf = new PbfReader(blob.blob);
  let data: Uint8Array | undefined;
  let compression = 'none';
  while (pbf.pos < pbf.length) {
    const tag = pbf.nextField();
    if (tag === 1) {
      data = pbf.readBytes();
      compression = 'raw';
    } else if (tag === 3) {
      data = inflateSync(pbf.readBytes());
      compression = 'zlib';
    } else if (tag === 2) pbf.readVarint();
    else if (tag >= 4 && tag <= 7) {
      throw new OsmPbfFormatError(`blob compression field ${tag} (lzma/lz4/zstd) is not supported`, blob.offset);
    } else pbf.skip(pbf.type);
  }
  if (data === undefined) throw new OsmPbfFormatError(`blob without data (${compression})`, blob.offset);
  return data;
}

/** Checks the OSMHeader's required features against what this reader understands. */
export function checkHeader(blob: OsmBlob): void {
  const pbf = new PbfReader(inflateBlob(blob));
  while (pbf.pos < pbf.length) {
    const tag = pbf.nextField();
    if (tag === 4) {
      const feature = pbf.readString();
      if (!SUPPORTED_FEATURES.has(feature)) {
        throw new OsmPbfFormatError(`required feature "${feature}" is not supported`, blob.offset);
      }
    } else pbf.skip(pbf.type);
  }
}

/** Lazily decoded string table of one PrimitiveBlock (most strings are never looked at). */
class StringTable {
  private readonly start: number[] = [];
  private readonly end: number[] = [];
  private readonly cache: (string | undefined)[] = [];
  private static readonly decoder = new TextDecoder();
  constructor(private readonly bytes: Uint8Array) {}

  static read(pbf: PbfReader, end: number): StringTable {
    const table = new StringTable(pbf.buf);
    while (pbf.pos < end) {
      const tag = pbf.nextField();
      if (tag === 1) {
        const length = pbf.readVarint();
        table.start.push(pbf.pos);
        table.end.push(pbf.pos + length);
        pbf.pos += length;
      } else pbf.skip(pbf.type);
    }
    return table;
  }

  get(i: number): string {
    let s = this.cache[i];
    if (s === undefined) {
      if (i >= this.start.length) throw new OsmPbfFormatError(`string index ${i} out of range`, -1);
      s = StringTable.decoder.decode(this.bytes.subarray(this.start[i]!, this.end[i]!));
      this.cache[i] = s;
    }
    return s;
  }
}

/** The tags of the element being visited; valid only during the callback. */
export class OsmTags {
  strings!: StringTable;
  keys = new Uint32Array(64);
  vals = new Uint32Array(64);
  count = 0;
  /** Value of `key`, or undefined. */
  readonly get = (key: string): string | undefined => {
    for (let i = 0; i < this.count; i++)
      if (this.strings.get(this.keys[i]!) === key) return this.strings.get(this.vals[i]!);
    return undefined;
  };
  push(key: number, val: number): void {
    if (this.count === this.keys.length) {
      const keys = new Uint32Array(this.count * 2);
      const vals = new Uint32Array(this.count * 2);
      keys.set(this.keys);
      vals.set(this.vals);
      this.keys = keys;
      this.vals = vals;
    }
    this.keys[this.count] = key;
    this.vals[this.count++] = val;
  }
}

/** Callbacks for one pass; a missing callback means that element type is skipped without decoding. */
export interface OsmVisitor {
  /** `refs[0..refCount-1]` are the way's node ids (buffer reused between calls). */
  way?(wayId: number, tags: OsmTags, refs: Float64Array, refCount: number): void;
  node?(nodeId: number, lat: number, lon: number, tags: OsmTags): void;
}

/** What a data block held, so that a second pass can skip blocks without the elements it needs. */
export interface BlockContents {
  hasNodes: boolean;
  hasWays: boolean;
}

/** Scratch reused across blocks (no allocation per element). */
class Scratch {
  refs: Float64Array = new Float64Array(1024);
  ensureRefs(n: number): Float64Array {
    if (n > this.refs.length) this.refs = new Float64Array(Math.max(n, this.refs.length * 2));
    return this.refs;
  }
}
const scratch = new Scratch();

/** Decodes one inflated PrimitiveBlock, calling the visitor per node and way. */
export function visitPrimitiveBlock(data: Uint8Array, visitor: OsmVisitor, contents: BlockContents): void {
  const pbf = new PbfReader(data);
  let strings: StringTable | undefined;
  const groups: number[] = [];
  let granularity = 100;
  let latOffset = 0;
  let lonOffset = 0;
  while (pbf.pos < pbf.length) {
    const tag = pbf.nextField();
    if (tag === 1) {
      const end = pbf.readVarint() + pbf.pos;
      strings = StringTable.read(pbf, end);
    } else if (tag === 2) {
      const length = pbf.readVarint();
      groups.push(pbf.pos, pbf.pos + length);
      pbf.pos += length;
    } else if (tag === 17) granularity = pbf.readVarint();
    else if (tag === 19) latOffset = pbf.readVarint(true);
    else if (tag === 20) lonOffset = pbf.readVarint(true);
    else pbf.skip(pbf.type);
  }
  if (pbf.pos !== pbf.length) throw new OsmPbfFormatError('primitive block overruns its data', -1);
  const tags = new OsmTags();
  tags.strings = strings ?? new StringTable(new Uint8Array(0));
  const coord = { granularity, latOffset, lonOffset };
  for (let g = 0; g < groups.length; g += 2) {
    pbf.pos = groups[g]!;
    const end = groups[g + 1]!;
    while (pbf.pos < end) {
      const tag = pbf.nextField();
      const length = tag >= 1 && tag <= 3 ? pbf.readVarint() : -1;
      const fieldEnd = pbf.pos + length;
      if (tag === 1 || tag === 2) {
        contents.hasNodes = true;
        if (visitor.node) {
          if (tag === 2) visitDenseNodes(pbf, fieldEnd, tags, coord, visitor.node);
          else visitNode(pbf, fieldEnd, tags, coord, visitor.node);
        }
        pbf.pos = fieldEnd;
      } else if (tag === 3) {
        contents.hasWays = true;
        if (visitor.way) visitWay(pbf, fieldEnd, tags, visitor.way);
        pbf.pos = fieldEnd;
      } else pbf.skip(pbf.type);
    }
  }
}

interface Coord {
  granularity: number;
  latOffset: number;
  lonOffset: number;
}

function visitDenseNodes(
  pbf: PbfReader,
  end: number,
  tags: OsmTags,
  c: Coord,
  onNode: NonNullable<OsmVisitor['node']>,
) {
  let idsStart = -1;
  let idsEnd = -1;
  let latStart = -1;
  let lonStart = -1;
  let kvStart = -1;
  let kvEnd = -1;
  while (pbf.pos < end) {
    const tag = pbf.nextField();
    if (tag === 1 || tag === 8 || tag === 9 || tag === 10) {
      const fieldEnd = pbf.readVarint() + pbf.pos;
      if (tag === 1) {
        idsStart = pbf.pos;
        idsEnd = fieldEnd;
      } else if (tag === 8) latStart = pbf.pos;
      else if (tag === 9) lonStart = pbf.pos;
      else {
        kvStart = pbf.pos;
        kvEnd = fieldEnd;
      }
      pbf.pos = fieldEnd;
    } else pbf.skip(pbf.type);
  }
  if (idsStart < 0) return;
  if (latStart < 0 || lonStart < 0) throw new OsmPbfFormatError('dense nodes without coordinates', -1);
  // Four cursors walk the parallel packed arrays in lock-step; ids and coordinates are delta-coded.
  const ids = cursorAt(pbf.buf, idsStart);
  const lats = cursorAt(pbf.buf, latStart);
  const lons = cursorAt(pbf.buf, lonStart);
  const kv = cursorAt(pbf.buf, kvStart);
  let id = 0;
  let lat = 0;
  let lon = 0;
  while (ids.pos < idsEnd) {
    id += ids.readSVarint();
    lat += lats.readSVarint();
    lon += lons.readSVarint();
    tags.count = 0;
    if (kvStart >= 0) {
      while (kv.pos < kvEnd) {
        const key = kv.readVarint();
        if (key === 0) break;
        tags.push(key, kv.readVarint());
      }
    }
    onNode(id, 1e-9 * (c.latOffset + c.granularity * lat), 1e-9 * (c.lonOffset + c.granularity * lon), tags);
  }
}

function cursorAt(buf: Uint8Array, pos: number): PbfReader {
  const cursor = new PbfReader(buf);
  cursor.pos = Math.max(0, pos);
  return cursor;
}

function visitNode(pbf: PbfReader, end: number, tags: OsmTags, c: Coord, onNode: NonNullable<OsmVisitor['node']>) {
  let id = 0;
  let lat = 0;
  let lon = 0;
  tags.count = 0;
  const keys: number[] = [];
  const vals: number[] = [];
  while (pbf.pos < end) {
    const tag = pbf.nextField();
    if (tag === 1) id = pbf.readSVarint();
    else if (tag === 2) pbf.readPackedVarint(keys);
    else if (tag === 3) pbf.readPackedVarint(vals);
    else if (tag === 8) lat = pbf.readSVarint();
    else if (tag === 9) lon = pbf.readSVarint();
    else pbf.skip(pbf.type);
  }
  for (let i = 0; i < keys.length; i++) tags.push(keys[i]!, vals[i] ?? 0);
  onNode(id, 1e-9 * (c.latOffset + c.granularity * lat), 1e-9 * (c.lonOffset + c.granularity * lon), tags);
}

function visitWay(pbf: PbfReader, end: number, tags: OsmTags, onWay: NonNullable<OsmVisitor['way']>) {
  let id = 0;
  let refCount = 0;
  let refs: Float64Array = scratch.refs;
  tags.count = 0;
  let keysStart = -1;
  let valsStart = -1;
  let keysEnd = -1;
  while (pbf.pos < end) {
    const tag = pbf.nextField();
    if (tag === 1) id = pbf.readVarint();
    else if (tag === 2) {
      keysEnd = pbf.readVarint() + pbf.pos;
      keysStart = pbf.pos;
      pbf.pos = keysEnd;
    } else if (tag === 3) {
      const valsEnd = pbf.readVarint() + pbf.pos;
      valsStart = pbf.pos;
      pbf.pos = valsEnd;
    } else if (tag === 8) {
      const refsEnd = pbf.readVarint() + pbf.pos;
      let ref = 0;
      while (pbf.pos < refsEnd) {
        ref += pbf.readSVarint();
        refs = scratch.ensureRefs(refCount + 1);
        refs[refCount++] = ref;
      }
    } else pbf.skip(pbf.type);
  }
  if (keysStart >= 0 && valsStart >= 0) {
    const k = new PbfReader(pbf.buf);
    k.pos = keysStart;
    const v = new PbfReader(pbf.buf);
    v.pos = valsStart;
    while (k.pos < keysEnd) tags.push(k.readVarint(), v.readVarint());
  }
  onWay(id, tags, refs, refCount);
}
