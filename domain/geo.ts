/** Distances on the globe, for matching needs and offers by how far goods have to travel. */

const EARTH_RADIUS_KM = 6371.0088;

export type LatLon = { lat: number; lon: number };

/** Great-circle (haversine) distance in kilometres between two WGS 84 points. */
export function distanceKm(a: LatLon, b: LatLon): number {
  const toRadians = (degrees: number) => (degrees * Math.PI) / 180;
  const dLat = toRadians(b.lat - a.lat);
  const dLon = toRadians(b.lon - a.lon);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(toRadians(a.lat)) * Math.cos(toRadians(b.lat)) * Math.sin(dLon / 2) ** 2;
  // min() guards against rounding pushing h past 1 for antipodal points.
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}
