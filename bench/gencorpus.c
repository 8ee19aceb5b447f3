/*
 * gencorpus.c — writes a deterministic, news-like English corpus for
 * Sentinel's throughput benchmarks (tokenizer, tagger, chunker, coder).
 *
 * The text is synthetic: every article is assembled from this file's own
 * templates and word lists (countries, capitals, leaders' roles, armed
 * groups, verbs of conflict and cooperation, numbers, dates, quotes). A
 * seeded xorshift PRNG makes the output identical on every run and every
 * platform, so benchmark numbers are comparable across machines.
 *
 * Usage:
 *   gencorpus [MB] [-o FILE] [--jsonl] [--seed N]
 *
 *   MB        size to write, in megabytes of 1,000,000 bytes (default 60);
 *             generation stops after the article that reaches the size
 *   -o FILE   write to FILE instead of standard output
 *   --jsonl   one JSON object per line and article:
 *             {"id","title","text","published","source"}
 *   --seed N  another deterministic corpus (default 1)
 *
 * Plain-text layout: a headline line, a blank line, then 4-12 paragraphs of
 * 2-6 sentences separated by blank lines; the first paragraph may open with
 * a dateline ("TBILISI, March 18 (Caspian Wire) - "). Articles are
 * separated by two blank lines.
 *
 * Build: cc -std=c11 -O2 -Wall -Wextra -Werror bench/gencorpus.c -o gencorpus
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- PRNG: xorshift64* ---- */

static uint64_t rng_state = 0x9E3779B97F4A7C15ULL;

static void rng_seed(uint64_t seed)
{
    /* splitmix64 step so that small seeds give well-mixed states */
    uint64_t z = seed + 0x9E3779B97F4A7C15ULL;
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    z ^= z >> 31;
    rng_state = z ? z : 0x9E3779B97F4A7C15ULL;
}

static uint64_t rnd(void)
{
    uint64_t x = rng_state;
    x ^= x >> 12;
    x ^= x << 25;
    x ^= x >> 27;
    rng_state = x;
    return x * 0x2545F4914F6CDD1DULL;
}

/* uniform in [0, n) for n > 0 */
static unsigned below(unsigned n)
{
    return (unsigned)((rnd() >> 32) % n);
}

/* uniform in [lo, hi] */
static int range(int lo, int hi)
{
    return lo + (int)below((unsigned)(hi - lo + 1));
}

static int chance(unsigned pct)
{
    return below(100) < pct;
}

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))
#define PICK(a) ((a)[below((unsigned)COUNT(a))])
/* one of a literal list of strings: ONE_OF("a", "b", "c") */
#define ONE_OF(...) \
    ((const char *const[]){__VA_ARGS__})[below((unsigned)(sizeof((const char *const[]){__VA_ARGS__}) / sizeof(const char *)))]

/* ---- String builder ---- */

typedef struct sb {
    char *p;
    size_t n, cap;
} sb;

static void sb_reserve(sb *b, size_t extra)
{
    if (b->n + extra + 1 <= b->cap)
        return;
    size_t cap = b->cap ? b->cap : 4096;
    while (cap < b->n + extra + 1)
        cap *= 2;
    char *p = realloc(b->p, cap);
    if (!p) {
        fputs("gencorpus: out of memory\n", stderr);
        exit(1);
    }
    b->p = p;
    b->cap = cap;
}

static void sb_putn(sb *b, const char *s, size_t n)
{
    sb_reserve(b, n);
    memcpy(b->p + b->n, s, n);
    b->n += n;
    b->p[b->n] = '\0';
}

static void sb_put(sb *b, const char *s)
{
    sb_putn(b, s, strlen(s));
}

static void sb_putc(sb *b, char c)
{
    sb_putn(b, &c, 1);
}

/* does the builder end where a new word needs a separating space? */
static int sb_need_space(const sb *b)
{
    return b->n && b->p[b->n - 1] != ' ' && b->p[b->n - 1] != '\n';
}

/* a space (unless at the start of a line or after one), then s */
static void sb_w(sb *b, const char *s)
{
    if (sb_need_space(b))
        sb_putc(b, ' ');
    sb_put(b, s);
}

#if defined(__GNUC__) || defined(__clang__)
__attribute__((format(printf, 2, 3)))
#endif
static void sb_fmt(sb *b, const char *fmt, ...)
{
    char tmp[512];
    va_list ap;
    va_start(ap, fmt);
    int k = vsnprintf(tmp, sizeof tmp, fmt, ap);
    va_end(ap);
    if (k < 0)
        return;
    if ((size_t)k >= sizeof tmp)
        k = (int)sizeof tmp - 1;
    sb_putn(b, tmp, (size_t)k);
}

/* " " + formatted text */
#if defined(__GNUC__) || defined(__clang__)
__attribute__((format(printf, 2, 3)))
#endif
static void sb_wf(sb *b, const char *fmt, ...)
{
    char tmp[512];
    va_list ap;
    va_start(ap, fmt);
    int k = vsnprintf(tmp, sizeof tmp, fmt, ap);
    va_end(ap);
    if (k < 0)
        return;
    if ((size_t)k >= sizeof tmp)
        k = (int)sizeof tmp - 1;
    if (sb_need_space(b))
        sb_putc(b, ' ');
    sb_putn(b, tmp, (size_t)k);
}

/* ---- Word lists ---- */

typedef struct country {
    const char *name;    /* as used after a preposition: "the Philippines" */
    const char *subj;    /* capitalised form for a sentence start */
    const char *adj;     /* nationality adjective */
    const char *capital;
    const char *people;  /* plural demonym */
    const char *city[4];
    const char *region;  /* a province or region */
} country;

static const country COUNTRIES[] = {
    {"Georgia", "Georgia", "Georgian", "Tbilisi", "Georgians", {"Gori", "Kutaisi", "Batumi", "Zugdidi"}, "Shida Kartli"},
    {"Russia", "Russia", "Russian", "Moscow", "Russians", {"Belgorod", "Rostov", "Kursk", "Bryansk"}, "Krasnodar"},
    {"Ukraine", "Ukraine", "Ukrainian", "Kyiv", "Ukrainians", {"Kharkiv", "Zaporizhzhia", "Kherson", "Odesa"}, "Donetsk"},
    {"Armenia", "Armenia", "Armenian", "Yerevan", "Armenians", {"Gyumri", "Goris", "Jermuk", "Vanadzor"}, "Syunik"},
    {"Azerbaijan", "Azerbaijan", "Azerbaijani", "Baku", "Azerbaijanis", {"Ganja", "Shusha", "Tartar", "Lachin"}, "Karabakh"},
    {"Syria", "Syria", "Syrian", "Damascus", "Syrians", {"Aleppo", "Idlib", "Homs", "Deir ez-Zor"}, "Hasakah"},
    {"Iraq", "Iraq", "Iraqi", "Baghdad", "Iraqis", {"Mosul", "Kirkuk", "Fallujah", "Basra"}, "Anbar"},
    {"Yemen", "Yemen", "Yemeni", "Sanaa", "Yemenis", {"Aden", "Taiz", "Marib", "Hodeidah"}, "Shabwa"},
    {"Libya", "Libya", "Libyan", "Tripoli", "Libyans", {"Benghazi", "Misrata", "Sirte", "Derna"}, "Fezzan"},
    {"Mali", "Mali", "Malian", "Bamako", "Malians", {"Gao", "Timbuktu", "Mopti", "Kidal"}, "Menaka"},
    {"Niger", "Niger", "Nigerien", "Niamey", "Nigeriens", {"Agadez", "Tillaberi", "Diffa", "Zinder"}, "Tahoua"},
    {"Nigeria", "Nigeria", "Nigerian", "Abuja", "Nigerians", {"Maiduguri", "Kaduna", "Zamfara", "Jos"}, "Borno"},
    {"Somalia", "Somalia", "Somali", "Mogadishu", "Somalis", {"Kismayo", "Baidoa", "Beledweyne", "Galkayo"}, "Lower Shabelle"},
    {"Sudan", "Sudan", "Sudanese", "Khartoum", "Sudanese civilians", {"Omdurman", "El Fasher", "Nyala", "Wad Madani"}, "Darfur"},
    {"South Sudan", "South Sudan", "South Sudanese", "Juba", "South Sudanese", {"Malakal", "Bentiu", "Bor", "Wau"}, "Upper Nile"},
    {"Ethiopia", "Ethiopia", "Ethiopian", "Addis Ababa", "Ethiopians", {"Mekelle", "Gondar", "Bahir Dar", "Dessie"}, "Amhara"},
    {"Congo", "Congo", "Congolese", "Kinshasa", "Congolese", {"Goma", "Bunia", "Beni", "Bukavu"}, "North Kivu"},
    {"Afghanistan", "Afghanistan", "Afghan", "Kabul", "Afghans", {"Kandahar", "Kunduz", "Herat", "Jalalabad"}, "Helmand"},
    {"Pakistan", "Pakistan", "Pakistani", "Islamabad", "Pakistanis", {"Peshawar", "Quetta", "Karachi", "Lahore"}, "Balochistan"},
    {"India", "India", "Indian", "New Delhi", "Indians", {"Srinagar", "Imphal", "Jammu", "Leh"}, "Manipur"},
    {"Myanmar", "Myanmar", "Myanmar", "Naypyitaw", "Burmese", {"Sittwe", "Lashio", "Myitkyina", "Mandalay"}, "Rakhine"},
    {"Colombia", "Colombia", "Colombian", "Bogota", "Colombians", {"Cucuta", "Tumaco", "Arauca", "Cali"}, "Cauca"},
    {"Venezuela", "Venezuela", "Venezuelan", "Caracas", "Venezuelans", {"Maracaibo", "Valencia", "San Cristobal", "Ciudad Bolivar"}, "Zulia"},
    {"Mexico", "Mexico", "Mexican", "Mexico City", "Mexicans", {"Culiacan", "Tijuana", "Acapulco", "Reynosa"}, "Sinaloa"},
    {"Israel", "Israel", "Israeli", "Jerusalem", "Israelis", {"Haifa", "Sderot", "Ashkelon", "Kiryat Shmona"}, "the Galilee"},
    {"Lebanon", "Lebanon", "Lebanese", "Beirut", "Lebanese", {"Tyre", "Sidon", "Nabatieh", "Baalbek"}, "the Bekaa Valley"},
    {"Iran", "Iran", "Iranian", "Tehran", "Iranians", {"Isfahan", "Tabriz", "Zahedan", "Mashhad"}, "Sistan-Baluchestan"},
    {"Turkey", "Turkey", "Turkish", "Ankara", "Turks", {"Diyarbakir", "Gaziantep", "Hakkari", "Istanbul"}, "Sirnak"},
    {"the Philippines", "The Philippines", "Philippine", "Manila", "Filipinos", {"Marawi", "Cotabato", "Jolo", "Zamboanga"}, "Mindanao"},
    {"Thailand", "Thailand", "Thai", "Bangkok", "Thais", {"Yala", "Pattani", "Narathiwat", "Songkhla"}, "the deep south"},
    {"Serbia", "Serbia", "Serbian", "Belgrade", "Serbs", {"Novi Sad", "Nis", "Kraljevo", "Raska"}, "Vojvodina"},
    {"Kosovo", "Kosovo", "Kosovar", "Pristina", "Kosovars", {"Mitrovica", "Zvecan", "Prizren", "Peja"}, "the north"},
    {"Belarus", "Belarus", "Belarusian", "Minsk", "Belarusians", {"Gomel", "Grodno", "Brest", "Vitebsk"}, "Mogilev"},
    {"Moldova", "Moldova", "Moldovan", "Chisinau", "Moldovans", {"Tiraspol", "Balti", "Comrat", "Bender"}, "Transnistria"},
    {"Kyrgyzstan", "Kyrgyzstan", "Kyrgyz", "Bishkek", "Kyrgyz citizens", {"Osh", "Batken", "Jalal-Abad", "Karakol"}, "Batken"},
    {"Tajikistan", "Tajikistan", "Tajik", "Dushanbe", "Tajiks", {"Khujand", "Isfara", "Khorog", "Kulob"}, "Sughd"},
    {"Mozambique", "Mozambique", "Mozambican", "Maputo", "Mozambicans", {"Pemba", "Palma", "Mocimboa da Praia", "Montepuez"}, "Cabo Delgado"},
    {"Burkina Faso", "Burkina Faso", "Burkinabe", "Ouagadougou", "Burkinabe", {"Djibo", "Dori", "Kaya", "Fada N'Gourma"}, "the Sahel region"},
    {"Chad", "Chad", "Chadian", "N'Djamena", "Chadians", {"Abeche", "Moundou", "Bol", "Faya"}, "Lac"},
    {"Cameroon", "Cameroon", "Cameroonian", "Yaounde", "Cameroonians", {"Bamenda", "Buea", "Maroua", "Kousseri"}, "the Far North"},
    {"Haiti", "Haiti", "Haitian", "Port-au-Prince", "Haitians", {"Cap-Haitien", "Gonaives", "Les Cayes", "Jacmel"}, "the Artibonite"},
    {"North Korea", "North Korea", "North Korean", "Pyongyang", "North Koreans", {"Wonsan", "Sinuiju", "Hamhung", "Kaesong"}, "North Hamgyong"},
    {"South Korea", "South Korea", "South Korean", "Seoul", "South Koreans", {"Busan", "Incheon", "Paju", "Yeonpyeong"}, "Gangwon"},
    {"Taiwan", "Taiwan", "Taiwanese", "Taipei", "Taiwanese", {"Kaohsiung", "Kinmen", "Taichung", "Hualien"}, "Matsu"},
    {"Sri Lanka", "Sri Lanka", "Sri Lankan", "Colombo", "Sri Lankans", {"Jaffna", "Trincomalee", "Batticaloa", "Kandy"}, "the Northern Province"},
    {"Central African Republic", "The Central African Republic", "Central African", "Bangui", "Central Africans", {"Bambari", "Bria", "Bangassou", "Bossangoa"}, "Ouaka"},
    {"Egypt", "Egypt", "Egyptian", "Cairo", "Egyptians", {"Rafah", "El Arish", "Alexandria", "Ismailia"}, "North Sinai"},
    {"Kenya", "Kenya", "Kenyan", "Nairobi", "Kenyans", {"Mombasa", "Garissa", "Lamu", "Mandera"}, "the northeast"},
};

