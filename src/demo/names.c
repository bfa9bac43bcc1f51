// SPDX-License-Identifier: GPL-3.0-or-later
/* The names table. Weights lean towards the markets a Lisbon hotel sees
 * (Portugal, Spain, Germany, the UK, the US, Brazil, France) while every
 * script appears often enough to exercise display and search. */
#include "config.h"
#include "demo/names.h"

#define N(a) ((int)(sizeof(a) / sizeof *(a)))

static const struct demo_name pt_f[] = {
    {"Silva", "silva", 0, 0},         {"Santos", "santos", 0, 0}, {"Ferreira", "ferreira", 0, 0},
    {"Gonçalves", "goncalves", 0, 0}, {"Simões", "simoes", 0, 0}, {"Conceição", "conceicao", 0, 0},
    {"Magalhães", "magalhaes", 0, 0}, {"Araújo", "araujo", 0, 0},
};
static const struct demo_given pt_g[] = {
    {"João", "joao", 0},       {"Inês", "ines", 1},     {"Gonçalo", "goncalo", 0}, {"Beatriz", "beatriz", 1},
    {"António", "antonio", 0}, {"Leonor", "leonor", 1}, {"Tomás", "tomas", 0},     {"Mariana", "mariana", 1},
};
static const struct demo_name br_f[] = {
    {"Oliveira", "oliveira", 0, 0}, {"Souza", "souza", 0, 0},       {"Lima", "lima", 0, 0},
    {"Ribeiro", "ribeiro", 0, 0},   {"Carvalho", "carvalho", 0, 0}, {"Nascimento", "nascimento", 0, 0},
};
static const struct demo_given br_g[] = {
    {"Thiago", "thiago", 0},   {"Camila", "camila", 1},   {"Rafael", "rafael", 0},
    {"Larissa", "larissa", 1}, {"Matheus", "matheus", 0}, {"Juliana", "juliana", 1},
};
static const struct demo_name es_f[] = {
    {"García", "garcia", 0, 0},     {"Fernández", "fernandez", 0, 0}, {"López", "lopez", 0, 0},
    {"Martínez", "martinez", 0, 0}, {"Sánchez", "sanchez", 0, 0},     {"Peña", "pena", 0, 0},
    {"Muñoz", "munoz", 0, 0},
};
static const struct demo_given es_g[] = {
    {"José", "jose", 0},     {"María", "maria", 1},   {"Lucía", "lucia", 1}, {"Jesús", "jesus", 0},
    {"Carmen", "carmen", 1}, {"Álvaro", "alvaro", 0}, {"Sofía", "sofia", 1}, {"Andrés", "andres", 0},
};
static const struct demo_name de_f[] = {
    {"Müller", "mueller", 0, 0},  {"Schmidt", "schmidt", 0, 0}, {"Schneider", "schneider", 0, 0},
    {"Fischer", "fischer", 0, 0}, {"Weiß", "weiss", 0, 0},      {"Groß", "gross", 0, 0},
    {"Köhler", "koehler", 0, 0},  {"Becker", "becker", 0, 0},
};
static const struct demo_given de_g[] = {
    {"Jürgen", "juergen", 0}, {"Anna", "anna", 1},    {"Lukas", "lukas", 0}, {"Sophie", "sophie", 1},
    {"Günter", "guenter", 0}, {"Käthe", "kaethe", 1}, {"Jörg", "joerg", 0},  {"Lea", "lea", 1},
};
static const struct demo_name fr_f[] = {
    {"Dubois", "dubois", 0, 0}, {"Lefèvre", "lefevre", 0, 0},     {"Moreau", "moreau", 0, 0},
    {"Girard", "girard", 0, 0}, {"Chevalier", "chevalier", 0, 0}, {"Fontaine", "fontaine", 0, 0},
};
static const struct demo_given fr_g[] = {
    {"François", "francois", 0}, {"Hélène", "helene", 1}, {"Benoît", "benoit", 0},
    {"Chloé", "chloe", 1},       {"Jérôme", "jerome", 0}, {"Élodie", "elodie", 1},
};
static const struct demo_name gb_f[] = {
    {"Smith", "smith", 0, 0}, {"Jones", "jones", 0, 0},      {"Taylor", "taylor", 0, 0},
    {"Brown", "brown", 0, 0}, {"O'Connor", "oconnor", 0, 0}, {"Davies", "davies", 0, 0},
};
static const struct demo_given gb_g[] = {
    {"Oliver", "oliver", 0},       {"Emily", "emily", 1}, {"Harry", "harry", 0},
    {"Charlotte", "charlotte", 1}, {"James", "james", 0}, {"Amelia", "amelia", 1},
};
static const struct demo_name us_f[] = {
    {"Johnson", "johnson", 0, 0}, {"Williams", "williams", 0, 0},   {"Miller", "miller", 0, 0},
    {"Davis", "davis", 0, 0},     {"Rodriguez", "rodriguez", 0, 0}, {"Anderson", "anderson", 0, 0},
};
static const struct demo_given us_g[] = {
    {"Michael", "michael", 0}, {"Jessica", "jessica", 1}, {"David", "david", 0},
    {"Ashley", "ashley", 1},   {"Ryan", "ryan", 0},       {"Sarah", "sarah", 1},
};
static const struct demo_name it_f[] = {
    {"Rossi", "rossi", 0, 0},       {"Russo", "russo", 0, 0},     {"Ferrari", "ferrari", 0, 0},
    {"Esposito", "esposito", 0, 0}, {"Bianchi", "bianchi", 0, 0}, {"Romano", "romano", 0, 0},
};
static const struct demo_given it_g[] = {
    {"Luca", "luca", 0},           {"Giulia", "giulia", 1},   {"Matteo", "matteo", 0},
    {"Francesca", "francesca", 1}, {"Niccolò", "niccolo", 0}, {"Chiara", "chiara", 1},
};
static const struct demo_name nl_f[] = {
    {"de Vries", "devries", 0, 0}, {"van Dijk", "vandijk", 0, 0}, {"Jansen", "jansen", 0, 0},
    {"Bakker", "bakker", 0, 0},    {"Visser", "visser", 0, 0},
};
static const struct demo_given nl_g[] = {
    {"Daan", "daan", 0},
    {"Sanne", "sanne", 1},
    {"Bram", "bram", 0},
    {"Fleur", "fleur", 1},
};
static const struct demo_name no_f[] = {
    {"Ødegaard", "odegaard", 0, 0}, {"Hansen", "hansen", 0, 0}, {"Bjørnstad", "bjornstad", 0, 0},
    {"Løvås", "lovas", 0, 0},       {"Strøm", "strom", 0, 0},
};
static const struct demo_given no_g[] = {
    {"Ingrid", "ingrid", 1}, {"Bjørn", "bjorn", 0},     {"Solveig", "solveig", 1},
    {"Håkon", "hakon", 0},   {"Øystein", "oystein", 0},
};
static const struct demo_name se_f[] = {
    {"Andersson", "andersson", 0, 0}, {"Öberg", "oberg", 0, 0},     {"Lindqvist", "lindqvist", 0, 0},
    {"Åström", "astrom", 0, 0},       {"Nyström", "nystrom", 0, 0},
};
static const struct demo_given se_g[] = {
    {"Åsa", "asa", 1},
    {"Björn", "bjorn", 0},
    {"Linnéa", "linnea", 1},
    {"Oskar", "oskar", 0},
};
static const struct demo_name pl_f[] = {
    {"Kowalski", "kowalski", "Kowalska", "kowalska"},         {"Nowak", "nowak", 0, 0},
    {"Wiśniewski", "wisniewski", "Wiśniewska", "wisniewska"}, {"Wójcik", "wojcik", 0, 0},
    {"Kamiński", "kaminski", "Kamińska", "kaminska"},
};
static const struct demo_given pl_g[] = {
    {"Łukasz", "lukasz", 0}, {"Zofia", "zofia", 1},   {"Katarzyna", "katarzyna", 1},
    {"Piotr", "piotr", 0},   {"Michał", "michal", 0}, {"Agnieszka", "agnieszka", 1},
};
static const struct demo_name tr_f[] = {
    {"Yılmaz", "yilmaz", 0, 0}, {"Kaya", "kaya", 0, 0},   {"Demir", "demir", 0, 0},
    {"Şahin", "sahin", 0, 0},   {"Çelik", "celik", 0, 0}, {"Öztürk", "ozturk", 0, 0},
};
static const struct demo_given tr_g[] = {
    {"Mehmet", "mehmet", 0}, {"Ayşe", "ayse", 1},   {"Emre", "emre", 0},
    {"Zeynep", "zeynep", 1}, {"Burak", "burak", 0}, {"Elif", "elif", 1},
};
static const struct demo_name ru_f[] = {
    {"Иванов", "ivanov", "Иванова", "ivanova"},           {"Смирнов", "smirnov", "Смирнова", "smirnova"},
    {"Кузнецов", "kuznetsov", "Кузнецова", "kuznetsova"}, {"Соколов", "sokolov", "Соколова", "sokolova"},
    {"Лебедев", "lebedev", "Лебедева", "lebedeva"},
};
static const struct demo_given ru_g[] = {
    {"Анна", "anna", 1},     {"Дмитрий", "dmitry", 0}, {"Елена", "elena", 1},
    {"Сергей", "sergey", 0}, {"Ольга", "olga", 1},     {"Алексей", "alexey", 0},
};
static const struct demo_name ua_f[] = {
    {"Шевченко", "shevchenko", 0, 0}, {"Коваленко", "kovalenko", 0, 0}, {"Бондаренко", "bondarenko", 0, 0},
    {"Ткаченко", "tkachenko", 0, 0},  {"Мельник", "melnyk", 0, 0},
};
static const struct demo_given ua_g[] = {
    {"Олександр", "oleksandr", 0}, {"Оксана", "oksana", 1}, {"Андрій", "andriy", 0},
    {"Ірина", "iryna", 1},         {"Тарас", "taras", 0},   {"Наталія", "nataliya", 1},
};
static const struct demo_name gr_f[] = {
    {"Παπαδόπουλος", "papadopoulos", "Παπαδοπούλου", "papadopoulou"},
    {"Παπαδάκης", "papadakis", "Παπαδάκη", "papadaki"},
    {"Γεωργίου", "georgiou", 0, 0},
    {"Οικονόμου", "oikonomou", 0, 0},
    {"Νικολάου", "nikolaou", 0, 0},
    {"Βασιλείου", "vasileiou", 0, 0},
};
static const struct demo_given gr_g[] = {
    {"Γιώργος", "giorgos", 0}, {"Μαρία", "maria", 1}, {"Δημήτρης", "dimitris", 0},
    {"Ελένη", "eleni", 1},     {"Νίκος", "nikos", 0}, {"Κατερίνα", "katerina", 1},
};
static const struct demo_name jp_f[] = {
    {"佐藤", "sato", 0, 0},   {"鈴木", "suzuki", 0, 0},   {"高橋", "takahashi", 0, 0},
    {"田中", "tanaka", 0, 0}, {"渡辺", "watanabe", 0, 0}, {"山本", "yamamoto", 0, 0},
};
static const struct demo_given jp_g[] = {
    {"翔太", "shota", 0},    {"陽菜", "hina", 1},    {"健一", "kenichi", 0},
    {"さくら", "sakura", 1}, {"大輔", "daisuke", 0}, {"美咲", "misaki", 1},
};
static const struct demo_name cn_f[] = {
    {"王", "wang", 0, 0}, {"李", "li", 0, 0},   {"张", "zhang", 0, 0},
    {"刘", "liu", 0, 0},  {"陈", "chen", 0, 0}, {"杨", "yang", 0, 0},
};
static const struct demo_given cn_g[] = {
    {"伟", "wei", 0}, {"芳", "fang", 1},      {"静", "jing", 1},
    {"磊", "lei", 0}, {"秀英", "xiuying", 1}, {"志强", "zhiqiang", 0},
};
static const struct demo_name kr_f[] = {
    {"김", "kim", 0, 0},  {"이", "lee", 0, 0},  {"박", "park", 0, 0},
    {"최", "choi", 0, 0}, {"정", "jung", 0, 0}, {"강", "kang", 0, 0},
};
static const struct demo_given kr_g[] = {
    {"민준", "minjun", 0}, {"서연", "seoyeon", 1}, {"지훈", "jihoon", 0},
    {"수빈", "subin", 1},  {"하은", "haeun", 1},   {"도윤", "doyun", 0},
};
static const struct demo_name ar_f[] = {
    {"العلي", "alali", 0, 0}, {"الحسن", "alhassan", 0, 0}, {"منصور", "mansour", 0, 0},
    {"حداد", "haddad", 0, 0}, {"الشامي", "alshami", 0, 0}, {"عبدالله", "abdullah", 0, 0},
};
static const struct demo_given ar_g[] = {
    {"محمد", "mohammed", 0}, {"فاطمة", "fatima", 1}, {"أحمد", "ahmed", 0},
    {"ليلى", "layla", 1},    {"يوسف", "youssef", 0}, {"مريم", "maryam", 1},
};

