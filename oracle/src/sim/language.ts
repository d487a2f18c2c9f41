// The words the simulated crowd writes with: topics of the pictures and prompts, templates of
// honest sentences, the stock phrases many people give independently to closed tasks, the
// generic fillers of minimum-effort answers, and a hand-written thesaurus a paraphrasing tool
// would use (deliberately not WordNet, which the near-duplicate rule reads: the rule must
// catch rewording it was not built from).

export const TOPICS: readonly (readonly string[])[] = [
  ["sunset", "horizon", "orange", "clouds", "evening", "glow", "sea", "silhouette", "sun", "warmth", "dusk", "reflection", "waves", "pier"],
  ["forest", "trees", "moss", "path", "leaves", "fog", "pine", "roots", "branches", "shade", "trail", "mushrooms", "ferns", "canopy"],
  ["city", "street", "lights", "traffic", "buildings", "neon", "crowd", "rain", "taxi", "night", "windows", "skyline", "bridge", "alley"],
  ["portrait", "face", "eyes", "smile", "hair", "expression", "gaze", "skin", "shadow", "cheek", "wrinkles", "freckles", "lips", "profile"],
  ["mountain", "peak", "snow", "valley", "ridge", "glacier", "summit", "rocks", "cliff", "lake", "hikers", "air", "slope", "pass"],
  ["garden", "flowers", "roses", "bees", "petals", "fountain", "bench", "tulips", "hedge", "butterflies", "soil", "blossom", "gate", "grass"],
  ["ocean", "boat", "sailor", "storm", "harbour", "anchor", "seagulls", "tide", "lighthouse", "spray", "deck", "nets", "coast", "shells"],
  ["kitchen", "bread", "table", "coffee", "cups", "steam", "oven", "fruit", "apron", "plates", "spoon", "morning", "jar", "flour"],
  ["desert", "dunes", "sand", "camel", "heat", "cactus", "mirage", "wind", "tracks", "oasis", "stones", "sky", "dust", "caravan"],
  ["concert", "stage", "guitar", "singer", "drums", "fans", "spotlight", "music", "band", "speakers", "dance", "microphone", "encore", "noise"],
  ["winter", "ice", "frost", "cabin", "fireplace", "scarf", "snowman", "sled", "chimney", "blanket", "breath", "cocoa", "window", "boots"],
  ["market", "stalls", "spices", "vendor", "baskets", "colours", "fabric", "crowd", "lanterns", "fish", "prices", "voices", "awning", "vegetables"],
];

export const ADJECTIVES = (
  "calm bright warm cold soft sharp gentle bold dark quiet loud vivid faded rich simple busy " +
  "peaceful lonely cheerful gloomy dreamy strange lovely beautiful huge tiny old fresh golden " +
  "deep pale heavy light rough smooth wild tender honest sad happy nostalgic hopeful tense playful " +
  "crisp hazy misty sunny stormy silent crowded empty narrow wide tall distant close ancient modern " +
  "elegant messy clean dusty shiny glowing muted noisy fragile solid hollow sleepy lively eerie " +
  "cozy bleak lush barren sweet bitter fierce shy proud humble grand modest odd familiar"
).split(" ");

export const FEELINGS = (
  "calm nostalgic hopeful lonely peaceful tense happy sad curious tired relaxed excited " +
  "grateful anxious safe free homesick inspired melancholic cosy restless amused bored " +
  "hungry small brave uneasy proud moved thoughtful sleepy warm content wistful alive"
).split(" ");

export const VERBS = "feels looks seems reminds shows makes brings captures hides reveals suggests holds".split(" ");

/** Nouns any picture can have, beside its topic's own. */
export const GENERIC_NOUNS = (
  "colour light shadow texture shape detail corner background foreground edge frame line " +
  "composition balance contrast mood atmosphere angle perspective silence movement pattern " +
  "surface horizon centre space figure tone memory moment feeling story season weather"
).split(" ");

export const OPENERS = [
  "", "", "", "", "honestly", "to me", "i think", "at first glance", "for me", "personally",
  "i guess", "somehow", "wow", "hmm", "right away", "looking closer", "oddly enough", "i feel like",
];

export const ADVERBS = ["", "", "", "really", "quite", "so", "a bit", "somewhat", "kind of", "very", "almost", "strangely"];

