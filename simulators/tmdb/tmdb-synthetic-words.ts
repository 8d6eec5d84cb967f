/** Vocabulary for synthetic titles, overviews and people. All invented, none real. */

export const TITLE_ADJECTIVES = [
  'Silent', 'Crimson', 'Last', 'Hidden', 'Broken', 'Golden', 'Endless', 'Frozen', 'Distant', 'Wild',
  'Electric', 'Forgotten', 'Burning', 'Velvet', 'Hollow', 'Midnight', 'Iron', 'Paper', 'Glass', 'Savage',
  'Quiet', 'Bitter', 'Northern', 'Lonely', 'Restless', 'Secret', 'Salt', 'Scarlet', 'Second', 'Little',
];

export const TITLE_NOUNS = [
  'Harbor', 'Orchard', 'Signal', 'Horizon', 'Kingdom', 'Ember', 'Tide', 'Echo', 'Frontier', 'Lantern',
  'Meridian', 'Compass', 'Garden', 'Storm', 'Mirror', 'River', 'Summit', 'Carnival', 'Covenant', 'Machine',
  'Season', 'Country', 'Letter', 'Island', 'Station', 'Highway', 'Winter', 'Fever', 'Promise', 'Alibi',
];

export const TITLE_PLURALS = [
  'Wolves', 'Strangers', 'Saints', 'Thieves', 'Giants', 'Ghosts', 'Rivers', 'Kings', 'Sparrows', 'Dreamers',
  'Sisters', 'Brothers', 'Liars', 'Lovers', 'Outlaws', 'Stars', 'Wolves', 'Angels', 'Shadows', 'Mountains',
];

export const TITLE_PLACES = [
  'Ashford', 'Port Lyle', 'the North', 'Valmora', 'Kessler Bay', 'the Canyon', 'Eastwick', 'Santa Irene',
  'Old Harlow', 'the Marsh', 'Corran', 'Blackwater', 'Ondine', 'Marrow Hill', 'the Dunes',
];

export const OVERVIEW_PROTAGONISTS = [
  'a retired detective', 'a young nurse', 'two estranged sisters', 'a small-town mechanic', 'a disgraced surgeon',
  'an ambitious reporter', 'a grieving widower', 'a teenage runaway', 'a washed-up boxer', 'a marine biologist',
  'a night-shift cab driver', 'a reluctant heir', 'a schoolteacher', 'a former spy', 'a struggling musician',
];

export const OVERVIEW_INCITING = [
  'finds a stranger\'s diary in a rented flat', 'witnesses a crime no one else will admit happened',
  'inherits a crumbling hotel', 'receives a letter from someone presumed dead', 'is wrongly accused of theft',
  'discovers a door that should not exist', 'agrees to one last job', 'returns home after twenty years',
  'wakes up with no memory of the previous week', 'picks up a hitchhiker on a deserted highway',
];

export const OVERVIEW_GOALS = [
  'uncover what really happened', 'keep a promise to an old friend', 'hold a fragile family together',
  'outrun the people who want it back', 'make peace with the past', 'win back a lost love',
  'expose a powerful family\'s secret', 'survive one long night', 'find out who can be trusted',
];

export const OVERVIEW_STAKES = [
  'before the storm cuts the town off', 'before the truth destroys everyone involved', 'while the clock runs out',
  'before the season ends', 'as old loyalties begin to crack', 'with the whole town watching',
];

export const TAGLINES = [
  'Some secrets refuse to stay buried.', 'Every road leads home.', 'Trust no one.', 'The truth has a price.',
  'One night can change everything.', 'Nothing is what it seems.', 'Run.', 'Love is the hardest part.',
];

export const FEMALE_FIRST_NAMES = [
  'Ana', 'Clara', 'Maya', 'Ingrid', 'Sofia', 'Nadia', 'Hana', 'Lucia', 'Freya', 'Amara', 'Elena', 'Yuki',
  'Marta', 'Priya', 'Camille', 'Jae-yeon', 'Olivia', 'Beatriz', 'Greta', 'Rosa',
];

export const MALE_FIRST_NAMES = [
  'Tomas', 'Daniel', 'Kenji', 'Rafael', 'Lars', 'Idris', 'Marco', 'Arjun', 'Felix', 'Julien', 'Min-ho',
  'Samuel', 'Oskar', 'Mateo', 'Hugo', 'Nikolai', 'Elias', 'Theo', 'Bruno', 'Caleb',
];

export const LAST_NAMES = [
  'Varga', 'Lindqvist', 'Okafor', 'Moreau', 'Castellanos', 'Hartley', 'Nakamura', 'Brennan', 'Kowalski',
  'Ferreira', 'Delacroix', 'Sundberg', 'Achterberg', 'Quinlan', 'Marchetti', 'Osei', 'Halvorsen',
  'Ibarra', 'Whitlock', 'Tanaka', 'Rahman', 'Petrov', 'Duarte', 'Kim', 'Adeyemi',
];

export const STUDIOS = [
  'Northlight Pictures', 'Blue Heron Films', 'Atlas Ridge Entertainment', 'Kestrel Studios', 'Open Field Media',
  'Meridian Road Productions', 'Saltwater Films', 'Copperline Pictures', 'Lanterna Filmes', 'Hollow Oak Studios',
  'Tidewater Entertainment', 'Granite Bay Pictures',
];