static const char *const WORLD_POWERS[] = {
    "the United States", "China", "France", "Britain", "Germany", "Japan",
    "the European Union", "Qatar", "Saudi Arabia", "the United Arab Emirates",
    "Norway", "Switzerland", "Kazakhstan", "South Africa", "Brazil", "India",
};

typedef struct group {
    const char *name; /* "the Houthis" */
    const char *mod;  /* as a modifier: "Houthi fighters" */
    int plural;       /* "the Houthis have", "al-Shabaab has" */
} group;

static const group GROUPS[] = {
    {"the Islamic State", "Islamic State", 0}, {"al-Shabaab", "al-Shabaab", 0},
    {"Boko Haram", "Boko Haram", 0}, {"the Taliban", "Taliban", 1},
    {"the Rapid Support Forces", "RSF", 1}, {"the M23 rebels", "M23", 1},
    {"the Arakan Army", "Arakan Army", 0}, {"the ELN", "ELN", 0},
    {"Hezbollah", "Hezbollah", 0}, {"the Houthis", "Houthi", 1},
    {"the PKK", "PKK", 0}, {"Hamas", "Hamas", 0},
    {"the Wagner Group", "Wagner", 0}, {"JNIM", "JNIM", 0},
    {"the Allied Democratic Forces", "ADF", 1},
    {"the Tigray People's Liberation Front", "TPLF", 0},
    {"Abu Sayyaf", "Abu Sayyaf", 0},
    {"the Northern Liberation Front", "NLF", 0},
    {"the Movement for Justice and Unity", "MJU", 0},
    {"the People's Defence Force", "PDF", 0},
    {"the Kachin Independence Army", "KIA", 0}, {"Ansaru", "Ansaru", 0},
    {"the Sinaloa cartel", "cartel", 0}, {"the G9 gang alliance", "G9", 0},
    {"the Karen National Union", "KNU", 0},
    {"the Patriotic Resistance Front", "PRF", 0},
    {"the Sahel Liberation Army", "SLA", 0},
    {"the Islamic State West Africa Province", "ISWAP", 0},
};

static const char *const FIGHTERS[] = {
    "militants", "rebels", "gunmen", "fighters", "insurgents",
    "separatists", "jihadists", "armed men", "militiamen", "guerrillas",
};

static const char *const FIRST[] = {
    "Giorgi", "Levan", "Irakli", "Nikoloz", "Sergei", "Andrei", "Oleksandr",
    "Dmytro", "Armen", "Ilham", "Ahmed", "Mohamed", "Omar", "Khalid",
    "Yusuf", "Abdullahi", "Hassan", "Ibrahim", "Fatima", "Amina", "Aisha",
    "Mariam", "Nadia", "Elena", "Olga", "Natalia", "Irina", "Ana", "Maria",
    "Carlos", "Gustavo", "Luis", "Diego", "Juan", "Pablo", "Rafael",
    "Min", "Aung", "Thant", "Kim", "Lee", "Park", "Chen", "Wei", "Ravi",
    "Arjun", "Imran", "Tariq", "Abiy", "Tedros", "Samuel", "Joseph",
    "Emmanuel", "Pierre", "Jean", "Olivier", "Moussa", "Assimi", "Bola",
    "Yoweri", "Ruto", "Amir", "Recep", "Mehmet", "Aleksandar", "Milos",
};

static const char *const LAST[] = {
    "Kobakhidze", "Gharibashvili", "Tsereteli", "Beridze", "Volkov",
    "Petrov", "Shevchenko", "Kovalenko", "Melnyk", "Grigoryan", "Sargsyan",
    "Hasanov", "Mammadov", "Haddad", "Nasser", "Mansour", "Al-Hashimi",
    "Farah", "Warsame", "Mohamud", "Abdi", "Osman", "Dagalo", "Hamdok",
    "Tesfaye", "Gebremedhin", "Kabila", "Tshibala", "Mukendi", "Rahimi",
    "Haqqani", "Yousafzai", "Sharif", "Qureshi", "Singh", "Sharma", "Tun",
    "Hlaing", "Soe", "Moreno", "Restrepo", "Rodriguez", "Castillo", "Mendoza",
    "Herrera", "Levi", "Cohen", "Barak", "Saad", "Khalil", "Tehrani",
    "Yildiz", "Demir", "Kaya", "Jovanovic", "Petrovic", "Lukashenko",
    "Popescu", "Rusu", "Toktogulov", "Rahmonov", "Nyusi", "Traore",
    "Diallo", "Coulibaly", "Keita", "Deby", "Biya", "Moise", "Henry",
    "Kim", "Yoon", "Lai", "Wickremesinghe", "Touadera", "Sisi", "Kenyatta",
};

/* Titles used before a full name. */
static const char *const TITLES[] = {
    "President", "Prime Minister", "Foreign Minister", "Defense Minister",
    "Interior Minister", "Gen.", "Lt. Gen.", "Maj. Gen.", "Col.", "Brig. Gen.",
    "Deputy Foreign Minister", "opposition leader", "Finance Minister",
    "army spokesman", "police chief", "Gov.", "Sen.", "Dr.",
};

/* Roles in an apposition, after a name: "..., the Georgian foreign minister," */
static const char *const ROLES[] = {
    "foreign minister", "defense minister", "interior minister",
    "prime minister", "president", "army chief of staff", "military spokesman",
    "government spokeswoman", "ambassador to the United Nations",
    "national security adviser", "top negotiator", "opposition leader",
    "chief prosecutor", "central bank governor", "energy minister",
    "deputy prime minister", "police commissioner", "provincial governor",
};

static const char *const ORGS[] = {
    "the United Nations", "the European Union", "NATO", "the African Union",
    "the International Committee of the Red Cross", "the World Food Programme",
    "UNICEF", "Amnesty International", "Human Rights Watch",
    "the International Monetary Fund", "the World Bank", "the OSCE", "ECOWAS",
    "the Arab League", "the U.N. Security Council",
    "the International Criminal Court", "the U.N. refugee agency",
    "Doctors Without Borders", "the World Health Organization",
    "the International Organization for Migration", "the Council of Europe",
    "the U.S. State Department", "the Pentagon", "the Kremlin",
};

