import type { Rng } from './rng.ts';

/**
 * Small built-in word lists for clearly fake caller details and addresses.
 * Phone numbers are in 555-0100…0199, the range reserved for fiction; street
 * names are invented for Harbor City.
 */

const firstNames = [
  'Alex',
  'Jordan',
  'Casey',
  'Morgan',
  'Riley',
  'Taylor',
  'Jamie',
  'Avery',
  'Quinn',
  'Rowan',
  'Maria',
  'Jose',
  'Wei',
  'Priya',
  'Omar',
  'Grace',
  'Samuel',
  'Lena',
  'Marcus',
  'Nadia',
  'Tomas',
  'Hana',
  'Diego',
  'Fatima',
  'Owen',
  'Rosa',
  'Kenji',
  'Amara',
  'Elena',
  'Victor',
];
const lastNames = [
  'Sample',
  'Example',
  'Placeholder',
  'Doe',
  'Roe',
  'Harbor',
  'Seaview',
  'Driftwood',
  'Pebble',
  'Tidewater',
  'Marlin',
  'Cove',
  'Redwood',
  'Larkspur',
  'Fernhill',
  'Stonebridge',
  'Whitcomb',
  'Okafor',
  'Nguyen',
  'Alvarez',
  'Kowalski',
  'Haddad',
  'Lindqvist',
  'Moreau',
  'Tanaka',
];

const streetNames = [
  'Harbor Blvd',
  'Ocean Ave',
  'Marina Way',
  'Cypress St',
  'Redwood Ave',
  'Bay St',
  'Pacific Ave',
  'Lighthouse Rd',
  'Pelican Dr',
  'Seacliff Dr',
  'Anchor St',
  'Driftwood Ln',
  'Kelp Way',
  'Main St',
  'Front St',
  'Mill St',
  'Cannery Row',
  'Fisherman Way',
  'Hillcrest Dr',
  'Summit Ave',
  'Madrone St',
  'Spruce St',
  'Juniper Ave',
  'Foghorn Ln',
  'Tidepool Ct',
  'Breakwater Dr',
  'College Ave',
  'Civic Center Dr',
  'Railroad Ave',
  'Airport Rd',
  'Ridge Rd',
  'Canyon Dr',
  '1st St',
  '2nd St',
  '3rd St',
  '4th St',
  '5th St',
  '6th St',
  '7th St',
  '8th St',
  '9th St',
  '10th St',
  '11th St',
  '12th St',
];

const placeNames = [
  'QuickStop Market',
  'Harbor Mall',
  'Bayview Apartments',
  'Transit Center',
  'Civic Center Plaza',
  'Seaside Motel',
  'Lighthouse Park',
  'Pier 3',
  'Ferry Terminal',
  'Harbor High School',
  'Community Clinic',
  'Cannery Lofts',
  'Fuel Depot',
  'Marina Liquor',
  'Boardwalk Arcade',
  'Shelter Services',
  'Coastline Shopping Center',
  'Ridge Apartments',
  'Airport Parking',
  'Riverside Laundromat',
  'Main Library',
  'Sunset Bar & Grill',
  'Northgate Plaza',
  'Fairgrounds',
];

const colours = ['white', 'black', 'silver', 'grey', 'blue', 'red', 'green', 'tan'];
const vehicles = ['sedan', 'pickup', 'SUV', 'hatchback', 'minivan', 'work van', 'motorcycle'];
const clothes = ['dark hoodie', 'red jacket', 'grey sweatshirt', 'black beanie', 'yellow vest'];