// {n} topic noun, {m} another topic noun, {g} generic noun, {a} adjective, {b} another
// adjective, {f} feeling, {v} verb, {d} adverb.
export const TEMPLATES = [
  "the {a} {n} {v} {f} to me",
  "i love how the {n} meets the {m}",
  "it reminds me of a {a} {n} i saw when i was a kid",
  "there is something {d} {a} about the {n} and the {m}",
  "the way the {m} catches the {g} makes me feel {f}",
  "i would hang this in my room because the {n} is {d} {a}",
  "my eye goes straight to the {n} and then to the {a} {m}",
  "the {g} is {a} and {b} which makes the whole scene feel {f}",
  "i think the artist wanted us to notice the {m} behind the {n}",
  "it is {a} but also a little {b} which i like",
  "this makes me want to visit a place with a {n} like that",
  "the {n} looks {a} and the {m} looks {b}",
  "i feel {f} when i look at the {n}",
  "not sure why but the {m} makes me {f}",
  "my grandmother had a {n} just like this one",
  "the contrast between the {a} {n} and the {b} {m} is what stands out",
  "if i could step inside i would walk towards the {m}",
  "the {n} in the {g} is easy to miss but it tells a story",
  "it feels like a {a} {f} memory",
  "everything is {a} except the {m} which is {b}",
  "the {g} on the {n} is {d} {a} and it changes the mood",
  "i imagine the sound of the {m} here",
  "the {g} feels {d} {a} around the {n}",
  "nobody would notice the {m} at first",
  "a {a} {n} next to a {b} {m} is an unusual pair",
  "the photographer must have waited for the {g} to turn {a}",
  "i keep coming back to the {n}",
  "i wonder who left the {n} there",
  "the {n} seems to be waiting for something",
  "you can almost feel the {a} {g} on your skin",
  "the {m} gives the picture its {a} {g}",
  "my favourite part is the {a} {m} near the {g}",
  "it would make a {d} {a} poster",
  "i would call this picture {a} {n}",
  "this is exactly how a {n} feels on a {a} day",
  "the {g} pulls everything towards the {n}",
  "the {n} and the {m} look like they belong together",
  "too much {g} for my taste but the {n} is {a}",
  "i did not expect the {n} to look so {a}",
  "this brings back a {a} {f} summer",
  "somebody should paint the {m} like this",
  "the {n} makes the {g} feel {d} {a}",
];

export const STOCK: Record<"picture" | "mood" | "poll", readonly string[]> = {
  picture: [
    "i like the blue one because it is calm", "love it", "beautiful", "very nice", "so pretty",
    "looks nice", "not my style", "too dark for me", "beautiful colours", "i like it",
    "nice picture", "amazing", "the colours are nice", "it is ok", "great photo", "so calm",
    "i like the light", "too busy", "very relaxing", "cute",
  ],
  mood: [
    "calm", "happy", "peaceful", "sad", "it makes me feel calm", "relaxed", "nostalgic",
    "makes me happy", "a bit sad", "cosy", "hopeful", "it feels peaceful", "lonely", "warm",
    "dreamy", "it is a happy picture",
  ],
  poll: [
    "i prefer this one", "easy choice", "the first one", "this one is better", "no idea",
    "both are nice", "i like the colours more", "because it is calm", "just a feeling",
  ],
};

export const LOW_EFFORT = [
  "nice", "good", "very nice", "i like it", "ok", "nice picture", "good one", "cool",
  "very good", "looks good", "it is nice", "not bad", "great", "so nice", "good picture",
  "like it", "nice one", "fine", "pretty good", "interesting",
];

export const FILLER = "really actually quite just maybe honestly somehow basically".split(" ");

