/** Source and layer ids, shared by the layers and the components that listen to them. */
export const mapIds = {
  background: 'background',
  districtsSource: 'districts',
  districtFill: 'districts-fill',
  districtOutline: 'districts-outline',
  beatsSource: 'beats',
  beatOutline: 'beats-outline',
  callsSource: 'calls',
  callHalo: 'calls-halo',
  callBody: 'calls-body',
  callCentre: 'calls-centre',
  callSelection: 'calls-selection',
  callSelectedSource: 'calls-selected',
  callSelectedBody: 'calls-selected-body',
  callCluster: 'calls-cluster',
  callClusterCount: 'calls-cluster-count',
  unitsSource: 'units',
  unitStaleRing: 'units-stale-ring',
  unitBody: 'units-body',
  unitHeading: 'units-heading',
  unitSelection: 'units-selection',
  unitSelectedSource: 'units-selected',
  unitSelectedBody: 'units-selected-body',
  unitLabel: 'units-label',
  unitCluster: 'units-cluster',
  unitClusterCount: 'units-cluster-count',
  pickedSource: 'picked-location',
  pickedMarker: 'picked-location-marker',
  headingImage: 'unit-heading-arrow',
  staleRingImage: 'unit-stale-ring',
} as const;

/** The layers a pointer can pick a call or unit from, topmost first. */
export const pickableLayers = [
  mapIds.unitSelectedBody,
  mapIds.unitBody,
  mapIds.callSelectedBody,
  mapIds.callBody,
];

export const unitLayers: ReadonlySet<string> = new Set([mapIds.unitSelectedBody, mapIds.unitBody]);

/** Cluster circles, which a click zooms into. */
export const clusterLayers = [mapIds.unitCluster, mapIds.callCluster];
