import { Gender } from './tmdb-catalog-movie';
import { GENRE } from './tmdb-reference-data';
import { ProviderKey } from './tmdb-watch-providers';

/**
 * A hand-written movie: real TMDB id, title, release date, genres, runtime and
 * credits. Overviews are our own summaries; popularity, votes and streaming
 * offers are realistic but frozen, not live TMDB values.
 */
export interface SampleMovieSpec {
  id: number;
  title: string;
  originalTitle?: string;
  /** ISO 639-1, default 'en'. */
  language?: string;
  releaseDate: string;
  genres: number[];
  runtime: number;
  budget: number;
  revenue: number;
  imdbId: string;
  tagline: string;
  overview: string;
  popularity: number;
  /** [vote_average, vote_count] */
  vote: [number, number];
  /** [name, ISO 3166-1 origin country] */
  companies: Array<[string, string]>;
  countries: string[];
  spokenLanguages?: string[];
  collection?: [number, string];
  /** [name, character, gender] */
  cast: Array<[string, string, Gender]>;
  /** [name, job, gender] */
  crew: Array<[string, string, Gender]>;
  /** Subscription services by country; rent and buy come from the country's stores. */
  streaming: Partial<Record<string, ProviderKey[]>>;
}

const { action, adventure, animation, comedy, crime, drama, family, fantasy, history, horror, music, mystery, romance, scienceFiction, thriller } = GENRE;