/* Sources of reports ("according to ..."). */
/* Who can be said to have "said" something, as in "..., officials said." */
static const char *const SAYERS[] = {
    "officials", "local officials", "witnesses", "residents", "medical sources",
    "security sources", "a police spokesman", "hospital officials",
    "aid workers", "a local journalist", "opposition activists",
    "the health ministry", "the interior ministry", "state media",
    "the military", "a government spokesman", "the regional governor",
};

static const char *const SOURCES[] = {
    "local officials", "witnesses", "residents", "medical sources",
    "security sources", "state media", "a military statement",
    "a spokesman for the regional government", "human rights monitors",
    "hospital officials", "aid workers", "the health ministry",
    "a local journalist", "opposition activists", "police",
    "the interior ministry", "U.N. figures", "preliminary results",
};

/* Newsroom names for datelines and the JSON "source" field. */
static const char *const OUTLETS[] = {
    "Caspian Wire", "Meridian News", "Sahel Observer", "Northgate Press",
    "Harbor Daily", "Continental Report", "Eastbridge Agency",
    "Global Ledger", "Frontline Digest", "Riverside Herald",
};

typedef struct verb {
    const char *base, *s3, *past, *pp, *ing;
} verb;

static const verb ATTACK_V[] = {
    {"attack", "attacks", "attacked", "attacked", "attacking"},
    {"shell", "shells", "shelled", "shelled", "shelling"},
    {"bomb", "bombs", "bombed", "bombed", "bombing"},
    {"strike", "strikes", "struck", "struck", "striking"},
    {"raid", "raids", "raided", "raided", "raiding"},
    {"ambush", "ambushes", "ambushed", "ambushed", "ambushing"},
    {"storm", "storms", "stormed", "stormed", "storming"},
    {"besiege", "besieges", "besieged", "besieged", "besieging"},
    {"overrun", "overruns", "overran", "overrun", "overrunning"},
    {"capture", "captures", "captured", "captured", "capturing"},
    {"seize", "seizes", "seized", "seized", "seizing"},
    {"target", "targets", "targeted", "targeted", "targeting"},
    {"hit", "hits", "hit", "hit", "hitting"},
    {"destroy", "destroys", "destroyed", "destroyed", "destroying"},
    {"surround", "surrounds", "surrounded", "surrounded", "surrounding"},
    {"torch", "torches", "torched", "torched", "torching"},
    {"loot", "loots", "looted", "looted", "looting"},
    {"blockade", "blockades", "blockaded", "blockaded", "blockading"},
};

static const verb COOP_V[] = {
    {"sign", "signs", "signed", "signed", "signing"},
    {"discuss", "discusses", "discussed", "discussed", "discussing"},
    {"negotiate", "negotiates", "negotiated", "negotiated", "negotiating"},
    {"approve", "approves", "approved", "approved", "approving"},
    {"endorse", "endorses", "endorsed", "endorsed", "endorsing"},
    {"welcome", "welcomes", "welcomed", "welcomed", "welcoming"},
    {"reject", "rejects", "rejected", "rejected", "rejecting"},
    {"support", "supports", "supported", "supported", "supporting"},
    {"extend", "extends", "extended", "extended", "extending"},
    {"suspend", "suspends", "suspended", "suspended", "suspending"},
    {"renew", "renews", "renewed", "renewed", "renewing"},
    {"finalize", "finalizes", "finalized", "finalized", "finalizing"},
    {"propose", "proposes", "proposed", "proposed", "proposing"},
    {"ratify", "ratifies", "ratified", "ratified", "ratifying"},
    {"review", "reviews", "reviewed", "reviewed", "reviewing"},
    {"back", "backs", "backed", "backed", "backing"},
    {"draft", "drafts", "drafted", "drafted", "drafting"},
    {"broker", "brokers", "brokered", "brokered", "brokering"},
};

static const verb CONDEMN_V[] = {
    {"condemn", "condemns", "condemned", "condemned", "condemning"},
    {"denounce", "denounces", "denounced", "denounced", "denouncing"},
    {"criticize", "criticizes", "criticized", "criticized", "criticizing"},
    {"deplore", "deplores", "deplored", "deplored", "deploring"},
    {"protest", "protests", "protested", "protested", "protesting"},
    {"dismiss", "dismisses", "dismissed", "dismissed", "dismissing"},
};

static const char *const DEALS[] = {
    "a ceasefire agreement", "a prisoner exchange", "the peace plan",
    "a new trade deal", "a roadmap for elections", "a humanitarian truce",
    "a security pact", "the framework agreement", "a memorandum on energy cooperation",
    "a plan to reopen the border crossing", "the draft resolution",
    "a 20-point peace proposal", "a deal on grain exports",
    "a power-sharing arrangement", "the demilitarization of the border zone",
    "a package of confidence-building measures", "a new gas transit agreement",
    "a plan for the return of refugees", "the withdrawal of foreign troops",
    "a long-term loan agreement", "a joint statement on maritime security",
};

static const char *const TARGETS[] = {
    "a military base", "an army checkpoint", "a police station", "a busy market",
    "a refugee camp", "a military convoy", "the airport", "a border post",
    "an ammunition depot", "a fuel depot", "a power plant", "a bridge",
    "government buildings", "a hospital", "a school", "a bus station",
    "a naval base", "an oil refinery", "a radar station", "a water treatment plant",
    "the regional administration building", "an army barracks",
    "a camp for displaced people", "a gold mine", "a railway junction",
    "a telecommunications tower", "a grain terminal", "a mosque", "a church",
    "several villages", "a supply route", "the governor's office",
};

static const char *const MEANS[] = {
    "with rockets", "with artillery", "using drones", "with mortars",
    "with a car bomb", "with small arms", "with cruise missiles",
    "with heavy machine guns", "using explosive-laden boats",
    "with rocket-propelled grenades", "with ballistic missiles",
    "with loitering munitions", "from the air",
};

static const char *const ADV_INNER[] = {
    "reportedly", "allegedly", "also", "repeatedly", "already", "again",
    "apparently", "briefly", "formally", "quickly", "largely",
};

static const char *const TOPICS[] = {
    "border security", "energy cooperation", "the humanitarian crisis",
    "refugee returns", "the disputed territory", "the nuclear program",
    "trade tariffs", "a new gas pipeline", "water sharing", "military cooperation",
    "counterterrorism", "the peace process", "sanctions relief",
    "the reconstruction of destroyed towns", "the fate of missing persons",
    "maritime boundaries", "the exchange of prisoners", "arms control",
    "food security", "the status of foreign bases", "cross-border trade",
    "the safety of the nuclear plant", "the release of detained journalists",
};

static const char *const SANCTION_REASONS[] = {
    "over its role in the crackdown on protesters", "over human rights abuses",
    "for supplying weapons to armed groups", "over alleged election fraud",
    "over the detention of opposition figures", "over its nuclear program",
    "for financing militant groups", "over attacks on shipping",
    "for undermining the peace process", "over the use of forced labor",
    "for helping to evade an oil embargo", "over cyberattacks on public institutions",
    "for their part in the military coup", "over the forced deportation of children",
};

static const char *const DEMANDS[] = {
    "the resignation of the government", "early elections",
    "the release of political prisoners", "an end to the war",
    "lower fuel prices", "an independent investigation into the killings",
    "the withdrawal of foreign troops", "higher wages", "a new constitution",
    "the return of their land", "justice for the victims",
    "an end to corruption", "the restoration of internet access",
};

static const char *const POLICE_ACTIONS[] = {
    "police fired tear gas and rubber bullets",
    "riot police used water cannon to disperse the crowd",
    "security forces detained dozens of people",
    "soldiers opened fire on the marchers",
    "plainclothes officers beat several journalists",
    "authorities cut mobile internet across the city",
    "police blocked the main roads into the square",
};

static const char *const PARTIES[] = {
    "the ruling party", "the main opposition bloc", "the Social Democrats",
    "the National Unity Party", "the Freedom Alliance", "the Patriotic Front",
    "the Civic Platform", "the People's Movement", "the Labour Party",
    "the Green coalition", "an independent candidate", "the Reform Party",
};

static const char *const ELECTIONS[] = {
    "parliamentary elections", "the presidential election", "local elections",
    "a constitutional referendum", "the presidential runoff",
    "regional elections", "a snap parliamentary vote",
};

static const char *const AID_GOODS[] = {
    "food", "medicine", "drinking water", "tents", "fuel", "winter clothing",
    "medical supplies", "wheat flour", "blankets", "hygiene kits",
    "vaccines", "cooking oil", "seeds and fertilizer",
};

static const char *const ECON_SUBJ[] = {
    "inflation", "unemployment", "economy", "exports", "oil production",
    "food prices", "budget deficit", "foreign investment", "remittances",
    "currency", "public debt", "imports of fuel", "industrial output",
};

static const char *const QUOTES[] = {
    "We will not allow our territory to be used for attacks against our neighbors",
    "The situation on the ground remains extremely difficult",
    "There can be no military solution to this conflict",
    "We are ready to talk, but not under fire",
    "Civilians are paying the highest price for this war",
    "This is a clear violation of international law",
    "Our forces will respond to any aggression",
    "We call on all sides to exercise maximum restraint",
    "The humanitarian situation is catastrophic and getting worse",
    "Nobody should be detained for expressing their views",
    "We have lost contact with our teams in the north",
    "The sanctions are hurting ordinary people, not the regime",
    "Every day without an agreement costs more lives",
    "We did not start this war, but we will end it",
    "The ceasefire is holding, but it is fragile",
    "The elections were neither free nor fair",
    "We need guarantees, not promises",
    "Our patience has limits",
    "Hospitals are running out of fuel and basic medicines",
    "The international community cannot look away",
    "We are counting the dead and we have not finished",
    "This agreement opens a new chapter in our relations",
    "The border will stay closed until the attacks stop",
    "We have documented dozens of cases of torture",
};

