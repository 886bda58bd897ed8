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
  unitsSource: 'units',
  unitStaleRing: 'units-stale-ring',
  unitBody: 'units-body',
  unitHeading: 'units-heading',
  unitSelection: 'units-selection',
  pickedSource: 'picked-location',
  pickedMarker: 'picked-location-marker',
  headingImage: 'unit-heading-arrow',
  staleRingImage: 'unit-stale-ring',
} as const;

/** The layers a pointer can pick a call or unit from, topmost first. */
export const pickableLayers = [mapIds.unitBody, mapIds.callBody];
