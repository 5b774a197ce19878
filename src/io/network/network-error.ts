// The ways loading a road network can fail, as plain data, and the one line a user reads for each.

export type NetworkError =
  | { readonly kind: 'unreadable-network'; readonly path: string; readonly message: string }
  | { readonly kind: 'unknown-network-format'; readonly path: string }
  | { readonly kind: 'corrupt-pbf'; readonly path: string; readonly offset: number; readonly message: string }
  | { readonly kind: 'invalid-geojson'; readonly path: string; readonly feature: number; readonly message: string }
  | {
      readonly kind: 'invalid-edge-list';
      readonly path: string;
      readonly row: number;
      readonly field: string;
      readonly message: string;
    }
  | { readonly kind: 'missing-places'; readonly path: string }
  | { readonly kind: 'empty-network'; readonly path: string };

/** One line naming the file and what is wrong with it. @example describeNetworkError({ kind: 'empty-network', path: 'a.pbf' }) */
export function describeNetworkError(error: NetworkError): string {
  switch (error.kind) {
    case 'unreadable-network':
      return `${error.path}: cannot read network file (${error.message})`;
    case 'unknown-network-format':
      return `${error.path}: unknown network format (expected .osm.pbf, GeoJSON, edge-list .csv or a .spgraph cache)`;
    case 'corrupt-pbf':
      return `${error.path}: corrupt or unsupported OSM PBF at byte ${error.offset}: ${error.message}`;
    case 'invalid-geojson':
      return `${error.path}: feature ${error.feature}: ${error.message}`;
    case 'invalid-edge-list':
      return `${error.path}: row ${error.row}, field "${error.field}": ${error.message}`;
    case 'missing-places':
      return `${error.path}: an edge list needs a places table for coordinates`;
    case 'empty-network':
      return `${error.path}: no routable road in the network`;
  }
}