/** Narrative templates per call type; `{v}` a vehicle, `{p}` a person, `{n}` a small number. */
const narratives: Record<string, string[]> = {
  SHOTS: [
    'RP heard {n} shots to the north, unknown direction of travel',
    'Multiple shots heard, one subject seen running, {p}',
  ],
  ROBB: [
    'RP robbed at knifepoint, suspect {p} fled on foot',
    'Store clerk reports robbery, suspect left in {v}',
  ],
  ASLTW: [
    'Subject swinging a bat at passers-by, {p}',
    'Victim cut on the arm during a fight, suspect {p}',
  ],
  CARJK: [
    'RP carjacked at gunpoint, vehicle taken: {v}',
    'Driver pulled from {v}, suspects fled westbound',
  ],
  ACCI: [
    'Two-vehicle collision, one driver with head injury',
    'Pedestrian struck by {v}, conscious and breathing',
  ],
  OFCR: [
    'Unit requesting cover, subject resisting',
    'Officer requests expedite cover, {n} subjects detained',
  ],
  MEDIC: [
    'Elderly male fell, unable to get up',
    'Subject unresponsive on the sidewalk, breathing',
    'RP reports chest pains',
  ],
  FIRE: ['Smoke seen from a dumpster behind the building', 'Vehicle fire, {v}, FD en route'],
  BATT: ['Fight in progress, {n} subjects', 'RP punched by an acquaintance, suspect {p}'],
  DOMV: [
    'RP reports yelling and things breaking next door',
    'Female caller states partner pushed her, he is still inside',
  ],
  DIST: [
    'Loud argument in the street, {n} subjects',
    'Subject yelling at customers, refuses to leave',
  ],
  HANGUP: ['911 open line, background noise only', '911 hang-up, no answer on callback'],
  BURG: [
    'RP came home to a broken back door, unknown if anyone inside',
    'Alarm company and neighbour report window smashed',
  ],
  WELCK: [
    'Family unable to reach elderly resident for {n} days',
    'Subject slumped in {v}, not moving',
  ],
  MENTL: [
    'Subject talking to himself and throwing objects, {p}',
    'RP reports relative threatening self-harm',
  ],
  HAZ: ['Downed power line across the roadway', 'Large debris in the lanes, vehicles swerving'],
  SUSP: ['Subject looking into car windows, {p}', 'Unknown subject in the backyard, {p}'],
  RECKD: ['Sideshow forming, approx {n} cars doing donuts', '{v} driving at high speed, swerving'],
  MISS: [
    'Juvenile did not return from school, last seen wearing {c}',
    'Elderly male with dementia walked away from home',
  ],
  ALARM: [
    'Audible commercial alarm, front door zone',
    'Residential burglary alarm, keyholder en route',
  ],
  VTHFT: ['RP reports {v} stolen overnight', 'Vehicle taken from the driveway, {v}'],
  VRECV: ['Stolen {v} found parked and unoccupied', 'Hit on plate reader, stolen {v} parked'],
  BURGV: ['Window smashed on {v}, items taken', 'RP saw subject break into {v}, {p}'],
  THEFT: ['Shoplifter left with merchandise, {p}', 'Bicycle stolen from the rack'],
  VAND: ['Graffiti on the wall overnight', 'Windows of the business broken, no suspect'],
  ACC: [
    'Minor collision, no injuries, vehicles blocking the lane',
    'Parked {v} hit, other party left',
  ],
  SUSV: ['{v} parked with the engine running for hours', 'Occupants of {v} watching the houses'],
  TRESP: ['Subject refusing to leave the property, {p}', 'Subjects camping in the closed lot'],
  THRT: ['RP received threats from a neighbour', 'Ex-partner threatening RP by text'],
  ASSIST: [
    'RP locked out, requests civil standby',
    'Citizen needs assistance retrieving belongings',
  ],
  OTHER: ['RP requests to speak with an officer', 'Miscellaneous incident, see notes'],
  NOISE: ['Loud music from the apartment upstairs', 'Party with amplified music, {n} people'],
  PARK: ['{v} blocking the driveway', 'Abandoned {v}, flat tyres, there for weeks'],
  REPT: ['RP wants to file a report for lost property', 'Follow-up on an earlier report'],
  ANIML: ['Aggressive dog loose in the street', 'Injured deer on the shoulder'],
};

const officerNarratives: Record<string, string[]> = {
  TRAF: [
    'Vehicle stop, {v}, expired registration',
    'Vehicle stop for speeding, {v}',
    'Vehicle stop, {v}, no tail lights',
  ],
  PEDST: ['Pedestrian stop, subject matches description, {p}'],
  SECCK: [
    'Security check of the business district',
    'Premise check, all doors secure',
    'Park check',
  ],
  INFO: ['Beat information broadcast'],
  ADMIN: ['Fuel and vehicle inspection', 'Report writing', 'Court paperwork'],
};

function fill(template: string, rng: Rng): string {
  return template
    .replaceAll('{v}', `${rng.pick(colours)} ${rng.pick(vehicles)}`)
    .replaceAll('{p}', `wearing a ${rng.pick(clothes)}`)
    .replaceAll('{c}', rng.pick(clothes))
    .replaceAll('{n}', String(rng.int(2, 6)));
}

export function fakeCallerName(rng: Rng): string {
  return `${rng.pick(firstNames)} ${rng.pick(lastNames)}`;
}

/** Always in 707-555-0100…0199 (a fictional range; 707 is the north coast area code). */
export function fakePhone(rng: Rng): string {
  return `707-555-01${String(rng.int(0, 99)).padStart(2, '0')}`;
}

export function fakeNarrative(callType: string, officerInitiated: boolean, rng: Rng): string {
  const templates = (officerInitiated ? officerNarratives[callType] : undefined) ??
    narratives[callType] ?? ['Caller requests police response'];
  return fill(rng.pick(templates), rng);
}

export function fakeStreetAddress(rng: Rng): string {
  return `${rng.int(1, 49) * 100 + rng.int(0, 99)} ${rng.pick(streetNames)}`;
}

export function fakeIntersection(rng: Rng): string {
  const a = rng.pick(streetNames);
  let b = rng.pick(streetNames);
  while (b === a) b = rng.pick(streetNames);
  return `${a} / ${b}`;
}

/** A named place with an address, for hotspots: "Harbor Mall, 1200 Ocean Ave". */
export function fakePlace(rng: Rng): string {
  return `${rng.pick(placeNames)}, ${fakeStreetAddress(rng)}`;
}