#define CULTURE(c1, c2, cc, w, f, g)                                                                         \
	{                                                                                                    \
		{c1, c2, 0, 0, 0}, cc, w, f, N(f), g, N(g)                                                   \
	}

static const struct demo_culture cultures[] = {
    CULTURE("PT", 0, "351", 16, pt_f, pt_g),
    CULTURE("ES", 0, "34", 9, es_f, es_g),
    CULTURE("DE", "AT", "49", 9, de_f, de_g),
    CULTURE("GB", "IE", "44", 8, gb_f, gb_g),
    CULTURE("US", "CA", "1", 7, us_f, us_g),
    CULTURE("BR", 0, "55", 6, br_f, br_g),
    CULTURE("FR", "BE", "33", 7, fr_f, fr_g),
    CULTURE("IT", 0, "39", 5, it_f, it_g),
    CULTURE("NL", 0, "31", 3, nl_f, nl_g),
    CULTURE("NO", 0, "47", 3, no_f, no_g),
    CULTURE("SE", 0, "46", 2, se_f, se_g),
    CULTURE("PL", 0, "48", 3, pl_f, pl_g),
    CULTURE("TR", 0, "90", 2, tr_f, tr_g),
    CULTURE("RU", 0, "7", 2, ru_f, ru_g),
    CULTURE("UA", 0, "380", 2, ua_f, ua_g),
    CULTURE("GR", "CY", "30", 3, gr_f, gr_g),
    CULTURE("JP", 0, "81", 3, jp_f, jp_g),
    CULTURE("CN", 0, "86", 3, cn_f, cn_g),
    CULTURE("KR", 0, "82", 3, kr_f, kr_g),
    {{"AE", "SA", "EG", "MA", 0}, "971", 3, ar_f, N(ar_f), ar_g, N(ar_g)},
};

const struct demo_culture *demo_cultures(int *n)
{
	*n = N(cultures);
	return cultures;
}
