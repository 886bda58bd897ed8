/** Source and layer ids, shared by the layers and the components that listen to them. */
export const mapIds = {
  background: 'background',
  districtsSource: 'districts',
  districtFill: 'districts-fill',
  districtOutline: 'districts-outline',
  beatsSource: 'beats',
  beatOutline: 'beats-outline',
} as const;