static const char *const FOLLOWUPS[] = {
    "The ministry did not give further details.",
    "The claim could not be independently verified.",
    "No group has claimed responsibility for the attack.",
    "Officials did not respond to requests for comment.",
    "The talks are expected to resume next month.",
    "The conflict has displaced hundreds of thousands of people.",
    "It was not immediately clear how many people were wounded.",
    "Both sides have accused each other of violating the truce.",
    "The government has denied the allegations.",
    "Aid agencies have warned of a looming famine.",
    "Internet access in the region remains restricted.",
    "The death toll is expected to rise.",
};

static const char *const MONTHS[] = {
    "January", "February", "March", "April", "May", "June", "July",
    "August", "September", "October", "November", "December",
};

/* AP-style abbreviations; five months are never abbreviated */
static const char *const MONTHS_AP[] = {
    "Jan.", "Feb.", "March", "April", "May", "June", "July",
    "Aug.", "Sept.", "Oct.", "Nov.", "Dec.",
};

static const char *const WEEKDAYS[] = {
    "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
};

static const char *const SMALL_NUM[] = {
    "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "11", "12", "a dozen", "several", "dozens of",
};

static const char *const DIRECTIONS[] = {
    "northern", "southern", "eastern", "western", "northeastern",
    "northwestern", "southeastern", "southwestern", "central",
};

static const char *const VICTIMS[] = {
    "civilians", "soldiers", "police officers", "people", "children",
    "aid workers", "militants", "border guards", "worshippers", "farmers",
    "miners", "passengers", "students", "villagers", "fishermen",
};

static const char *const REPORT_V[] = {
    "said", "said", "said", "said", "announced", "confirmed", "reported",
    "claimed", "warned", "added", "stated", "insisted",
};

static const char *const ARMS[] = {
    "tanks", "artillery systems", "air defense systems", "armored vehicles",
    "combat drones", "fighter jets", "long-range missiles", "helicopters",
    "anti-tank missiles", "mortar systems", "patrol boats", "howitzers",
    "rocket launchers", "transport aircraft",
};

/* ---- Article context: keeps an article about one place and its actors ---- */

typedef struct ctx {
    const country *c;   /* main country */
    const country *c2;  /* neighbor or counterpart */
    const group *group; /* main armed group */
    const char *org;    /* main organization */
    const char *name1;  /* a named official of c: "Giorgi Beridze" */
    const char *title1; /* their title */
    const char *role1;  /* their role for appositions */
    char namebuf[96];
    int year, month;    /* publication year and month (1-12) */
    int named;          /* name1 already introduced in full */
} ctx;

static const country *rand_country(void)
{
    return &COUNTRIES[below((unsigned)COUNT(COUNTRIES))];
}

static const country *ctx_country(const ctx *x)
{
    unsigned r = below(100);
    if (r < 55)
        return x->c;
    if (r < 80)
        return x->c2;
    return rand_country();
}

/* A number of people. words: may use "several", "dozens of"; big: may
 * reach millions (displacement, not casualties or crowds). */