/** A paraphrasing tool's thesaurus (hand-written; some entries WordNet groups, some it does not). */
export const THESAURUS: Record<string, readonly string[]> = {
  calm: ["serene", "tranquil", "still"], bright: ["vivid", "brilliant", "radiant"],
  warm: ["cosy", "toasty", "mild"], cold: ["chilly", "icy", "cool"], soft: ["gentle", "delicate"],
  sharp: ["crisp", "clear"], gentle: ["soft", "tender", "mild"], bold: ["daring", "striking"],
  dark: ["dim", "shadowy", "gloomy"], quiet: ["silent", "hushed", "still"], loud: ["noisy", "booming"],
  vivid: ["bright", "intense"], faded: ["washed out", "pale"], rich: ["deep", "lush"],
  simple: ["plain", "basic"], busy: ["crowded", "hectic"], peaceful: ["serene", "restful"],
  lonely: ["lonesome", "isolated", "solitary"], cheerful: ["merry", "jolly", "upbeat"],
  gloomy: ["dreary", "bleak"], dreamy: ["hazy", "magical"], strange: ["odd", "weird", "unusual"],
  lovely: ["beautiful", "charming", "pretty"], beautiful: ["gorgeous", "stunning", "lovely"],
  huge: ["enormous", "massive", "vast"], tiny: ["small", "little", "minute"], old: ["ancient", "aged"],
  fresh: ["new", "crisp"], golden: ["gilded", "amber"], deep: ["profound", "intense"],
  pale: ["light", "faint"], heavy: ["weighty", "dense"], rough: ["coarse", "rugged"],
  smooth: ["sleek", "even"], wild: ["untamed", "rugged"], sad: ["unhappy", "sorrowful", "blue"],
  happy: ["glad", "joyful", "content"], nostalgic: ["wistful", "sentimental"],
  hopeful: ["optimistic", "positive"], tense: ["uneasy", "nervous"], playful: ["fun", "cheeky"],
  tired: ["weary", "sleepy"], relaxed: ["at ease", "chilled"], excited: ["thrilled", "eager"],
  curious: ["intrigued", "inquisitive"], anxious: ["worried", "uneasy"], safe: ["secure", "protected"],
  free: ["unbound", "liberated"], inspired: ["moved", "motivated"], cosy: ["snug", "comfy"],
  restless: ["uneasy", "fidgety"], grateful: ["thankful", "appreciative"],
  feels: ["seems", "comes across as"], looks: ["appears", "seems"], seems: ["looks", "appears"],
  reminds: ["recalls", "brings back"], shows: ["depicts", "displays", "portrays"],
  makes: ["causes", "gets"], brings: ["carries", "delivers"], captures: ["catches", "records"],
  hides: ["conceals", "masks"], reveals: ["shows", "uncovers"], suggests: ["hints", "implies"],
  holds: ["keeps", "contains"], love: ["adore", "really like"], like: ["enjoy", "appreciate"],
  think: ["believe", "feel"], notice: ["spot", "see"], imagine: ["picture", "envision"],
  want: ["wish", "would like"], walk: ["stroll", "wander"], visit: ["see", "go to"],
  kid: ["child", "youngster"], room: ["bedroom", "space"], place: ["spot", "location"],
  picture: ["image", "photo"], colours: ["colors", "hues", "tones"], light: ["glow", "brightness"],
  scene: ["view", "setting"], memory: ["recollection", "moment"], corner: ["edge", "side"],
  story: ["tale", "narrative"], sound: ["noise", "murmur"], mood: ["atmosphere", "feeling"],
  artist: ["painter", "creator", "photographer"], contrast: ["difference", "tension"],
  eye: ["gaze", "attention"], whole: ["entire", "full"], something: ["a thing", "an element"],
  easy: ["simple", "effortless"], miss: ["overlook", "skip"], changes: ["alters", "shifts"],
  straight: ["directly", "right"], honestly: ["truly", "frankly"], little: ["bit", "slightly"],
  sunset: ["sundown", "dusk"], forest: ["woods", "woodland"], trees: ["woods", "timber"],
  path: ["trail", "track"], street: ["road", "avenue"], buildings: ["towers", "houses"],
  face: ["features", "visage"], smile: ["grin", "smirk"], mountain: ["peak", "mount"],
  flowers: ["blooms", "blossoms"], ocean: ["sea", "waters"], boat: ["ship", "vessel"],
  storm: ["tempest", "gale"], table: ["desk", "counter"], sand: ["grit", "dust"],
  music: ["tunes", "songs"], stage: ["platform", "podium"], cabin: ["hut", "lodge"],
  market: ["bazaar", "fair"], vendor: ["seller", "trader"], crowd: ["people", "throng"],
  grandmother: ["grandma", "nan"], clouds: ["sky", "mist"], fog: ["mist", "haze"],
  rain: ["drizzle", "showers"], night: ["evening", "dark"], lights: ["lamps", "glow"],
  snow: ["powder", "frost"], lake: ["pond", "water"], garden: ["yard", "park"],
};