export const SAMPLE_MOVIES: SampleMovieSpec[] = [
  {
    id: 550, title: 'Fight Club', releaseDate: '1999-10-15', genres: [drama, thriller], runtime: 139,
    budget: 63_000_000, revenue: 100_853_753, imdbId: 'tt0137523', tagline: 'Mischief. Mayhem. Soap.',
    overview: 'An insomniac office worker and a reckless soap salesman start an underground fight club that grows into something far more dangerous than either of them planned.',
    popularity: 73.412, vote: [8.438, 30_112],
    companies: [['Fox 2000 Pictures', 'US'], ['Regency Enterprises', 'US'], ['Linson Entertainment', 'US']], countries: ['US', 'DE'],
    cast: [['Edward Norton', 'Narrator', 2], ['Brad Pitt', 'Tyler Durden', 2], ['Helena Bonham Carter', 'Marla Singer', 1], ['Meat Loaf', "Robert 'Bob' Paulson", 2]],
    crew: [['David Fincher', 'Director', 2], ['Jim Uhls', 'Screenplay', 2], ['Chuck Palahniuk', 'Novel', 2], ['Jeff Cronenweth', 'Director of Photography', 2]],
    streaming: { US: ['hulu'], GB: ['disneyPlus'] },
  },
  {
    id: 603, title: 'The Matrix', releaseDate: '1999-03-31', genres: [action, scienceFiction], runtime: 136,
    budget: 63_000_000, revenue: 463_517_383, imdbId: 'tt0133093', tagline: 'Welcome to the Real World.',
    overview: 'A hacker called Neo learns that the world he lives in is a simulation run by machines, and joins a small band of rebels who fight them from outside it.',
    popularity: 88.073, vote: [8.217, 26_012], collection: [2344, 'The Matrix Collection'],
    companies: [['Warner Bros. Pictures', 'US'], ['Village Roadshow Pictures', 'US'], ['Silver Pictures', 'US']], countries: ['US', 'AU'],
    cast: [['Keanu Reeves', 'Thomas A. Anderson / Neo', 2], ['Laurence Fishburne', 'Morpheus', 2], ['Carrie-Anne Moss', 'Trinity', 1], ['Hugo Weaving', 'Agent Smith', 2]],
    crew: [['Lana Wachowski', 'Director', 1], ['Lilly Wachowski', 'Director', 1], ['Bill Pope', 'Director of Photography', 2], ['Don Davis', 'Original Music Composer', 2]],
    streaming: { US: ['max'], BR: ['max'] },
  },
  {
    id: 27205, title: 'Inception', releaseDate: '2010-07-15', genres: [action, scienceFiction, adventure], runtime: 148,
    budget: 160_000_000, revenue: 839_030_630, imdbId: 'tt1375666', tagline: 'Your mind is the scene of the crime.',
    overview: 'Dom Cobb steals secrets from people while they dream. Offered a way home, he must do the reverse: plant an idea deep in the mind of an heir to an empire.',
    popularity: 96.551, vote: [8.369, 36_201],
    companies: [['Legendary Pictures', 'US'], ['Syncopy', 'GB'], ['Warner Bros. Pictures', 'US']], countries: ['GB', 'US'],
    spokenLanguages: ['en', 'fr', 'ja'],
    cast: [['Leonardo DiCaprio', 'Dom Cobb', 2], ['Joseph Gordon-Levitt', 'Arthur', 2], ['Tom Hardy', 'Eames', 2], ['Ken Watanabe', 'Saito', 2], ['Marion Cotillard', 'Mal Cobb', 1]],
    crew: [['Christopher Nolan', 'Director', 2], ['Christopher Nolan', 'Screenplay', 2], ['Emma Thomas', 'Producer', 1], ['Hans Zimmer', 'Original Music Composer', 2], ['Wally Pfister', 'Director of Photography', 2]],
    streaming: { US: ['netflix'], DE: ['netflix', 'primeVideo'] },
  },
  {
    id: 157336, title: 'Interstellar', releaseDate: '2014-11-05', genres: [adventure, drama, scienceFiction], runtime: 169,
    budget: 165_000_000, revenue: 701_729_206, imdbId: 'tt0816692', tagline: 'Mankind was born on Earth. It was never meant to die here.',
    overview: 'With crops failing across a dying Earth, a former pilot leaves his children behind to lead a crew through a wormhole in search of a planet humanity can move to.',
    popularity: 140.227, vote: [8.417, 35_870],
    companies: [['Paramount Pictures', 'US'], ['Legendary Pictures', 'US'], ['Syncopy', 'GB'], ['Lynda Obst Productions', 'US']], countries: ['GB', 'US'],
    cast: [['Matthew McConaughey', 'Cooper', 2], ['Anne Hathaway', 'Brand', 1], ['Jessica Chastain', 'Murph', 1], ['Michael Caine', 'Professor Brand', 2]],
    crew: [['Christopher Nolan', 'Director', 2], ['Jonathan Nolan', 'Screenplay', 2], ['Hans Zimmer', 'Original Music Composer', 2], ['Hoyte van Hoytema', 'Director of Photography', 2]],
    streaming: { US: ['paramountPlus'], GB: ['primeVideo'] },
  },
  {
    id: 155, title: 'The Dark Knight', releaseDate: '2008-07-16', genres: [drama, action, crime, thriller], runtime: 152,
    budget: 185_000_000, revenue: 1_004_558_444, imdbId: 'tt0468569', tagline: 'Welcome to a world without rules.',
    overview: 'Batman, Lieutenant Gordon and a new district attorney set out to break the mob in Gotham, until a criminal who calls himself the Joker decides to break Gotham instead.',
    popularity: 101.954, vote: [8.516, 32_784], collection: [263, 'The Dark Knight Collection'],
    companies: [['Warner Bros. Pictures', 'US'], ['Legendary Pictures', 'US'], ['Syncopy', 'GB'], ['DC Comics', 'US']], countries: ['GB', 'US'],
    cast: [['Christian Bale', 'Bruce Wayne', 2], ['Heath Ledger', 'Joker', 2], ['Aaron Eckhart', 'Harvey Dent', 2], ['Michael Caine', 'Alfred', 2], ['Gary Oldman', 'James Gordon', 2]],
    crew: [['Christopher Nolan', 'Director', 2], ['Jonathan Nolan', 'Screenplay', 2], ['Hans Zimmer', 'Original Music Composer', 2], ['James Newton Howard', 'Original Music Composer', 2], ['Wally Pfister', 'Director of Photography', 2]],
    streaming: { US: ['max'], BR: ['max'] },
  },
  {
    id: 680, title: 'Pulp Fiction', releaseDate: '1994-09-10', genres: [thriller, crime], runtime: 154,
    budget: 8_000_000, revenue: 213_928_762, imdbId: 'tt0110912', tagline: "Just because you are a character doesn't mean you have character.",
    overview: 'Two hit men, a boxer who will not throw his fight, a gangster and his wife cross paths in a handful of interlocking Los Angeles stories told out of order.',
    popularity: 66.318, vote: [8.488, 27_905],
    companies: [['Miramax', 'US'], ['A Band Apart', 'US'], ['Jersey Films', 'US']], countries: ['US'],
    cast: [['John Travolta', 'Vincent Vega', 2], ['Samuel L. Jackson', 'Jules Winnfield', 2], ['Uma Thurman', 'Mia Wallace', 1], ['Bruce Willis', 'Butch Coolidge', 2]],
    crew: [['Quentin Tarantino', 'Director', 2], ['Quentin Tarantino', 'Screenplay', 2], ['Lawrence Bender', 'Producer', 2], ['Andrzej Sekuła', 'Director of Photography', 2]],
    streaming: { US: ['paramountPlus'], GB: ['netflix'] },
  },
  {
    id: 238, title: 'The Godfather', releaseDate: '1972-03-14', genres: [drama, crime], runtime: 175,
    budget: 6_000_000, revenue: 245_066_411, imdbId: 'tt0068646', tagline: "An offer you can't refuse.",
    overview: 'The ageing head of a New York crime family tries to keep his empire out of the narcotics trade, and his youngest son, who wanted no part of it, is drawn in.',
    popularity: 91.204, vote: [8.689, 20_877], collection: [230, 'The Godfather Collection'],
    companies: [['Paramount Pictures', 'US'], ['Alfran Productions', 'US']], countries: ['US'], spokenLanguages: ['en', 'it', 'la'],
    cast: [['Marlon Brando', 'Don Vito Corleone', 2], ['Al Pacino', 'Michael Corleone', 2], ['James Caan', 'Sonny Corleone', 2], ['Diane Keaton', 'Kay Adams', 1]],
    crew: [['Francis Ford Coppola', 'Director', 2], ['Mario Puzo', 'Novel', 2], ['Mario Puzo', 'Screenplay', 2], ['Nino Rota', 'Original Music Composer', 2], ['Gordon Willis', 'Director of Photography', 2]],
    streaming: { US: ['paramountPlus'], BR: ['paramountPlus'] },
  },
  {
    id: 278, title: 'The Shawshank Redemption', releaseDate: '1994-09-23', genres: [drama, crime], runtime: 142,
    budget: 25_000_000, revenue: 28_341_469, imdbId: 'tt0111161', tagline: 'Fear can hold you prisoner. Hope can set you free.',
    overview: 'A banker sentenced to life for a murder he says he did not commit spends two decades in a Maine prison, befriending a fellow inmate and quietly keeping hope alive.',
    popularity: 104.377, vote: [8.708, 27_439],
    companies: [['Castle Rock Entertainment', 'US']], countries: ['US'],
    cast: [['Tim Robbins', 'Andy Dufresne', 2], ['Morgan Freeman', "Ellis Boyd 'Red' Redding", 2], ['Bob Gunton', 'Warden Samuel Norton', 2], ['William Sadler', 'Heywood', 2]],
    crew: [['Frank Darabont', 'Director', 2], ['Frank Darabont', 'Screenplay', 2], ['Stephen King', 'Novel', 2], ['Thomas Newman', 'Original Music Composer', 2], ['Roger Deakins', 'Director of Photography', 2]],
    streaming: { US: ['netflix'], GB: ['netflix'] },
  },
  {
    id: 13, title: 'Forrest Gump', releaseDate: '1994-06-23', genres: [comedy, drama, romance], runtime: 142,
    budget: 55_000_000, revenue: 677_387_716, imdbId: 'tt0109830', tagline: "The world will never be the same once you've seen it through the eyes of Forrest Gump.",
    overview: 'A kind-hearted man from Alabama drifts through three decades of American history, always hoping to find his way back to Jenny, the girl he has loved since childhood.',
    popularity: 70.885, vote: [8.468, 27_950],
    companies: [['Paramount Pictures', 'US'], ['The Steve Tisch Company', 'US'], ['Wendy Finerman Productions', 'US']], countries: ['US'],
    cast: [['Tom Hanks', 'Forrest Gump', 2], ['Robin Wright', 'Jenny Curran', 1], ['Gary Sinise', 'Lieutenant Dan Taylor', 2], ['Sally Field', 'Mrs. Gump', 1]],
    crew: [['Robert Zemeckis', 'Director', 2], ['Eric Roth', 'Screenplay', 2], ['Winston Groom', 'Novel', 2], ['Alan Silvestri', 'Original Music Composer', 2]],
    streaming: { US: ['paramountPlus'], DE: ['netflix'] },
  },
  {
    id: 496243, title: 'Parasite', originalTitle: '기생충', language: 'ko', releaseDate: '2019-05-30', genres: [comedy, thriller, drama], runtime: 133,
    budget: 11_363_000, revenue: 257_591_776, imdbId: 'tt6751668', tagline: 'Act like you own the place.',
    overview: "The jobless Kim family talk their way, one by one, into jobs in the household of the wealthy Parks, until an unexpected discovery in the house's basement changes everything.",
    popularity: 62.113, vote: [8.505, 18_602],
    companies: [['Barunson E&A', 'KR'], ['CJ Entertainment', 'KR']], countries: ['KR'], spokenLanguages: ['ko', 'en'],
    cast: [['Song Kang-ho', 'Kim Ki-taek', 2], ['Lee Sun-kyun', 'Park Dong-ik', 2], ['Cho Yeo-jeong', 'Choi Yeon-gyo', 1], ['Choi Woo-shik', 'Kim Ki-woo', 2], ['Park So-dam', 'Kim Ki-jung', 1]],
    crew: [['Bong Joon-ho', 'Director', 2], ['Bong Joon-ho', 'Screenplay', 2], ['Han Jin-won', 'Screenplay', 2], ['Jung Jae-il', 'Original Music Composer', 2], ['Hong Kyung-pyo', 'Director of Photography', 2]],
    streaming: { US: ['max', 'hulu'], GB: ['primeVideo'] },
  },
  {
    id: 129, title: 'Spirited Away', originalTitle: '千と千尋の神隠し', language: 'ja', releaseDate: '2001-07-20', genres: [animation, family, fantasy], runtime: 125,
    budget: 19_000_000, revenue: 274_925_095, imdbId: 'tt0245429', tagline: '',
    overview: 'On the way to their new home, ten-year-old Chihiro and her parents stumble into a world of spirits, where she must work in a bathhouse for a witch to free her family.',
    popularity: 58.972, vote: [8.537, 16_745],
    companies: [['Studio Ghibli', 'JP']], countries: ['JP'], spokenLanguages: ['ja'],
    cast: [['Rumi Hiiragi', 'Chihiro Ogino (voice)', 1], ['Miyu Irino', 'Haku (voice)', 2], ['Mari Natsuki', 'Yubaba / Zeniba (voice)', 1]],
    crew: [['Hayao Miyazaki', 'Director', 2], ['Hayao Miyazaki', 'Screenplay', 2], ['Toshio Suzuki', 'Producer', 2], ['Joe Hisaishi', 'Original Music Composer', 2]],
    streaming: { US: ['max'], GB: ['netflix'] },
  },
  {
    id: 862, title: 'Toy Story', releaseDate: '1995-11-22', genres: [animation, adventure, family, comedy], runtime: 81,
    budget: 30_000_000, revenue: 394_436_586, imdbId: 'tt0114709', tagline: 'Hang on for the comedy that goes to infinity and beyond!',
    overview: "Woody, a pull-string cowboy, is a boy's favourite toy until a shiny space ranger arrives, and the two rivals end up lost in the world outside the bedroom.",
    popularity: 82.64, vote: [7.97, 18_410], collection: [10194, 'Toy Story Collection'],
    companies: [['Pixar', 'US']], countries: ['US'],
    cast: [['Tom Hanks', 'Woody (voice)', 2], ['Tim Allen', 'Buzz Lightyear (voice)', 2], ['Don Rickles', 'Mr. Potato Head (voice)', 2]],
    crew: [['John Lasseter', 'Director', 2], ['Joss Whedon', 'Screenplay', 2], ['Randy Newman', 'Original Music Composer', 2]],
    streaming: { US: ['disneyPlus'], BR: ['disneyPlus'] },
  },
  {
    id: 120, title: 'The Lord of the Rings: The Fellowship of the Ring', releaseDate: '2001-12-18', genres: [adventure, fantasy, action], runtime: 179,
    budget: 93_000_000, revenue: 871_368_364, imdbId: 'tt0120737', tagline: 'One ring to rule them all.',
    overview: 'A young hobbit inherits a ring of terrible power and sets out with eight companions to destroy it in the fires of the mountain where it was forged.',
    popularity: 97.31, vote: [8.416, 25_503], collection: [119, 'The Lord of the Rings Collection'],
    companies: [['New Line Cinema', 'US'], ['WingNut Films', 'NZ'], ['The Saul Zaentz Company', 'US']], countries: ['NZ', 'US'],
    cast: [['Elijah Wood', 'Frodo Baggins', 2], ['Ian McKellen', 'Gandalf', 2], ['Viggo Mortensen', 'Aragorn', 2], ['Sean Astin', 'Samwise Gamgee', 2]],
    crew: [['Peter Jackson', 'Director', 2], ['Fran Walsh', 'Screenplay', 1], ['Philippa Boyens', 'Screenplay', 1], ['J.R.R. Tolkien', 'Novel', 2], ['Howard Shore', 'Original Music Composer', 2]],
    streaming: { US: ['max'], DE: ['primeVideo'] },
  },
  {
    id: 19995, title: 'Avatar', releaseDate: '2009-12-15', genres: [action, adventure, fantasy, scienceFiction], runtime: 162,
    budget: 237_000_000, revenue: 2_923_706_026, imdbId: 'tt0499549', tagline: 'Enter the world of Pandora.',
    overview: "A paralysed former marine is sent to the moon Pandora in a body grown from native DNA, and comes to side with the Na'vi against the company that sent him.",
    popularity: 112.846, vote: [7.588, 31_640], collection: [87096, 'Avatar Collection'],
    companies: [['20th Century Fox', 'US'], ['Lightstorm Entertainment', 'US']], countries: ['US', 'GB'],
    cast: [['Sam Worthington', 'Jake Sully', 2], ['Zoe Saldaña', 'Neytiri', 1], ['Sigourney Weaver', 'Dr. Grace Augustine', 1], ['Stephen Lang', 'Col. Miles Quaritch', 2]],
    crew: [['James Cameron', 'Director', 2], ['James Cameron', 'Writer', 2], ['James Horner', 'Original Music Composer', 2], ['Mauro Fiore', 'Director of Photography', 2]],
    streaming: { US: ['disneyPlus'], GB: ['disneyPlus'] },
  },
  {
    id: 597, title: 'Titanic', releaseDate: '1997-11-18', genres: [drama, romance], runtime: 194,
    budget: 200_000_000, revenue: 2_264_162_353, imdbId: 'tt0120338', tagline: 'Nothing on Earth could come between them.',
    overview: 'Aboard the doomed maiden voyage of the Titanic, a young aristocrat engaged to a man she does not love falls for a penniless artist who won his ticket at cards.',
    popularity: 87.002, vote: [7.905, 25_118],
    companies: [['Paramount Pictures', 'US'], ['20th Century Fox', 'US'], ['Lightstorm Entertainment', 'US']], countries: ['US'],
    cast: [['Leonardo DiCaprio', 'Jack Dawson', 2], ['Kate Winslet', 'Rose DeWitt Bukater', 1], ['Billy Zane', "Caledon 'Cal' Hockley", 2], ['Kathy Bates', 'Molly Brown', 1]],
    crew: [['James Cameron', 'Director', 2], ['James Cameron', 'Writer', 2], ['James Horner', 'Original Music Composer', 2], ['Russell Carpenter', 'Director of Photography', 2]],
    streaming: { US: ['paramountPlus'], BR: ['disneyPlus'] },
  },
  {
    id: 329, title: 'Jurassic Park', releaseDate: '1993-06-11', genres: [adventure, scienceFiction], runtime: 127,
    budget: 63_000_000, revenue: 920_100_000, imdbId: 'tt0107290', tagline: 'An adventure 65 million years in the making.',
    overview: 'A billionaire invites two palaeontologists and a mathematician to preview his island theme park of cloned dinosaurs, days before the park loses its power.',
    popularity: 54.611, vote: [7.946, 16_302], collection: [328, 'Jurassic Park Collection'],
    companies: [['Universal Pictures', 'US'], ['Amblin Entertainment', 'US']], countries: ['US'],
    cast: [['Sam Neill', 'Dr. Alan Grant', 2], ['Laura Dern', 'Dr. Ellie Sattler', 1], ['Jeff Goldblum', 'Dr. Ian Malcolm', 2], ['Richard Attenborough', 'John Hammond', 2]],
    crew: [['Steven Spielberg', 'Director', 2], ['Michael Crichton', 'Novel', 2], ['David Koepp', 'Screenplay', 2], ['John Williams', 'Original Music Composer', 2]],
    streaming: { US: ['peacock'], GB: ['netflix'] },
  },
  {
    id: 11, title: 'Star Wars', releaseDate: '1977-05-25', genres: [adventure, action, scienceFiction], runtime: 121,
    budget: 11_000_000, revenue: 775_398_007, imdbId: 'tt0076759', tagline: 'A long time ago in a galaxy far, far away...',
    overview: 'A farm boy on a desert planet answers a princess\'s plea for help, and with an old Jedi knight and a smuggler sets out to destroy the Empire\'s planet-killing battle station.',
    popularity: 78.259, vote: [8.204, 20_815], collection: [10, 'Star Wars Collection'],
    companies: [['Lucasfilm Ltd.', 'US'], ['20th Century Fox', 'US']], countries: ['US'],
    cast: [['Mark Hamill', 'Luke Skywalker', 2], ['Harrison Ford', 'Han Solo', 2], ['Carrie Fisher', 'Princess Leia Organa', 1], ['Alec Guinness', 'Ben Obi-Wan Kenobi', 2]],
    crew: [['George Lucas', 'Director', 2], ['George Lucas', 'Writer', 2], ['Gary Kurtz', 'Producer', 2], ['John Williams', 'Original Music Composer', 2]],
    streaming: { US: ['disneyPlus'], DE: ['disneyPlus'] },
  },
  {
    id: 8587, title: 'The Lion King', releaseDate: '1994-06-24', genres: [family, animation, drama], runtime: 89,
    budget: 45_000_000, revenue: 763_455_561, imdbId: 'tt0110357', tagline: 'The greatest adventure of all is finding our place in the circle of life.',
    overview: 'Tricked into believing he caused his father\'s death, a lion cub flees the Pride Lands, and must return as an adult to take back the throne from his scheming uncle.',
    popularity: 85.44, vote: [8.256, 18_224], collection: [94032, 'The Lion King Collection'],
    companies: [['Walt Disney Pictures', 'US'], ['Walt Disney Feature Animation', 'US']], countries: ['US'],
    cast: [['Matthew Broderick', 'Simba (voice)', 2], ['James Earl Jones', 'Mufasa (voice)', 2], ['Jeremy Irons', 'Scar (voice)', 2]],
    crew: [['Roger Allers', 'Director', 2], ['Rob Minkoff', 'Director', 2], ['Hans Zimmer', 'Original Music Composer', 2]],
    streaming: { US: ['disneyPlus'], BR: ['disneyPlus'] },
  },
  {
    id: 98, title: 'Gladiator', releaseDate: '2000-05-01', genres: [action, drama, adventure], runtime: 155,
    budget: 103_000_000, revenue: 465_361_176, imdbId: 'tt0172495', tagline: 'What we do in life echoes in eternity.',
    overview: 'Betrayed by the emperor\'s son and left for dead, a Roman general is sold into slavery and fights his way through the arenas towards Rome and his revenge.',
    popularity: 93.775, vote: [8.216, 19_604],
    companies: [['DreamWorks Pictures', 'US'], ['Universal Pictures', 'US'], ['Scott Free Productions', 'GB']], countries: ['GB', 'US'],
    cast: [['Russell Crowe', 'Maximus', 2], ['Joaquin Phoenix', 'Commodus', 2], ['Connie Nielsen', 'Lucilla', 1], ['Oliver Reed', 'Proximo', 2]],
    crew: [['Ridley Scott', 'Director', 2], ['David Franzoni', 'Screenplay', 2], ['Hans Zimmer', 'Original Music Composer', 2], ['John Mathieson', 'Director of Photography', 2]],
    streaming: { US: ['paramountPlus'], GB: ['primeVideo'] },
  },
  {
    id: 475557, title: 'Joker', releaseDate: '2019-10-01', genres: [crime, thriller, drama], runtime: 122,
    budget: 55_000_000, revenue: 1_078_958_629, imdbId: 'tt7286456', tagline: 'Put on a happy face.',
    overview: 'A struggling party clown and would-be comedian in Gotham City is pushed, one humiliation after another, into becoming the violent figure the city will know as the Joker.',
    popularity: 68.53, vote: [8.15, 25_920],
    companies: [['Warner Bros. Pictures', 'US'], ['DC Films', 'US'], ['Joint Effort', 'US']], countries: ['US', 'CA'],
    cast: [['Joaquin Phoenix', 'Arthur Fleck', 2], ['Robert De Niro', 'Murray Franklin', 2], ['Zazie Beetz', 'Sophie Dumond', 1], ['Frances Conroy', 'Penny Fleck', 1]],
    crew: [['Todd Phillips', 'Director', 2], ['Todd Phillips', 'Screenplay', 2], ['Scott Silver', 'Screenplay', 2], ['Hildur Guðnadóttir', 'Original Music Composer', 1], ['Lawrence Sher', 'Director of Photography', 2]],
    streaming: { US: ['max'], BR: ['max'] },
  },
  {
    id: 299534, title: 'Avengers: Endgame', releaseDate: '2019-04-24', genres: [adventure, scienceFiction, action], runtime: 181,
    budget: 356_000_000, revenue: 2_799_439_100, imdbId: 'tt4154796', tagline: 'Avenge the fallen.',
    overview: 'Five years after Thanos wiped out half of all life, the surviving Avengers find a way to travel through time and gather the Infinity Stones once more.',
    popularity: 120.419, vote: [8.237, 25_311], collection: [86311, 'The Avengers Collection'],
    companies: [['Marvel Studios', 'US']], countries: ['US'],
    cast: [['Robert Downey Jr.', 'Tony Stark / Iron Man', 2], ['Chris Evans', 'Steve Rogers / Captain America', 2], ['Mark Ruffalo', 'Bruce Banner / Hulk', 2], ['Scarlett Johansson', 'Natasha Romanoff / Black Widow', 1]],
    crew: [['Anthony Russo', 'Director', 2], ['Joe Russo', 'Director', 2], ['Christopher Markus', 'Screenplay', 2], ['Stephen McFeely', 'Screenplay', 2], ['Kevin Feige', 'Producer', 2], ['Alan Silvestri', 'Original Music Composer', 2]],
    streaming: { US: ['disneyPlus'], GB: ['disneyPlus'] },
  },
  {
    id: 324857, title: 'Spider-Man: Into the Spider-Verse', releaseDate: '2018-12-06', genres: [animation, action, adventure, scienceFiction], runtime: 117,
    budget: 90_000_000, revenue: 375_540_831, imdbId: 'tt4633694', tagline: 'More than one wears the mask.',
    overview: 'Brooklyn teenager Miles Morales gains spider powers just as a collider tears open the multiverse, bringing other Spider-People into his city.',
    popularity: 64.007, vote: [8.388, 15_702], collection: [573436, 'Spider-Man: Spider-Verse Collection'],
    companies: [['Columbia Pictures', 'US'], ['Sony Pictures Animation', 'US'], ['Marvel Entertainment', 'US']], countries: ['US'],
    cast: [['Shameik Moore', 'Miles Morales (voice)', 2], ['Jake Johnson', 'Peter B. Parker (voice)', 2], ['Hailee Steinfeld', 'Gwen Stacy (voice)', 1]],
    crew: [['Bob Persichetti', 'Director', 2], ['Peter Ramsey', 'Director', 2], ['Rodney Rothman', 'Director', 2], ['Phil Lord', 'Screenplay', 2], ['Daniel Pemberton', 'Original Music Composer', 2]],
    streaming: { US: ['netflix'], BR: ['netflix'] },
  },
  {
    id: 438631, title: 'Dune', releaseDate: '2021-09-15', genres: [scienceFiction, adventure], runtime: 155,
    budget: 165_000_000, revenue: 402_027_830, imdbId: 'tt1160419', tagline: 'Beyond fear, destiny awaits.',
    overview: 'Paul Atreides travels with his family to Arrakis, the only source of the most valuable substance in the universe, where a betrayal leaves him hunted in the desert.',
    popularity: 109.865, vote: [7.781, 12_870], collection: [726871, 'Dune Collection'],
    companies: [['Legendary Pictures', 'US']], countries: ['US', 'CA'],
    cast: [['Timothée Chalamet', 'Paul Atreides', 2], ['Rebecca Ferguson', 'Lady Jessica Atreides', 1], ['Oscar Isaac', 'Duke Leto Atreides', 2], ['Zendaya', 'Chani', 1]],
    crew: [['Denis Villeneuve', 'Director', 2], ['Denis Villeneuve', 'Screenplay', 2], ['Frank Herbert', 'Novel', 2], ['Hans Zimmer', 'Original Music Composer', 2], ['Greig Fraser', 'Director of Photography', 2]],
    streaming: { US: ['max'], DE: ['netflix'] },
  },
  {
    id: 872585, title: 'Oppenheimer', releaseDate: '2023-07-19', genres: [drama, history], runtime: 181,
    budget: 100_000_000, revenue: 975_311_333, imdbId: 'tt15398776', tagline: 'The world forever changes.',
    overview: 'The physicist J. Robert Oppenheimer leads the secret race to build the atomic bomb, and years later faces a hearing that puts his loyalty and legacy on trial.',
    popularity: 131.606, vote: [8.073, 10_212],
    companies: [['Universal Pictures', 'US'], ['Syncopy', 'GB'], ['Atlas Entertainment', 'US']], countries: ['GB', 'US'],
    cast: [['Cillian Murphy', 'J. Robert Oppenheimer', 2], ['Emily Blunt', 'Kitty Oppenheimer', 1], ['Matt Damon', 'Leslie Groves', 2], ['Robert Downey Jr.', 'Lewis Strauss', 2]],
    crew: [['Christopher Nolan', 'Director', 2], ['Christopher Nolan', 'Screenplay', 2], ['Ludwig Göransson', 'Original Music Composer', 2], ['Hoyte van Hoytema', 'Director of Photography', 2]],
    streaming: { US: ['peacock'], GB: ['primeVideo'] },
  },
  {
    id: 346698, title: 'Barbie', releaseDate: '2023-07-19', genres: [comedy, adventure], runtime: 114,
    budget: 145_000_000, revenue: 1_445_638_421, imdbId: 'tt1517268', tagline: "She's everything. He's just Ken.",
    overview: 'Barbie lives a perfect life in Barbieland until she starts thinking about death, and a trip to the real world with Ken upends what both of them believe.',
    popularity: 74.318, vote: [7.012, 9_388],
    companies: [['Warner Bros. Pictures', 'US'], ['Heyday Films', 'GB'], ['LuckyChap Entertainment', 'US'], ['Mattel', 'US']], countries: ['US', 'GB'],
    cast: [['Margot Robbie', 'Barbie', 1], ['Ryan Gosling', 'Ken', 2], ['America Ferrera', 'Gloria', 1], ['Issa Rae', 'Barbie', 1]],
    crew: [['Greta Gerwig', 'Director', 1], ['Greta Gerwig', 'Screenplay', 1], ['Noah Baumbach', 'Screenplay', 2], ['Mark Ronson', 'Original Music Composer', 2], ['Rodrigo Prieto', 'Director of Photography', 2]],
    streaming: { US: ['max'], BR: ['max'] },
  },
  {
    id: 361743, title: 'Top Gun: Maverick', releaseDate: '2022-05-21', genres: [action, drama], runtime: 131,
    budget: 170_000_000, revenue: 1_488_732_821, imdbId: 'tt1745960', tagline: 'Feel the need... The need for speed.',
    overview: 'More than thirty years into his career, Pete "Maverick" Mitchell returns to Top Gun to train a group of young pilots for a near-impossible mission.',
    popularity: 79.54, vote: [8.201, 9_214], collection: [531330, 'Top Gun Collection'],
    companies: [['Paramount Pictures', 'US'], ['Skydance Media', 'US'], ['Jerry Bruckheimer Films', 'US']], countries: ['US'],
    cast: [['Tom Cruise', "Capt. Pete 'Maverick' Mitchell", 2], ['Miles Teller', "Lt. Bradley 'Rooster' Bradshaw", 2], ['Jennifer Connelly', 'Penny Benjamin', 1], ['Val Kilmer', "Adm. Tom 'Iceman' Kazansky", 2]],
    crew: [['Joseph Kosinski', 'Director', 2], ['Ehren Kruger', 'Screenplay', 2], ['Harold Faltermeyer', 'Original Music Composer', 2], ['Claudio Miranda', 'Director of Photography', 2]],
    streaming: { US: ['paramountPlus'], GB: ['paramountPlus'] },
  },
  {
    id: 545611, title: 'Everything Everywhere All at Once', releaseDate: '2022-03-24', genres: [action, adventure, scienceFiction], runtime: 140,
    budget: 14_300_000, revenue: 143_400_000, imdbId: 'tt6710474', tagline: 'The universe is so much bigger than you realize.',
    overview: 'A laundromat owner buried in tax paperwork discovers she can tap into the lives of her other selves across the multiverse, just in time to save it.',
    popularity: 45.66, vote: [7.752, 6_915],
    companies: [['A24', 'US'], ['AGBO', 'US'], ['IAC Films', 'US']], countries: ['US'], spokenLanguages: ['en', 'zh'],
    cast: [['Michelle Yeoh', 'Evelyn Quan Wang', 1], ['Ke Huy Quan', 'Waymond Wang', 2], ['Stephanie Hsu', 'Joy Wang / Jobu Tupaki', 1], ['Jamie Lee Curtis', 'Deirdre Beaubeirdre', 1]],
    crew: [['Daniel Kwan', 'Director', 2], ['Daniel Scheinert', 'Director', 2], ['Daniel Kwan', 'Writer', 2], ['Son Lux', 'Original Music Composer', 0], ['Larkin Seiple', 'Director of Photography', 2]],
    streaming: { US: ['paramountPlus'], GB: ['primeVideo'] },
  },
  {
    id: 76341, title: 'Mad Max: Fury Road', releaseDate: '2015-05-13', genres: [action, adventure, scienceFiction], runtime: 121,
    budget: 150_000_000, revenue: 378_858_340, imdbId: 'tt1392190', tagline: 'What a Lovely Day.',
    overview: 'In a desert wasteland, a drifter and a rebel warrior escaping a tyrant with his captive wives race across the sand in a war rig with an army in pursuit.',
    popularity: 57.289, vote: [7.611, 22_740], collection: [8945, 'Mad Max Collection'],
    companies: [['Warner Bros. Pictures', 'US'], ['Village Roadshow Pictures', 'US'], ['Kennedy Miller Productions', 'AU']], countries: ['AU', 'US'],
    cast: [['Tom Hardy', 'Max Rockatansky', 2], ['Charlize Theron', 'Imperator Furiosa', 1], ['Nicholas Hoult', 'Nux', 2], ['Hugh Keays-Byrne', 'Immortan Joe', 2]],
    crew: [['George Miller', 'Director', 2], ['George Miller', 'Writer', 2], ['Junkie XL', 'Original Music Composer', 2], ['John Seale', 'Director of Photography', 2]],
    streaming: { US: ['max'], GB: ['netflix'] },
  },
  {
    id: 419430, title: 'Get Out', releaseDate: '2017-02-24', genres: [mystery, thriller, horror], runtime: 104,
    budget: 4_500_000, revenue: 255_407_969, imdbId: 'tt5052448', tagline: "Just because you're invited, doesn't mean you're welcome.",
    overview: "A young Black photographer visits his white girlfriend's family estate for the weekend, and the family's polite hospitality starts to feel like something much worse.",
    popularity: 39.802, vote: [7.597, 17_211],
    companies: [['Blumhouse Productions', 'US'], ['Monkeypaw Productions', 'US'], ['QC Entertainment', 'US']], countries: ['US'],
    cast: [['Daniel Kaluuya', 'Chris Washington', 2], ['Allison Williams', 'Rose Armitage', 1], ['Catherine Keener', 'Missy Armitage', 1], ['Bradley Whitford', 'Dean Armitage', 2]],
    crew: [['Jordan Peele', 'Director', 2], ['Jordan Peele', 'Writer', 2], ['Michael Abels', 'Original Music Composer', 2], ['Toby Oliver', 'Director of Photography', 2]],
    streaming: { US: ['peacock'], BR: ['netflix'] },
  },
  {
    id: 244786, title: 'Whiplash', releaseDate: '2014-10-10', genres: [drama, music], runtime: 107,
    budget: 3_300_000, revenue: 48_982_041, imdbId: 'tt2582802', tagline: 'The road to greatness can take you to the edge.',
    overview: 'A young jazz drummer at an elite conservatory is taken on by a conductor whose brutal methods push him towards greatness or breakdown.',
    popularity: 41.137, vote: [8.379, 15_604],
    companies: [['Bold Films', 'US'], ['Blumhouse Productions', 'US'], ['Right of Way Films', 'US']], countries: ['US'],
    cast: [['Miles Teller', 'Andrew Neiman', 2], ['J.K. Simmons', 'Terence Fletcher', 2], ['Paul Reiser', 'Jim Neiman', 2], ['Melissa Benoist', 'Nicole', 1]],
    crew: [['Damien Chazelle', 'Director', 2], ['Damien Chazelle', 'Writer', 2], ['Justin Hurwitz', 'Original Music Composer', 2], ['Sharone Meir', 'Director of Photography', 2]],
    streaming: { US: ['netflix'], GB: ['netflix'] },
  },
  {
    id: 313369, title: 'La La Land', releaseDate: '2016-12-01', genres: [comedy, drama, romance, music], runtime: 129,
    budget: 30_000_000, revenue: 447_407_695, imdbId: 'tt3783958', tagline: "Here's to the fools who dream.",
    overview: 'A jazz pianist and an aspiring actress fall in love in Los Angeles while each chases a dream that may pull them apart.',
    popularity: 47.925, vote: [7.896, 16_532],
    companies: [['Summit Entertainment', 'US'], ['Marc Platt Productions', 'US'], ['Black Label Media', 'US']], countries: ['US'],
    cast: [['Ryan Gosling', 'Sebastian Wilder', 2], ['Emma Stone', 'Mia Dolan', 1], ['John Legend', 'Keith', 2], ['J.K. Simmons', 'Bill', 2]],
    crew: [['Damien Chazelle', 'Director', 2], ['Damien Chazelle', 'Writer', 2], ['Justin Hurwitz', 'Original Music Composer', 2], ['Linus Sandgren', 'Director of Photography', 2]],
    streaming: { US: ['netflix'], DE: ['primeVideo'] },
  },
  {
    id: 354912, title: 'Coco', releaseDate: '2017-10-27', genres: [family, animation, music, adventure], runtime: 105,
    budget: 175_000_000, revenue: 800_526_015, imdbId: 'tt2380307', tagline: 'The celebration of a lifetime.',
    overview: 'Miguel dreams of being a musician despite his family\'s ban on music, and on the Day of the Dead he crosses into the Land of the Dead to find his great-great-grandfather.',
    popularity: 72.381, vote: [8.213, 19_804],
    companies: [['Pixar', 'US'], ['Walt Disney Pictures', 'US']], countries: ['US'], spokenLanguages: ['en', 'es'],
    cast: [['Anthony Gonzalez', 'Miguel (voice)', 2], ['Gael García Bernal', 'Héctor (voice)', 2], ['Benjamin Bratt', 'Ernesto de la Cruz (voice)', 2]],
    crew: [['Lee Unkrich', 'Director', 2], ['Adrian Molina', 'Co-Director', 2], ['Adrian Molina', 'Screenplay', 2], ['Michael Giacchino', 'Original Music Composer', 2]],
    streaming: { US: ['disneyPlus'], BR: ['disneyPlus'] },
  },
  {
    id: 194, title: 'Amélie', originalTitle: "Le Fabuleux Destin d'Amélie Poulain", language: 'fr', releaseDate: '2001-04-25', genres: [comedy, romance], runtime: 122,
    budget: 10_000_000, revenue: 174_000_000, imdbId: 'tt0211915', tagline: 'One person can change your life forever.',
    overview: 'A shy waitress in Montmartre decides to quietly improve the lives of the people around her, while finding it much harder to do the same for herself.',
    popularity: 35.506, vote: [7.878, 11_520],
    companies: [['Claudie Ossard Productions', 'FR'], ['UGC', 'FR'], ['Victoires Productions', 'FR']], countries: ['FR', 'DE'], spokenLanguages: ['fr'],
    cast: [['Audrey Tautou', 'Amélie Poulain', 1], ['Mathieu Kassovitz', 'Nino Quincampoix', 2], ['Rufus', 'Raphaël Poulain', 2], ['Yolande Moreau', 'Madeleine Wallace', 1]],
    crew: [['Jean-Pierre Jeunet', 'Director', 2], ['Guillaume Laurant', 'Screenplay', 2], ['Yann Tiersen', 'Original Music Composer', 2], ['Bruno Delbonnel', 'Director of Photography', 2]],
    streaming: { US: ['mubi'], FR: ['netflix'] },
  },
  {
    id: 598, title: 'City of God', originalTitle: 'Cidade de Deus', language: 'pt', releaseDate: '2002-08-30', genres: [drama, crime], runtime: 130,
    budget: 3_300_000, revenue: 30_641_770, imdbId: 'tt0317248', tagline: "Fight and you'll never survive... Run and you'll never escape.",
    overview: 'Growing up in a Rio de Janeiro favela over two decades, a boy who wants to be a photographer watches his childhood friends rise and fall in the drug trade.',
    popularity: 33.918, vote: [8.424, 7_602],
    companies: [['O2 Filmes', 'BR'], ['VideoFilmes', 'BR'], ['Globo Filmes', 'BR']], countries: ['BR', 'FR'], spokenLanguages: ['pt'],
    cast: [['Alexandre Rodrigues', 'Buscapé', 2], ['Leandro Firmino', 'Zé Pequeno', 2], ['Phellipe Haagensen', 'Bené', 2], ['Douglas Silva', 'Dadinho', 2]],
    crew: [['Fernando Meirelles', 'Director', 2], ['Kátia Lund', 'Co-Director', 1], ['Bráulio Mantovani', 'Screenplay', 2], ['Paulo Lins', 'Novel', 2], ['César Charlone', 'Director of Photography', 2]],
    streaming: { US: ['max'], BR: ['globoplay'] },
  },
];