static void num_people_x(sb *b, int words, int big)
{
    unsigned r = below(100);
    if (r < 25) {
        if (words && chance(30))
            sb_w(b, ONE_OF("several", "dozens of", "a dozen", "hundreds of", "scores of"));
        else
            sb_w(b, ONE_OF("two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "11", "12"));
    } else if (r < 60)
        sb_wf(b, "%d", range(13, 99));
    else if (r < 82)
        sb_wf(b, "%d", range(1, 9) * 100 + range(0, 9) * 10);
    else if (r < 95 || !big)
        sb_wf(b, "%d,%03d", range(1, big ? 45 : 9), range(0, 19) * 50);
    else
        sb_wf(b, "%d.%d million", range(1, 7), range(1, 9));
}

/* casualties: mostly small, sometimes hundreds */
static void num_casualties(sb *b)
{
    unsigned r = below(100);
    if (r < 30)
        sb_w(b, ONE_OF("two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "11", "12"));
    else if (r < 85)
        sb_wf(b, "%d", range(13, 99));
    else
        sb_wf(b, "%d", range(100, 450));
}

static void num_count(sb *b)
{
    unsigned r = below(100);
    if (r < 40)
        sb_wf(b, "%d", range(2, 99));
    else if (r < 70)
        sb_wf(b, "%d", range(100, 999));
    else
        sb_wf(b, "%d,%03d", range(1, 90), range(0, 999));
}

static void decimal(sb *b)
{
    sb_wf(b, "%d.%d", range(1, 14), range(1, 9));
}

/* "the presidential election" -> "presidential election" after a possessive */
static const char *strip_det(const char *s)
{
    if (strncmp(s, "the ", 4) == 0)
        return s + 4;
    if (strncmp(s, "a ", 2) == 0)
        return s + 2;
    return s;
}

/* A time expression with its preposition, matched roughly to a tense. */
static void timex(sb *b, const ctx *x, int future)
{
    unsigned r = below(100);
    if (future) {
        if (r < 25)
            sb_wf(b, "on %s", PICK(WEEKDAYS));
        else if (r < 45)
            sb_w(b, ONE_OF("next week", "next month", "later this year", "in the coming days", "tomorrow", "by the end of the year"));
        else if (r < 75)
            sb_wf(b, "on %s %d", chance(50) ? MONTHS[x->month % 12] : MONTHS_AP[x->month % 12], range(1, 28));
        else
            sb_wf(b, "in %s", MONTHS[(x->month + (unsigned)range(0, 4)) % 12]);
        return;
    }
    if (r < 30)
        sb_wf(b, "on %s%s", PICK(WEEKDAYS), chance(20) ? (chance(50) ? " night" : " morning") : "");
    else if (r < 50)
        sb_w(b, ONE_OF("last week", "last month", "earlier this month", "earlier this year", "yesterday", "overnight", "this week", "two days ago", "last year", "three weeks ago"));
    else if (r < 80) {
        int m = x->month - 1 - (int)below(3);
        if (m < 0)
            m += 12;
        sb_wf(b, "on %s %d", chance(50) ? MONTHS[m] : MONTHS_AP[m], range(1, 28));
    } else if (r < 92)
        sb_wf(b, "in %d", x->year - range(1, 12));
    else
        sb_wf(b, "late on %s", PICK(WEEKDAYS));
}

static void place(sb *b, const ctx *x)
{
    const country *c = ctx_country(x);
    switch (below(9)) {
    case 0: sb_wf(b, "in %s", c->city[below(4)]); break;
    case 1: sb_wf(b, "near the town of %s", c->city[below(4)]); break;
    case 2: sb_wf(b, "in %s's %s %s region", c->name, PICK(DIRECTIONS), chance(50) ? "border" : "frontier"); break;
    case 3: sb_wf(b, "in %s province", c->region); break;
    case 4: sb_wf(b, "on the outskirts of %s", c->city[below(4)]); break;
    case 5: sb_wf(b, "along the border with %s", x->c2->name); break;
    case 6: sb_wf(b, "in %s %s", PICK(DIRECTIONS), c->name); break;
    case 7: sb_wf(b, "in the %s capital", c->adj); break;
    default: sb_wf(b, "about %d kilometers from %s", range(5, 120), c->city[below(4)]); break;
    }
}

/* A named person with a title, e.g. "Georgian Foreign Minister Levan Beridze". */
static void person(sb *b, const ctx *x)
{
    if (chance(35)) {
        /* the article's recurring official */
        if (x->named && chance(60))
            sb_w(b, strrchr(x->name1, ' ') + 1);
        else
            sb_wf(b, "%s %s %s", x->c->adj, x->title1, x->name1);
        return;
    }
    const country *c = ctx_country(x);
    const char *t = PICK(TITLES);
    if (t[0] >= 'a' && t[0] <= 'z')
        sb_wf(b, "%s %s %s %s", c->adj, t, PICK(FIRST), PICK(LAST));
    else if (chance(50))
        sb_wf(b, "%s %s %s", t, PICK(FIRST), PICK(LAST));
    else
        sb_wf(b, "%s %s %s %s", c->adj, t, PICK(FIRST), PICK(LAST));
}

/* A state actor as subject. plural: set to 1 when the NP is plural. */
static void state_actor(sb *b, const ctx *x, int *plural)
{
    const country *c = ctx_country(x);
    *plural = 0;
    switch (below(12)) {
    case 0: sb_wf(b, "the %s government", c->adj); break;
    case 1: sb_w(b, c->capital); break;
    case 2: sb_wf(b, "%s officials", c->adj); *plural = 1; break;
    case 3: sb_wf(b, "the %s %s ministry", c->adj, ONE_OF("foreign", "defense", "interior", "health", "finance")); break;
    case 4: person(b, x); break;
    case 5: sb_wf(b, "%s's %s", c->name, ONE_OF("president", "prime minister", "army", "parliament", "security council", "foreign minister")); break;
    case 6: sb_wf(b, "the %s army", c->adj); break;
    case 7: sb_wf(b, "%s troops", c->adj); *plural = 1; break;
    case 8: sb_wf(b, "%s security forces", c->adj); *plural = 1; break;
    case 9: sb_w(b, c->name); break;
    case 10: sb_wf(b, "%s %s", c->adj, ONE_OF("police", "authorities", "border guards", "special forces")); *plural = 1; break;
    default: sb_w(b, PICK(ORGS)); break;
    }
}

/* Armed forces of a state: for attacks and troop movements. */
static void state_force(sb *b, const ctx *x, int *plural)
{
    const country *c = ctx_country(x);
    *plural = 1;
    switch (below(7)) {
    case 0: sb_wf(b, "the %s army", c->adj); *plural = 0; break;
    case 1: sb_wf(b, "%s troops", c->adj); break;
    case 2: sb_wf(b, "%s security forces", c->adj); break;
    case 3: sb_wf(b, "%s warplanes", c->adj); break;
    case 4: sb_wf(b, "%s special forces", c->adj); break;
    case 5: sb_wf(b, "the %s navy", c->adj); *plural = 0; break;
    default: sb_wf(b, "%s's %s", c->name, ONE_OF("armed forces", "border guards", "national guard")); *plural = 1; break;
    }
}

static void armed_actor(sb *b, const ctx *x, int *plural)
{
    *plural = 1;
    switch (below(8)) {
    case 0: sb_w(b, x->group->name); *plural = x->group->plural; break;
    case 1: sb_wf(b, "%s %s", x->group->mod, PICK(FIGHTERS)); break;
    case 2: sb_wf(b, "suspected %s %s", x->group->mod, PICK(FIGHTERS)); break;
    case 3: sb_wf(b, "%s %s", chance(50) ? "unidentified" : "heavily armed", PICK(FIGHTERS)); break;
    case 4: sb_wf(b, "%s forces", x->c2->adj); break;
    case 5: sb_wf(b, "pro-%s militias", x->c2->adj); break;
    case 6: sb_wf(b, "%s %s", chance(50) ? "separatist" : "Islamist", PICK(FIGHTERS)); break;
    default: {
        const group *g = &PICK(GROUPS);
        sb_w(b, g->name);
        *plural = g->plural;
        break;
    }
    }
}

/* ---- Clauses (no final punctuation, no capitalisation) ---- */

enum { T_PAST, T_PERF, T_PLUPERF, T_PROG, T_PRES, T_FUT, T_MODAL, T_PASSIVE, T_NEG };

static const char *be_past(int pl) { return pl ? "were" : "was"; }
static const char *have_pres(int pl) { return pl ? "have" : "has"; }

/* Verb group for verb v in a tense; subject number pl. */
static void vgroup(sb *b, const verb *v, int tense, int pl)
{
    switch (tense) {
    case T_PAST: sb_w(b, v->past); break;
    case T_PERF:
        sb_w(b, have_pres(pl));
        if (chance(20))
            sb_w(b, PICK(ADV_INNER));
        sb_w(b, v->pp);
        break;
    case T_PLUPERF: sb_w(b, "had"); sb_w(b, v->pp); break;
    case T_PROG: sb_w(b, chance(50) ? be_past(pl) : (pl ? "are" : "is")); sb_w(b, v->ing); break;
    case T_PRES: sb_w(b, pl ? v->base : v->s3); break;
    case T_FUT: sb_w(b, "will"); sb_w(b, v->base); break;
    case T_MODAL:
        sb_w(b, ONE_OF("could", "would", "may", "might", "must", "should", "can", "will"));
        if (chance(25)) {
            sb_w(b, "have");
            sb_w(b, v->pp);
        } else
            sb_w(b, v->base);
        break;
    case T_NEG:
        switch (below(6)) {
        case 0: sb_w(b, "did not"); sb_w(b, v->base); break;
        case 1: sb_w(b, have_pres(pl)); sb_w(b, "never"); sb_w(b, v->pp); break;
        case 2: sb_w(b, "won't"); sb_w(b, v->base); break;
        case 3: sb_w(b, "didn't"); sb_w(b, v->base); break;
        case 4: sb_w(b, "would not"); sb_w(b, v->base); break;
        default: sb_w(b, have_pres(pl)); sb_w(b, "not yet"); sb_w(b, v->pp); break;
        }
        break;
    default: sb_w(b, v->past); break;
    }
}

static int rand_tense(void)
{
    static const int w[] = {T_PAST, T_PAST, T_PAST, T_PAST, T_PERF, T_PERF, T_PLUPERF,
                            T_PROG, T_PRES, T_FUT, T_MODAL, T_NEG};
    return w[below((unsigned)COUNT(w))];
}

/* A tail that lengthens a clause. */
static void tail(sb *b, const ctx *x)
{
    switch (below(10)) {
    case 0: sb_w(b, ", killing"); num_casualties(b); sb_w(b, PICK(VICTIMS)); break;
    case 1: sb_w(b, ", wounding"); num_casualties(b); sb_w(b, "others"); break;
    case 2: sb_wf(b, "despite a ceasefire agreed %s", chance(50) ? "last month" : "in the spring"); break;
    case 3: sb_wf(b, "amid rising tensions with %s", x->c2->name); break;
    case 4: sb_w(b, "in what officials described as the worst violence in years"); break;
    case 5: sb_wf(b, "for the %s time this %s", ONE_OF("second", "third", "fourth", "fifth"), chance(50) ? "month" : "year"); break;
    case 6: sb_wf(b, "as part of a wider offensive against %s", x->group->name); break;
    case 7: sb_wf(b, ", forcing %s families to flee", chance(50) ? "hundreds of" : "thousands of"); break;
    case 8: sb_w(b, "shortly after midnight"); break;
    default: sb_wf(b, "ahead of talks in %s", x->c2->capital); break;
    }
}

/* A tail that fits any clause (no casualties). */
static void tail_soft(sb *b, const ctx *x)
{
    switch (below(6)) {
    case 0: sb_wf(b, "amid rising tensions with %s", x->c2->name); break;
    case 1: sb_wf(b, "ahead of talks in %s", x->c2->capital); break;
    case 2: sb_wf(b, "despite pressure from %s", PICK(WORLD_POWERS)); break;
    case 3: sb_wf(b, "as %s called for calm", PICK(ORGS)); break;
    case 4: sb_w(b, "according to a statement released later in the day"); break;
    default: sb_wf(b, "days before a scheduled visit by %s", PICK(ORGS)); break;
    }
}

static void clause_attack(sb *b, const ctx *x, int tense)
{
    const verb *v = &PICK(ATTACK_V);
    int pl;
    if (chance(22)) {
        /* passive: "a military convoy was ambushed by ..." */
        const char *t = PICK(TARGETS);
        int tp = strncmp(t, "several", 7) == 0 || strcmp(t, "government buildings") == 0;
        sb_w(b, t);
        if (tense == T_FUT) {
            sb_w(b, "will be");
        } else if (tense == T_MODAL) {
            sb_w(b, ONE_OF("could", "may", "might", "would"));
            sb_w(b, "be");
        } else if (chance(50)) {
            sb_w(b, be_past(tp));
            if (chance(30))
                sb_w(b, PICK(ADV_INNER));
        } else {
            sb_w(b, have_pres(tp));
            sb_w(b, "been");
        }
        sb_w(b, v->pp);
        sb_w(b, "by");
        armed_actor(b, x, &pl);
        if (chance(70))
            place(b, x);
        return;
    }
    if (chance(70))
        armed_actor(b, x, &pl);
    else
        state_force(b, x, &pl);
    vgroup(b, v, tense, pl);
    sb_w(b, PICK(TARGETS));
    if (chance(70))
        place(b, x);
    if (chance(40))
        sb_w(b, PICK(MEANS));
    if (chance(55) && tense != T_PERF)
        timex(b, x, tense == T_FUT);
    if (chance(45))
        tail(b, x);
}

static void clause_casualty(sb *b, const ctx *x)
{
    switch (below(4)) {
    case 0:
        sb_w(b, chance(50) ? "at least" : "more than");
        num_casualties(b);
        sb_w(b, PICK(VICTIMS));
        sb_w(b, chance(60) ? "were killed" : (chance(50) ? "were reportedly killed" : "have been killed"));
        if (chance(50)) {
            sb_w(b, "and");
            num_casualties(b);
            sb_w(b, "others wounded");
        }
        sb_wf(b, "in %s", ONE_OF("the attack", "the fighting", "an airstrike", "a suicide bombing", "the explosion", "clashes", "heavy shelling", "a drone strike"));
        place(b, x);
        if (chance(60))
            timex(b, x, 0);
        break;
    case 1:
        sb_w(b, "the death toll from");
        sb_w(b, ONE_OF("the attack", "last week's bombing", "the earthquake", "the floods", "the siege"));
        sb_w(b, chance(50) ? "rose to" : "has risen to");
        sb_wf(b, "%d", range(12, 900));
        if (chance(50))
            place(b, x);
        break;
    case 2:
        sb_w(b, "the fighting has killed");
        num_count(b);
        sb_w(b, "people and displaced");
        if (chance(70))
            sb_wf(b, "%d,%03d", range(2, 900), range(0, 99) * 10);
        else
            sb_wf(b, "%d.%d million", range(1, 6), range(1, 9));
        sb_w(b, "more");
        if (chance(50))
            sb_wf(b, "since it began in %d", x->year - range(1, 10));
        break;
    default:
        num_people_x(b, 1, 0);
        sb_w(b, PICK(VICTIMS));
        sb_w(b, ONE_OF("were abducted", "were wounded", "remain missing", "were detained", "were taken hostage", "were rescued"));
        place(b, x);
        if (chance(50))
            timex(b, x, 0);
        break;
    }
}

static void clause_diplomacy(sb *b, const ctx *x, int tense)
{
    int pl;
    switch (below(5)) {
    case 0:
        person(b, x);
        sb_w(b, tense == T_FUT ? "will meet" : (tense == T_PROG ? "is meeting" : "met"));
        person(b, x);
        sb_wf(b, "in %s", chance(50) ? x->c2->capital : ONE_OF("Geneva", "Vienna", "Doha", "Istanbul", "Brussels", "Abu Dhabi", "Oslo", "Jeddah", "Addis Ababa", "New York"));
        if (chance(60))
            timex(b, x, tense == T_FUT);
        sb_wf(b, "to discuss %s", PICK(TOPICS));
        if (chance(60))
            sb_wf(b, "and %s", PICK(TOPICS));
        break;
    case 1: {
        const verb *v = &PICK(COOP_V);
        state_actor(b, x, &pl);
        if (chance(40)) {
            sb_w(b, "and");
            sb_w(b, chance(50) ? x->c2->name : PICK(WORLD_POWERS));
            pl = 1;
        }
        vgroup(b, v, tense, pl);
        sb_w(b, PICK(DEALS));
        if (chance(50))
            timex(b, x, tense == T_FUT);
        if (chance(30))
            sb_wf(b, "after %s of talks mediated by %s", ONE_OF("months", "weeks", "two days", "years"), PICK(WORLD_POWERS));
        break;
    }
    case 2: {
        const verb *v = &PICK(CONDEMN_V);
        sb_w(b, chance(50) ? x->org : PICK(ORGS));
        vgroup(b, v, tense, 0);
        sb_w(b, ONE_OF("the attack", "the killing of civilians", "the arrests", "the coup", "the missile launch", "the annexation", "the crackdown", "the blockade", "the use of force against protesters"));
        if (chance(50))
            place(b, x);
        if (chance(40))
            sb_wf(b, "and called for %s", ONE_OF("an immediate ceasefire", "restraint", "a full investigation", "the release of all detainees", "dialogue", "unhindered humanitarian access"));
        break;
    }
    case 3:
        sb_w(b, x->c->subj);
        sb_w(b, ONE_OF("recalled its ambassador from", "expelled two diplomats from", "restored diplomatic relations with", "closed its border with", "reopened its embassy in", "suspended flights to"));
        sb_w(b, chance(70) ? x->c2->name : PICK(WORLD_POWERS));
        if (chance(50))
            timex(b, x, 0);
        if (chance(40))
            sb_wf(b, "over %s", ONE_OF("a spying scandal", "the border dispute", "comments by its foreign minister", "the treatment of its citizens", "the shelling of border villages"));
        break;
    default:
        sb_w(b, PICK(WORLD_POWERS));
        sb_w(b, ONE_OF("pledged", "announced", "approved", "promised"));
        sb_wf(b, "$%d.%d %s in %s aid to", range(1, 9), range(1, 9), chance(70) ? "million" : "billion", ONE_OF("military", "humanitarian", "economic", "reconstruction"));
        sb_w(b, x->c->name);
        if (chance(40)) {
            sb_w(b, ", including");
            sb_w(b, PICK(ARMS));
            sb_w(b, "and");
            sb_w(b, PICK(ARMS));
        }
        break;
    }
}

static void clause_sanctions(sb *b, const ctx *x, int tense)
{
    const country *c = ctx_country(x);
    sb_w(b, ONE_OF("the European Union", "the United States", "Britain", "Canada", "Japan", "the U.S. Treasury", "Switzerland", "Australia"));
    if (tense == T_FUT || tense == T_MODAL)
        sb_w(b, ONE_OF("will impose", "is preparing", "could impose", "plans to impose", "is expected to announce"));
    else
        sb_w(b, ONE_OF("imposed", "announced", "extended", "has imposed", "unveiled", "approved"));
    sb_w(b, ONE_OF("new sanctions on", "fresh sanctions against", "asset freezes and travel bans on", "sanctions on"));
    switch (below(4)) {
    case 0: sb_wf(b, "%d %s officials", range(2, 60), c->adj); break;
    case 1: sb_wf(b, "%s's %s", c->name, ONE_OF("central bank", "defense industry", "state oil company", "top military commanders", "interior minister")); break;
    case 2: sb_w(b, x->group->name); break;
    default: sb_wf(b, "%s companies and", PICK(SMALL_NUM)); num_count(b); sb_w(b, "individuals"); break;
    }
    sb_w(b, PICK(SANCTION_REASONS));
    if (chance(40) && tense != T_FUT && tense != T_MODAL)
        timex(b, x, 0);
}

static void clause_protest(sb *b, const ctx *x)
{
    const country *c = ctx_country(x);
    if (chance(50)) {
        num_people_x(b, 1, 0);
        sb_w(b, ONE_OF("protesters", "demonstrators", "students", "opposition supporters", "workers", "women"));
        sb_w(b, ONE_OF("gathered", "marched", "rallied", "took to the streets"));
        sb_wf(b, "in %s", chance(60) ? c->capital : c->city[below(4)]);
        if (chance(60))
            timex(b, x, 0);
        sb_wf(b, "to demand %s", PICK(DEMANDS));
        if (chance(50)) {
            sb_w(b, ", and");
            sb_w(b, PICK(POLICE_ACTIONS));
        }
    } else {
        sb_w(b, PICK(POLICE_ACTIONS));
        sb_wf(b, "in %s", c->capital);
        if (chance(50))
            timex(b, x, 0);
        sb_w(b, "as");
        num_people_x(b, 0, 0);
        sb_w(b, "people protested against");
        sb_w(b, ONE_OF("the disputed election results", "rising fuel prices", "the new foreign agents law", "the arrest of an opposition leader", "the government's handling of the war", "the postponement of the vote"));
    }
}

static void clause_election(sb *b, const ctx *x)
{
    if (chance(60)) {
        sb_w(b, PICK(PARTIES));
        sb_w(b, ONE_OF("won", "secured", "received", "took"));
        decimal(b);
        sb_w(b, "percent of the vote in");
        sb_w(b, x->c->name);
        sb_putc(b, '\'');
        if (x->c->name[strlen(x->c->name) - 1] != 's')
            sb_putc(b, 's');
        sb_w(b, strip_det(PICK(ELECTIONS)));
        if (chance(50)) {
            sb_w(b, ", with turnout at");
            sb_wf(b, "%d.%d", range(28, 79), range(0, 9));
            sb_w(b, "percent");
        }
    } else {
        sb_wf(b, "%s electoral commission", chance(50) ? "the" : "the country's");
        sb_w(b, ONE_OF("postponed", "certified the results of", "annulled", "ordered a recount in", "announced the date of"));
        sb_w(b, PICK(ELECTIONS));
        if (chance(50))
            sb_wf(b, "in %d of the country's %d districts", range(2, 30), range(31, 120));
    }
}

static void clause_aid(sb *b, const ctx *x)
{
    const country *c = ctx_country(x);
    switch (below(3)) {
    case 0:
        sb_w(b, ONE_OF("the World Food Programme", "the U.N. refugee agency", "UNICEF", "the Red Cross", "aid agencies", "a convoy of 40 trucks"));
        sb_w(b, ONE_OF("delivered", "has delivered", "distributed", "airlifted"));
        if (chance(60))
            sb_wf(b, "%d", range(20, 999));
        else
            sb_wf(b, "%d,%03d", range(1, 12), range(0, 99) * 10);
        sb_wf(b, "tonnes of %s to", PICK(AID_GOODS));
        sb_w(b, c->city[below(4)]);
        if (chance(50)) {
            sb_w(b, ", where");
            num_people_x(b, 0, 1);
            sb_w(b, ONE_OF("people face acute hunger", "families are sheltering in schools", "displaced people live in makeshift camps", "residents have been without power for weeks"));
        }
        break;
    case 1:
        sb_w(b, "aid agencies");
        sb_w(b, chance(50) ? "warned" : "said");
        sb_wf(b, "that %s could run out of %s within %s", ONE_OF("hospitals", "camps for displaced people", "bakeries", "water stations"), PICK(AID_GOODS), ONE_OF("days", "a week", "two weeks", "a month"));
        break;
    default:
        sb_w(b, "the U.N. says");
        decimal(b);
        sb_w(b, "million people in");
        sb_w(b, c->name);
        sb_w(b, ONE_OF("need humanitarian assistance", "face severe food shortages", "have been forced from their homes", "lack access to clean water"));
        break;
    }
}

static void clause_economy(sb *b, const ctx *x)
{
    const country *c = ctx_country(x);
    sb_wf(b, "%s's", c->name);
    sb_w(b, PICK(ECON_SUBJ));
    sb_w(b, ONE_OF("rose", "fell", "grew", "shrank", "jumped", "slowed", "climbed"));
    sb_w(b, chance(50) ? "by" : "to");
    decimal(b);
    sb_w(b, "percent");
    sb_wf(b, "in the %s quarter", ONE_OF("first", "second", "third", "fourth"));
    if (chance(40))
        sb_wf(b, "as %s", ONE_OF("the war disrupted trade routes", "sanctions cut off access to foreign markets", "energy prices soared", "the currency lost a third of its value"));
}

static void clause_military(sb *b, const ctx *x, int tense)
{
    int pl, fut = 0;
    if (chance(50))
        state_force(b, x, &pl);
    else
        state_actor(b, x, &pl);
    switch (below(5)) {
    case 0:
        if (tense == T_FUT) {
            sb_w(b, "will deploy");
            fut = 1;
        }
        else if (chance(50))
            sb_w(b, "deployed");
        else {
            sb_w(b, have_pres(pl));
            sb_w(b, "deployed");
        }
        num_count(b);
        sb_w(b, ONE_OF("troops", "soldiers", "police officers", "peacekeepers", "special forces"));
        sb_wf(b, "to %s", x->c->region);
        break;
    case 1:
        sb_w(b, ONE_OF("withdrew from", "pulled back from", "advanced toward", "regained control of", "retreated from", "encircled"));
        sb_w(b, ctx_country(x)->city[below(4)]);
        if (chance(50)) {
            sb_w(b, "after");
            sb_w(b, ONE_OF("days of heavy fighting", "a two-week siege", "fierce clashes", "a surprise offensive", "negotiations with local elders"));
        }
        break;
    case 2:
        if (chance(30))
            sb_w(b, pl ? "said they destroyed" : "said it destroyed");
        else
            sb_w(b, ONE_OF("intercepted", "shot down"));
        sb_wf(b, "%d", range(2, 90));
        sb_w(b, ONE_OF("drones", "missiles", "rockets", "attack drones"));
        sb_w(b, "launched from");
        sb_w(b, x->c2->name);
        break;
    case 3:
        sb_w(b, ONE_OF("began", "launched", "held", "announced"));
        sb_w(b, ONE_OF("large-scale military exercises", "joint naval drills", "a counteroffensive", "a mobilization of reservists", "air patrols"));
        place(b, x);
        break;
    default:
        sb_w(b, ONE_OF("received", "ordered", "took delivery of", "requested"));
        sb_wf(b, "%d", range(2, 120));
        sb_w(b, PICK(ARMS));
        sb_wf(b, "from %s", PICK(WORLD_POWERS));
        break;
    }
    if (chance(35))
        timex(b, x, fut);
    if (chance(20))
        tail(b, x);
}

static void core_clause(sb *b, const ctx *x, int tense)
{
    unsigned r = below(100);
    if (r < 30)
        clause_attack(b, x, tense);
    else if (r < 42) {
        clause_casualty(b, x);
        if (chance(35))
            sb_w(b, ONE_OF("despite a ceasefire agreed last month", "as fighting intensified across the region",
                           "in one of the deadliest attacks this year", "hours before talks were due to begin",
                           "after a week of relative calm", "as rescue teams searched the rubble"));
    }
    else if (r < 58)
        clause_diplomacy(b, x, tense);
    else if (r < 66)
        clause_sanctions(b, x, tense);
    else if (r < 74)
        clause_protest(b, x);
    else if (r < 80)
        clause_election(b, x);
    else if (r < 87)
        clause_aid(b, x);
    else if (r < 91)
        clause_economy(b, x);
    else
        clause_military(b, x, tense);
}

/* A clause whose verb honors tense (for conditionals). */
static void tensed_clause(sb *b, const ctx *x, int tense)
{
    unsigned r = below(100);
    if (r < 50)
        clause_attack(b, x, tense);
    else if (r < 80)
        clause_diplomacy(b, x, tense);
    else
        clause_military(b, x, tense);
}

/* A person who can be quoted directly. */
static void quotable(sb *b, ctx *x)
{
    unsigned r = below(100);
    if (r < 25 && !x->named) {
        if (chance(50))
            sb_wf(b, "%s, the %s %s,", x->name1, x->c->adj, x->role1);
        else
            sb_wf(b, "%s, %s's %s,", x->name1, x->c->name, x->role1);
        x->named = 1;
    } else if (r < 45) {
        sb_wf(b, "%s %s", PICK(FIRST), PICK(LAST));
        sb_wf(b, ", %s %s for %s,", chance(50) ? "a" : "the", ONE_OF("spokesman", "spokeswoman", "senior adviser", "researcher", "regional director", "commander", "country director"), chance(50) ? PICK(ORGS) : x->group->name);
    } else if (r < 60) {
        sb_wf(b, "a %s who asked not to be named", ONE_OF("senior official", "diplomat", "military source", "resident", "local commander"));
    } else {
        person(b, x);
    }
}

/* A speaker NP with an optional apposition; returns after the NP. */
static void speaker(sb *b, ctx *x)
{
    unsigned r = below(100);
    if (r < 20 && !x->named) {
        /* first full mention with an apposition */
        if (chance(50))
            sb_wf(b, "%s, the %s %s,", x->name1, x->c->adj, x->role1);
        else
            sb_wf(b, "%s, %s's %s,", x->name1, x->c->name, x->role1);
        x->named = 1;
        return;
    }
    if (r < 35) {
        sb_wf(b, "%s %s", PICK(FIRST), PICK(LAST));
        if (chance(50)) {
            sb_wf(b, ", the %s %s,", ctx_country(x)->adj, PICK(ROLES));
            return;
        }
        sb_wf(b, ", a %s for %s,", ONE_OF("spokesman", "spokeswoman", "senior adviser", "researcher", "regional director", "commander"), chance(50) ? PICK(ORGS) : x->group->name);
        return;
    }
    if (r < 55) {
        person(b, x);
        return;
    }
    if (r < 70) {
        sb_w(b, chance(50) ? x->org : PICK(ORGS));
        return;
    }
    int pl;
    if (r < 88)
        state_actor(b, x, &pl);
    else
        sb_wf(b, "a spokesman for %s", x->group->name);
}

/* ---- Sentences ---- */

static void capitalize(sb *s, size_t from)
{
    for (size_t i = from; i < s->n; i++) {
        unsigned char c = (unsigned char)s->p[i];
        if (c == '"' || c == ' ')
            continue;
        if (c == 0xE2) /* curly quote: skip its three bytes */
        {
            i += 2;
            continue;
        }
        if (c >= 'a' && c <= 'z')
            s->p[i] = (char)(c - 'a' + 'A');
        return;
    }
}

/* Collapse " ," into "," that the clause builders may leave behind. */
static void fix_spaces(sb *s, size_t from)
{
    size_t w = from;
    for (size_t i = from; i < s->n; i++) {
        if (s->p[i] == ' ' && i + 1 < s->n && (s->p[i + 1] == ',' || s->p[i + 1] == ' '))
            continue;
        s->p[w++] = s->p[i];
    }
    s->n = w;
    s->p[w] = '\0';
}

static void open_quote(sb *b, int curly)
{
    sb_put(b, curly ? "\xE2\x80\x9C" : "\"");
}

static void close_quote(sb *b, int curly)
{
    sb_put(b, curly ? "\xE2\x80\x9D" : "\"");
}

static void sentence_once(sb *b, ctx *x)
{
    size_t s0 = b->n;
    unsigned r = below(100);
    int tense = rand_tense();

    if (r < 26) {
        /* plain clause, sometimes coordinated with a second one */
        if (chance(45))
            sb_w(b, ONE_OF("meanwhile,", "in a separate incident,", "earlier,", "separately,",
                           "in a statement on its website,", "in the latest escalation,",
                           "on the diplomatic front,", "elsewhere in the country,",
                           "in recent weeks,", "in response,", "later in the day,",
                           "despite international pressure,"));
        core_clause(b, x, tense);
        if (chance(28)) {
            sb_w(b, ", and");
            core_clause(b, x, T_PAST);
        } else if (chance(45))
            tail_soft(b, x);
        sb_put(b, ".");
    } else if (r < 44) {
        /* reported speech: "X said (that) ..." */
        int adjunct = 0;
        speaker(b, x);
        sb_w(b, PICK(REPORT_V));
        if (chance(45)) {
            timex(b, x, 0);
            adjunct = 1;
        }
        if (chance(20)) {
            sb_w(b, chance(50) ? "in a statement" : "on social media");
            adjunct = 1;
        }
        if (adjunct || chance(45))
            sb_w(b, "that");
        core_clause(b, x, tense == T_PRES ? T_PAST : tense);
        if (chance(25))
            tail_soft(b, x);
        sb_put(b, ".");
    } else if (r < 52) {
        /* trailing attribution: "..., officials said." */
        core_clause(b, x, tense);
        if (chance(30))
            tail_soft(b, x);
        sb_w(b, ",");
        if (chance(50)) {
            sb_w(b, PICK(SAYERS));
            sb_w(b, "said");
        } else {
            sb_w(b, "said");
            speaker(b, x);
            if (b->p[b->n - 1] == ',')
                b->n--;
        }
        sb_put(b, ".");
    } else if (r < 58) {
        /* according to */
        if (chance(60)) {
            sb_wf(b, "according to %s,", PICK(SOURCES));
            core_clause(b, x, tense);
        } else {
            core_clause(b, x, tense);
            sb_wf(b, ", according to %s", PICK(SOURCES));
        }
        sb_put(b, ".");
    } else if (r < 64) {
        /* conditional */
        int pl;
        if (chance(50)) {
            sb_w(b, chance(75) ? "if" : "unless");
            state_actor(b, x, &pl);
            {
                static const char *const sg[] = {"continues the offensive", "refuses to negotiate", "resumes the blockade", "walks away from the talks", "blocks aid deliveries", "violates the truce again"};
                static const char *const pl_[] = {"continue the offensive", "refuse to negotiate", "resume the blockade", "walk away from the talks", "block aid deliveries", "violate the truce again"};
                sb_w(b, pl ? PICK(pl_) : PICK(sg));
            }
            sb_w(b, ",");
            tensed_clause(b, x, T_FUT);
        } else {
            tensed_clause(b, x, chance(50) ? T_FUT : T_MODAL);
            sb_w(b, chance(70) ? "if" : "unless");
            sb_w(b, ONE_OF("the talks fail", "the ceasefire collapses", "the sanctions are lifted", "the border is reopened", "the rebels lay down their arms", "no agreement is reached by Friday", "the funding gap is closed"));
        }
        sb_put(b, ".");
    } else if (r < 71) {
        /* adverbial clause */
        const char *sub = ONE_OF("after", "before", "while", "because", "when", "since");
        if (chance(50)) {
            sb_w(b, sub);
            core_clause(b, x, T_PAST);
            sb_w(b, ",");
            core_clause(b, x, T_PAST);
        } else {
            core_clause(b, x, T_PAST);
            sb_w(b, sub);
            core_clause(b, x, T_PLUPERF);
        }
        sb_put(b, ".");
    } else if (r < 79) {
        /* direct quote */
        int curly = chance(50);
        open_quote(b, curly);
        sb_put(b, PICK(QUOTES));
        sb_put(b, ",");
        close_quote(b, curly);
        if (chance(50)) {
            sb_w(b, "said");
            quotable(b, x);
            if (b->p[b->n - 1] == ',')
                b->n--;
        } else {
            quotable(b, x);
            sb_w(b, chance(50) ? "told reporters" : "said");
            if (chance(60))
                sb_wf(b, "in %s", x->c->capital);
            if (chance(30))
                timex(b, x, 0);
        }
        sb_put(b, ".");
    } else if (r < 85) {
        /* relative clause on the subject */
        const group *g = x->group;
        static const char *const rel_sg[] = {"controls much of", "has been fighting the government in", "emerged in", "operates across", "has long been active in"};
        static const char *const rel_pl[] = {"control much of", "have been fighting the government in", "emerged in", "operate across", "have long been active in"};
        static const char *const main_sg[] = {"has denied involvement in", "claimed responsibility for", "has not commented on", "has previously carried out", "denied any role in"};
        static const char *const main_pl[] = {"have denied involvement in", "claimed responsibility for", "have not commented on", "have previously carried out", "denied any role in"};
        sb_w(b, g->name);
        sb_w(b, ", which");
        sb_w(b, g->plural ? PICK(rel_pl) : PICK(rel_sg));
        sb_wf(b, "%s %s,", x->c->region, chance(50) ? "province" : "region");
        sb_w(b, g->plural ? PICK(main_pl) : PICK(main_sg));
        sb_w(b, ONE_OF("the attack", "similar attacks", "the kidnapping", "the bombing", "the ambush", "the killing of two aid workers"));
        if (chance(40))
            place(b, x);
        if (chance(40))
            timex(b, x, 0);
        sb_put(b, ".");
    } else if (r < 90) {
        /* coordination of three countries */
        const country *a, *c2;
        do
            a = rand_country();
        while (a == x->c);
        do
            c2 = rand_country();
        while (c2 == x->c || c2 == a);
        sb_wf(b, "%s, %s and %s", x->c->subj, a->name, c2->name);
        sb_w(b, ONE_OF("agreed to", "pledged to", "are expected to", "refused to", "have been unable to"));
        sb_w(b, ONE_OF("coordinate their response to", "share intelligence on", "open a joint investigation into", "hold talks on", "send observers to monitor"));
        sb_w(b, PICK(TOPICS));
        if (chance(50))
            timex(b, x, 0);
        sb_put(b, ".");
    } else if (r < 96) {
        /* background with a relative clause and a long tail */
        sb_w(b, ONE_OF("the conflict", "the war", "the insurgency", "the crisis", "the standoff"));
        sb_wf(b, ", which began in %d when %s", x->year - range(2, 14), PICK(GROUPS).name);
        sb_w(b, ONE_OF("seized", "attacked", "overran", "took control of"));
        sb_w(b, x->c->city[below(4)]);
        sb_w(b, ", has killed");
        num_count(b);
        sb_w(b, "people and forced");
        if (chance(70))
            sb_wf(b, "%d,%03d", range(2, 900), range(0, 99) * 10);
        else
            sb_wf(b, "%d.%d million", range(1, 6), range(1, 9));
        sb_w(b, "people to flee their homes");
        if (chance(50)) {
            sb_wf(b, ", according to %s", PICK(SOURCES));
            if (chance(50))
                sb_wf(b, "and %s", PICK(SOURCES));
        }
        sb_put(b, ".");
    } else {
        sb_w(b, PICK(FOLLOWUPS));
    }

    fix_spaces(b, s0);
    capitalize(b, s0);
}

/* One sentence; a sentence of more than MAX_WORDS words is drawn again, so
 * lengths stay in a news-like range (a few reach 55-62 tokens). */
#define MAX_WORDS 58

static void sentence(sb *b, ctx *x)
{
    size_t s0 = b->n;
    for (int tries = 0; tries < 8; tries++) {
        b->n = s0;
        b->p[s0] = '\0';
        sentence_once(b, x);
        int words = 1;
        for (size_t i = s0; i < b->n; i++)
            words += b->p[i] == ' ';
        if (words <= MAX_WORDS)
            return;
    }
}

/* ---- Articles ---- */

static void headline(sb *b, const ctx *x)
{
    size_t s0 = b->n;
    switch (below(8)) {
    case 0: sb_wf(b, "%s %s %s in %s %s", PICK(FIGHTERS), ONE_OF("attack", "seize", "storm", "raid"), ONE_OF("army base", "checkpoint", "town", "convoy", "police station"), PICK(DIRECTIONS), x->c->name); break;
    case 1: sb_wf(b, "%s and %s agree to %s", x->c->subj, x->c2->name, ONE_OF("ceasefire", "prisoner swap", "new talks", "reopen border", "restore ties")); break;
    case 2: sb_wf(b, "%s imposes new sanctions on %s", ONE_OF("EU", "U.S.", "Britain", "Japan"), x->c->name); break;
    case 3: sb_wf(b, "Thousands protest in %s over %s", x->c->capital, ONE_OF("election result", "fuel prices", "arrests", "new law", "war")); break;
    case 4: sb_wf(b, "At least %d killed in %s %s", range(3, 80), x->c->adj, ONE_OF("bombing", "airstrike", "clashes", "ambush", "attack")); break;
    case 5: sb_wf(b, "%s warns %s over %s", x->c->subj, x->c2->name, PICK(TOPICS)); break;
    case 6: sb_wf(b, "UPDATE %d-%s %s %s in %s", range(1, 4), x->c->adj, ONE_OF("troops", "rebels", "police", "officials"), ONE_OF("clash", "regroup", "advance", "meet"), x->c->city[below(4)]); break;
    default: sb_wf(b, "Aid agencies warn of %s in %s", ONE_OF("famine", "cholera outbreak", "fuel shortages", "mass displacement"), x->c->region); break;
    }
    capitalize(b, s0);
}

static void dateline(sb *b, const ctx *x, const char *outlet, int day)
{
    for (const char *p = x->c->capital; *p; p++)
        sb_putc(b, (*p >= 'a' && *p <= 'z') ? (char)(*p - 'a' + 'A') : *p);
    sb_fmt(b, ", %s %d (%s) ", MONTHS_AP[x->month - 1], day, outlet);
    sb_put(b, chance(50) ? "- " : "\xE2\x80\x94 ");
}

typedef struct article {
    sb title, text;
    char id[32], published[40];
    const char *source;
} article;

static int days_in_month(int y, int m)
{
    static const int d[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
        return 29;
    return d[m - 1];
}

static void make_article(article *a, unsigned long idx)
{
    ctx x;
    memset(&x, 0, sizeof x);
    x.c = rand_country();
    do
        x.c2 = rand_country();
    while (x.c2 == x.c);
    x.group = &PICK(GROUPS);
    x.org = PICK(ORGS);
    snprintf(x.namebuf, sizeof x.namebuf, "%s %s", PICK(FIRST), PICK(LAST));
    x.name1 = x.namebuf;
    {
        static const char *const t[] = {"President", "Prime Minister", "Foreign Minister", "Defense Minister", "Interior Minister"};
        static const char *const r[] = {"president", "prime minister", "foreign minister", "defense minister", "interior minister"};
        unsigned k = below((unsigned)COUNT(t));
        x.title1 = t[k];
        x.role1 = r[k];
    }

    /* publication dates advance about one day per 40 articles from 2014-01-01 */
    unsigned long days = idx / 40;
    int y = 2014, m = 1, d = 1;
    while (days > 0) {
        int left = days_in_month(y, m) - d + 1;
        if (days >= (unsigned long)left) {
            days -= (unsigned long)left;
            d = 1;
            if (++m > 12) {
                m = 1;
                y++;
            }
        } else {
            d += (int)days;
            days = 0;
        }
    }
    x.year = y;
    x.month = m;
    snprintf(a->published, sizeof a->published, "%04d-%02d-%02d", y, m, d);
    snprintf(a->id, sizeof a->id, "gc-%07lu", idx + 1);
    a->source = PICK(OUTLETS);

    a->title.n = 0;
    a->text.n = 0;
    sb_reserve(&a->title, 256);
    sb_reserve(&a->text, 8192);
    a->title.p[0] = a->text.p[0] = '\0';
    headline(&a->title, &x);

    int paras = range(4, 12);
    for (int p = 0; p < paras; p++) {
        if (p > 0)
            sb_put(&a->text, "\n\n");
        if (p == 0 && chance(60))
            dateline(&a->text, &x, a->source, d);
        int sents = range(2, 6);
        for (int s = 0; s < sents; s++) {
            if (s > 0)
                sb_putc(&a->text, ' ');
            sentence(&a->text, &x);
        }
    }
}

/* ---- Output ---- */

static size_t put_json_string(FILE *out, const char *s, size_t n)
{
    static const char hex[] = "0123456789abcdef";
    size_t w = 0;
    putc('"', out);
    w++;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        switch (c) {
        case '"': fputs("\\\"", out); w += 2; break;
        case '\\': fputs("\\\\", out); w += 2; break;
        case '\n': fputs("\\n", out); w += 2; break;
        case '\r': fputs("\\r", out); w += 2; break;
        case '\t': fputs("\\t", out); w += 2; break;
        case '\b': fputs("\\b", out); w += 2; break;
        case '\f': fputs("\\f", out); w += 2; break;
        default:
            if (c < 0x20 || c == 0x7F) {
                fputs("\\u00", out);
                putc(hex[c >> 4], out);
                putc(hex[c & 15], out);
                w += 6;
            } else {
                putc((int)c, out);
                w++;
            }
        }
    }
    putc('"', out);
    return w + 1;
}

static void usage(FILE *f)
{
    fputs("usage: gencorpus [MB] [-o FILE] [--jsonl] [--seed N]\n"
          "  writes a deterministic news-like corpus of MB megabytes (default 60)\n", f);
}

int main(int argc, char **argv)
{
    unsigned long mb = 60;
    unsigned long long seed = 1;
    const char *path = NULL;
    int jsonl = 0;

    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "--jsonl") == 0)
            jsonl = 1;
        else if (strcmp(a, "-o") == 0 && i + 1 < argc)
            path = argv[++i];
        else if (strcmp(a, "--seed") == 0 && i + 1 < argc) {
            char *end;
            seed = strtoull(argv[++i], &end, 10);
            if (*end) {
                usage(stderr);
                return 2;
            }
        } else if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
            usage(stdout);
            return 0;
        } else if (a[0] >= '0' && a[0] <= '9') {
            char *end;
            mb = strtoul(a, &end, 10);
            if (*end || mb == 0 || mb > 100000) {
                fputs("gencorpus: MB must be 1..100000\n", stderr);
                return 2;
            }
        } else {
            usage(stderr);
            return 2;
        }
    }

    FILE *out = stdout;
    if (path) {
        out = fopen(path, "wb");
        if (!out) {
            perror(path);
            return 1;
        }
    }
    static char obuf[1 << 20];
    setvbuf(out, obuf, _IOFBF, sizeof obuf);

    rng_seed(seed);
    const unsigned long long target = (unsigned long long)mb * 1000000ULL;
    unsigned long long written = 0;
    article a;
    memset(&a, 0, sizeof a);

    for (unsigned long idx = 0; written < target; idx++) {
        make_article(&a, idx);
        if (jsonl) {
            size_t w = 0;
            fputs("{\"id\":", out);
            w += 6;
            w += put_json_string(out, a.id, strlen(a.id));
            fputs(",\"title\":", out);
            w += 9;
            w += put_json_string(out, a.title.p, a.title.n);
            fputs(",\"text\":", out);
            w += 8;
            w += put_json_string(out, a.text.p, a.text.n);
            fputs(",\"published\":", out);
            w += 13;
            w += put_json_string(out, a.published, strlen(a.published));
            fputs(",\"source\":", out);
            w += 10;
            w += put_json_string(out, a.source, strlen(a.source));
            fputs("}\n", out);
            w += 2;
            written += w;
        } else {
            if (idx > 0) {
                fputs("\n\n", out); /* two blank lines between articles */
                written += 2;
            }
            fwrite(a.title.p, 1, a.title.n, out);
            fputs("\n\n", out);
            fwrite(a.text.p, 1, a.text.n, out);
            fputc('\n', out);
            written += a.title.n + 2 + a.text.n + 1;
        }
        if (ferror(out))
            break;
    }

    free(a.title.p);
    free(a.text.p);
    if (fflush(out) != 0 || ferror(out)) {
        perror("gencorpus: write");
        return 1;
    }
    if (path && fclose(out) != 0) {
        perror(path);
        return 1;
    }
    return 0;
}
