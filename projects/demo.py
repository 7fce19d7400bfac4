"""Demo content: North Sweden Cleantech's projects, their partners and funders.

The facts come from what the organisation and its partners have published. Where a fact is
not known (the exact amounts of most projects, the dates of the follow-up project) the
field is left empty rather than filled with a guess. Every text is written in Swedish,
Finnish and English; the Finnish and English pages and snippets are wagtail-localize
translations of the Swedish ones, made with home.demo.translate().
"""

import datetime
import math
import uuid
from decimal import Decimal

from wagtail.models import Locale

from home.demo import Glossary, T, demo_image, get_or_create_child, translate

# Namespace of the demo organisations' translation keys (see _organisations).
DEMO_NAMESPACE = uuid.UUID("5d0c6f7e-2f4b-4b8e-9a51-3c1e0f6a2b77")


def same(text):
    """A text that reads the same in all three languages, such as a name."""
    return T(text, text, text)


# Focus areas: the themes of the visit-booking form too, so their codes stay stable.
FOCUS_AREAS = [
    ("energy", T("Energi", "Energia", "Energy")),
    ("water", T("Vatten och avlopp", "Vesi ja jätevesi", "Water and wastewater")),
    (
        "circular-economy",
        T(
            "Cirkulär ekonomi och material",
            "Kiertotalous ja materiaalit",
            "Circular economy and materials",
        ),
    ),
    (
        "mobility",
        T("Mobilitet och transporter", "Liikkuminen ja liikenne", "Mobility and transport"),
    ),
    ("buildings", T("Byggnader", "Rakennukset", "Buildings")),
    (
        "batteries",
        T(
            "Batterier och elektrifiering",
            "Akut ja sähköistäminen",
            "Batteries and electrification",
        ),
    ),
    ("forest-bioeconomy", T("Skoglig bioekonomi", "Metsäbiotalous", "Forest bioeconomy")),
]

PROGRAMMES = [
    {
        "slug": "interreg-botnia-atlantica",
        "name": same("Interreg Botnia-Atlantica"),
        "fund": "ERDF",
        "period": (2014, 2020),
        "website": "https://www.botnia-atlantica.eu/",
    },
    {
        "slug": "interreg-aurora",
        "name": same("Interreg Aurora"),
        "fund": "ERDF",
        "period": (2021, 2027),
        "website": "https://www.interregaurora.eu/",
    },
]

UMEA = T("Umeå", "Uumaja", "Umeå")
VASA = T("Vasa", "Vaasa", "Vaasa")
KARLEBY = T("Karleby", "Kokkola", "Kokkola")
PITEA = T("Piteå", "Piitime", "Piteå")
SKELLEFTEA = same("Skellefteå")
ORNSKOLDSVIK = same("Örnsköldsvik")

# key: (name, short name, kind, city, country, NUTS code)
ORGANISATIONS = {
    "nsc": (same("North Sweden Cleantech"), "", "business_support", UMEA, "SE", "SE331"),
    "region-vasterbotten": (same("Region Västerbotten"), "", "region", UMEA, "SE", "SE331"),
    "umea-kommun": (
        T("Umeå kommun", "Uumajan kunta", "Umeå Municipality"),
        "",
        "municipality",
        UMEA,
        "SE",
        "SE331",
    ),
    "umea-energi": (same("Umeå Energi"), "", "utility", UMEA, "SE", "SE331"),
    "ornskoldsviks-kommun": (
        T("Örnsköldsviks kommun", "Örnsköldsvikin kunta", "Örnsköldsvik Municipality"),
        "",
        "municipality",
        ORNSKOLDSVIK,
        "SE",
        "SE321",
    ),
    "osterbottens-forbund": (
        T("Österbottens förbund", "Pohjanmaan liitto", "Regional Council of Ostrobothnia"),
        "",
        "region",
        VASA,
        "FI",
        "FI195",
    ),
    "vasek": (
        T(
            "Vasaregionens Utveckling AB",
            "Vaasanseudun Kehitys Oy",
            "Vaasa Region Development Company",
        ),
        "VASEK",
        "business_support",
        VASA,
        "FI",
        "FI195",
    ),
    "vasa-stad": (
        T("Vasa stad", "Vaasan kaupunki", "City of Vaasa"),
        "",
        "municipality",
        VASA,
        "FI",
        "FI195",
    ),
    "skelleftea-science-city": (
        same("Skellefteå Science City"),
        "",
        "business_support",
        SKELLEFTEA,
        "SE",
        "SE331",
    ),
    "arctic-business": (
        same("Arctic Business Incubator"),
        "Arctic Business",
        "business_support",
        None,
        "SE",
        "",
    ),
    "bizmaker": (same("BizMaker"), "", "business_support", None, "SE", ""),
    "pitea-science-park": (
        same("Piteå Science Park"),
        "",
        "business_support",
        PITEA,
        "SE",
        "SE332",
    ),
    "rise": (same("RISE Research Institutes of Sweden"), "RISE", "university", None, "SE", ""),
    "rise-processum": (
        same("RISE Processum"),
        "",
        "university",
        ORNSKOLDSVIK,
        "SE",
        "SE321",
    ),
    "uminova": (same("Uminova Innovation"), "", "business_support", UMEA, "SE", "SE331"),
    "pitea-kommun": (
        T("Piteå kommun", "Piitimen kunta", "Piteå Municipality"),
        "",
        "municipality",
        PITEA,
        "SE",
        "SE332",
    ),
    "skelleftea-kommun": (
        T("Skellefteå kommun", "Skellefteån kunta", "Skellefteå Municipality"),
        "",
        "municipality",
        SKELLEFTEA,
        "SE",
        "SE331",
    ),
    "pite-energi": (same("PiteEnergi"), "", "utility", PITEA, "SE", "SE332"),
    "ovik-energi": (same("Övik Energi"), "", "utility", ORNSKOLDSVIK, "SE", "SE321"),
    "skelleftea-kraft": (same("Skellefteå Kraft"), "", "utility", SKELLEFTEA, "SE", "SE331"),
    "umea-kommunforetag": (same("Umeå Kommunföretag"), "", "company", UMEA, "SE", "SE331"),
    "vakin": (same("Vakin"), "", "utility", UMEA, "SE", "SE331"),
    "bostaden": (same("AB Bostaden i Umeå"), "Bostaden", "company", UMEA, "SE", "SE331"),
    "kompetensspridning": (
        same("Kompetensspridning i Umeå AB"),
        "",
        "business_support",
        UMEA,
        "SE",
        "SE331",
    ),
    "kvarkenradet": (
        T("Kvarkenrådet", "Merenkurkun neuvosto", "Kvarken Council"),
        "",
        "other",
        None,
        "",
        "",
    ),
    "karleby-energi": (
        T("Karleby Energi", "Kokkolan Energia", "Kokkolan Energia"),
        "",
        "utility",
        KARLEBY,
        "FI",
        "FI1D5",
    ),
    "herrfors": (same("Herrfors"), "", "utility", None, "FI", ""),
    "vasa-elektriska": (
        T("Vasa Elektriska", "Vaasan Sähkö", "Vaasan Sähkö"),
        "",
        "utility",
        VASA,
        "FI",
        "FI195",
    ),
}


# Drawings for the demo images: simple shapes, so the repository needs no photographs.


def draw_fair(draw, size):
    """A fair hall: stands with coloured roofs and visitors between them."""
    width, height = size
    draw.rectangle([0, 0, width, height * 0.6], fill="#e8eef0")
    draw.rectangle([0, height * 0.6, width, height], fill="#b9c7cc")
    colours = ["#0b6b4f", "#0d4a6b", "#c8553d", "#2f6f8f", "#5c8a3a"]
    for number in range(5):
        left = width * (0.04 + number * 0.19)
        draw.rectangle([left, height * 0.32, left + width * 0.16, height * 0.62], fill="#ffffff")
        draw.rectangle(
            [left, height * 0.26, left + width * 0.16, height * 0.34], fill=colours[number]
        )
        draw.rectangle(
            [left + width * 0.02, height * 0.5, left + width * 0.14, height * 0.62],
            fill="#d9d2c5",
        )
    for number in range(14):
        x = width * (0.06 + (number * 0.071) % 0.9)
        y = height * (0.7 + (number % 3) * 0.08)
        draw.ellipse([x - 14, y - 60, x + 14, y - 32], fill="#3b3b3b")
        draw.rectangle([x - 16, y - 30, x + 16, y + 30], fill=colours[number % 5])


def draw_matchmaking(draw, size):
    """Round tables with two people each: companies meeting one to one."""
    width, height = size
    draw.rectangle([0, 0, width, height], fill="#f1ede4")
    for row in range(2):
        for column in range(4):
            cx = width * (0.14 + column * 0.24)
            cy = height * (0.32 + row * 0.4)
            draw.ellipse([cx - 70, cy - 40, cx + 70, cy + 40], fill="#8a6d4b")
            for side, colour in ((-1, "#0d4a6b"), (1, "#0b6b4f")):
                px = cx + side * 105
                draw.ellipse([px - 20, cy - 80, px + 20, cy - 40], fill="#4a3b30")
                draw.rectangle([px - 26, cy - 38, px + 26, cy + 40], fill=colour)


def draw_catalogue(draw, size):
    """An open company catalogue with a card per company."""
    width, height = size
    draw.rectangle([0, 0, width, height], fill="#dfe8e4")
    draw.rectangle([width * 0.1, height * 0.1, width * 0.9, height * 0.9], fill="#ffffff")
    draw.line([(width / 2, height * 0.1), (width / 2, height * 0.9)], fill="#9aa9a3", width=4)
    for page_left in (0.14, 0.54):
        for row in range(3):
            top = height * (0.16 + row * 0.24)
            left = width * page_left
            draw.rectangle([left, top, left + width * 0.08, top + height * 0.14], fill="#0b6b4f")
            for line in range(3):
                y = top + 12 + line * 26
                draw.line(
                    [(left + width * 0.1, y), (left + width * 0.3, y)], fill="#7b8a85", width=8
                )


def draw_network(draw, size):
    """Two coasts and five towns joined by lines across the water."""
    width, height = size
    draw.rectangle([0, 0, width, height], fill="#2f6f8f")
    draw.polygon(
        [
            (0, 0),
            (width * 0.38, 0),
            (width * 0.3, height * 0.5),
            (width * 0.36, height),
            (0, height),
        ],
        fill="#5c8a3a",
    )
    draw.polygon(
        [
            (width, 0),
            (width * 0.66, 0),
            (width * 0.72, height * 0.45),
            (width * 0.64, height),
            (width, height),
        ],
        fill="#4f7d33",
    )
    towns = [(0.24, 0.2), (0.22, 0.55), (0.26, 0.85), (0.8, 0.25), (0.78, 0.7)]
    points = [(width * x, height * y) for x, y in towns]
    for start in points[:3]:
        for end in points[3:]:
            draw.line([start, end], fill="#f6d47a", width=5)
    for x, y in points:
        draw.ellipse([x - 22, y - 22, x + 22, y + 22], fill="#ffffff", outline="#1b2a2f", width=5)


def draw_test_bed(draw, size):
    """A factory hall with solar panels, pipes and a small test rig in front."""
    width, height = size
    draw.rectangle([0, 0, width, height * 0.7], fill="#d6e6ee")
    draw.rectangle([0, height * 0.7, width, height], fill="#8c9a8f")
    draw.rectangle([width * 0.15, height * 0.35, width * 0.7, height * 0.72], fill="#c9ccc6")
    for number in range(6):
        left = width * (0.17 + number * 0.085)
        draw.polygon(
            [
                (left, height * 0.35),
                (left + width * 0.07, height * 0.35),
                (left + width * 0.05, height * 0.27),
                (left - width * 0.02, height * 0.27),
            ],
            fill="#1f3f66",
        )
    draw.rectangle([width * 0.74, height * 0.2, width * 0.79, height * 0.72], fill="#7a7f84")
    draw.line([(width * 0.7, height * 0.5), (width * 0.9, height * 0.5)], fill="#c8553d", width=14)
    draw.rectangle([width * 0.82, height * 0.56, width * 0.94, height * 0.72], fill="#0b6b4f")


def draw_grid(draw, size):
    """Power lines over a coast, with wind turbines and a power station."""
    width, height = size
    draw.rectangle([0, 0, width, height * 0.62], fill="#cfe6f1")
    draw.rectangle([0, height * 0.62, width, height], fill="#3f7d4e")
    draw.rectangle([0, height * 0.78, width, height], fill="#2f6f8f")
    masts = [width * x for x in (0.1, 0.35, 0.6, 0.85)]
    for x in masts:
        draw.line([(x, height * 0.62), (x, height * 0.22)], fill="#4a5a60", width=8)
        draw.line([(x - 50, height * 0.28), (x + 50, height * 0.28)], fill="#4a5a60", width=6)
    for left, right in zip(masts, masts[1:], strict=False):
        for offset in (-50, 50):
            draw.line(
                [(left + offset, height * 0.28), (right + offset, height * 0.28)],
                fill="#1b2a2f",
                width=3,
            )
    for x in (0.22, 0.47, 0.72):
        base_x, top_y = width * x, height * 0.36
        draw.line([(base_x, height * 0.62), (base_x, top_y)], fill="#f4f7f8", width=6)
        for angle in (90, 210, 330):
            radians = math.radians(angle)
            tip = (base_x + 60 * math.cos(radians), top_y - 60 * math.sin(radians))
            draw.line([(base_x, top_y), tip], fill="#f4f7f8", width=5)


def draw_innovation_site(draw, size):
    """Low houses with green roofs around a bright meeting place."""
    width, height = size
    draw.rectangle([0, 0, width, height], fill="#e9f1ec")
    draw.rectangle([0, height * 0.72, width, height], fill="#9bb59a")
    for number in range(6):
        left = width * (0.04 + number * 0.16)
        top = height * (0.42 + (number % 2) * 0.08)
        draw.rectangle([left, top, left + width * 0.13, height * 0.74], fill="#f7f3ea")
        draw.rectangle([left - 6, top - 18, left + width * 0.13 + 6, top], fill="#0b6b4f")
        for window in range(2):
            wx = left + width * (0.02 + window * 0.06)
            draw.rectangle([wx, top + 30, wx + width * 0.035, top + 80], fill="#0d4a6b")
    draw.ellipse(
        [width * 0.44, height * 0.08, width * 0.56, height * 0.3], fill="#f6d47a", outline="#c8553d"
    )


INDEX = {
    "slug": T("projekt", "hankkeet", "projects"),
    "title": T("Projekt", "Hankkeet", "Projects"),
    "intro": T(
        "Våra EU-finansierade samarbetsprojekt: vad de gjorde, vilka som var med och vad de gav.",
        "EU-rahoitteiset yhteistyöhankkeemme: mitä ne tekivät, keitä niissä oli mukana ja mitä "
        "niistä jäi käteen.",
        "Our EU-funded cooperation projects: what they did, who took part and what came of them.",
    ),
}

PROJECT_MANAGER = T("Projektledare", "Projektipäällikkö", "Project manager")
KVARKEN_REGION = T("Kvarkenregionen", "Merenkurkun alue", "The Kvarken region")
PERCENT = same("%")

PROJECTS = [
    {
        "key": "cleantech-kvarken",
        "slug": same("cleantech-kvarken"),
        "title": same("Cleantech Kvarken"),
        "summary": T(
            "Ett gränsöverskridande samarbete som förde samman cleantechföretag, energibolag, "
            "vatten- och avloppsbolag, städer och kommuner på båda sidor om Kvarken.",
            "Rajat ylittävä yhteistyö, joka kokosi yhteen cleantech-yrityksiä, energiayhtiöitä, "
            "vesihuoltoyhtiöitä, kaupunkeja ja kuntia Merenkurkun molemmin puolin.",
            "A cross-border cooperation that brought together cleantech companies, energy "
            "utilities, water and sewage companies, cities and municipalities on both sides "
            "of Kvarken.",
        ),
        "image": (
            "Cleantech Kvarken: mässa",
            draw_fair,
            T(
                "Illustration av en mässhall med färgglada montrar och besökare som går mellan "
                "dem.",
                "Piirros messuhallista, jossa on värikkäitä osastoja ja niiden välissä kulkevia "
                "kävijöitä.",
                "Illustration of a fair hall with colourful stands and visitors walking between "
                "them.",
            ),
        ),
        "start": datetime.date(2015, 1, 1),
        "end": datetime.date(2018, 12, 31),
        "precision": "year",
        "programme": "interreg-botnia-atlantica",
        "currency": "EUR",
        "rate": Decimal(60),
        "region": KVARKEN_REGION,
        "focus": ["energy", "water"],
        "partners": [("nsc", "partner")],
        "co_financiers": [
            "region-vasterbotten",
            "umea-kommun",
            "umea-energi",
            "ornskoldsviks-kommun",
            "osterbottens-forbund",
            "vasek",
            "vasa-stad",
        ],
        "contact": (same("Peter Hedman"), PROJECT_MANAGER),
        "key_figures": [
            (
                200,
                T("företag", "yritystä", "companies"),
                T(
                    "deltog i företagskatalogen, mässorna, matchmaking och affärsmötena",
                    "osallistui yritysluetteloon, messuille, matchmakingiin ja yritystapaamisiin",
                    "took part in the company catalogue, fairs, matchmaking and business meetings",
                ),
            ),
            (
                97,
                PERCENT,
                T(
                    "av de deltagande företagen vill fortsätta samarbetet",
                    "osallistuneista yrityksistä haluaa jatkaa yhteistyötä",
                    "of the participating companies want to continue the cooperation",
                ),
            ),
            (
                60,
                PERCENT,
                T(
                    "av projektet finansierades av Europeiska regionala utvecklingsfonden",
                    "hankkeesta rahoitettiin Euroopan aluekehitysrahastosta",
                    "of the project was financed by the European Regional Development Fund",
                ),
            ),
        ],
        "results": (
            T(
                "Handeln mellan länderna i programområdet ökade, och gemensamma hinder för "
                "affärer över gränsen kunde överbryggas.",
                "Kauppa ohjelma-alueen maiden välillä lisääntyi, ja yhteisiä esteitä rajat "
                "ylittävälle liiketoiminnalle saatiin purettua.",
                "Trade between the countries of the programme area grew, and shared obstacles "
                "to doing business across the border were bridged.",
            ),
            T(
                "Viktigast av allt: de deltagande företagen fick konkret affärsnytta av "
                "samarbetet.",
                "Tärkeintä oli, että osallistuneet yritykset saivat yhteistyöstä konkreettista "
                "liiketoimintahyötyä.",
                "Most important of all, the participating companies got concrete business value "
                "out of the cooperation.",
            ),
        ),
        "showcase": (
            T(
                "Utvalt som EU-skyltfönster",
                "Valittu EU:n esittelyhankkeeksi",
                "Chosen as an EU showcase",
            ),
            T(
                "Interreg Botnia-Atlantica valde Cleantech Kvarken som ett av tre "
                "skyltfönsterprojekt att visa upp i Europeiska kommissionens projektdatabas "
                "Inforegio.",
                "Interreg Botnia-Atlantica valitsi Cleantech Kvarkenin yhdeksi kolmesta "
                "esittelyhankkeesta, jotka nostetaan esiin Euroopan komission "
                "Inforegio-hanketietokannassa.",
                "Interreg Botnia-Atlantica chose Cleantech Kvarken as one of three showcase "
                "projects to present in the European Commission's Inforegio project database.",
            ),
        ),
        "body": (
            T("Vad projektet gjorde", "Mitä hankkeessa tehtiin", "What the project did"),
            (
                T(
                    "Under tre år, från 2015 till 2018, byggde projektet mötesplatser och "
                    "plattformar för samarbete mellan företag, energibolag, vatten- och "
                    "avloppsbolag, städer och kommuner på båda sidor om Kvarken.",
                    "Kolmen vuoden ajan, 2015–2018, hanke rakensi kohtaamispaikkoja ja "
                    "yhteistyöalustoja yrityksille, energiayhtiöille, vesihuoltoyhtiöille, "
                    "kaupungeille ja kunnille Merenkurkun molemmin puolin.",
                    "For three years, from 2015 to 2018, the project built meeting places and "
                    "platforms for cooperation between companies, energy utilities, water and "
                    "sewage companies, cities and municipalities on both sides of Kvarken.",
                ),
                T(
                    "Företagen presenterades i en gemensam företagskatalog och möttes på mässor, "
                    "i matchmaking och på affärsmöten.",
                    "Yritykset esiteltiin yhteisessä yritysluettelossa, ja ne tapasivat "
                    "toisiaan messuilla, matchmakingissa ja yritystapaamisissa.",
                    "The companies were presented in a shared company catalogue and met at "
                    "fairs, in matchmaking and at business meetings.",
                ),
                T(
                    "Bakom projektet stod affärsfrämjande aktörer i Umeå, Vasa och Örnsköldsvik. "
                    "Det var North Sweden Cleantechs samarbetsprojekt med Vasaregionen.",
                    "Hankkeen takana olivat yrityksiä tukevat toimijat Uumajassa, Vaasassa ja "
                    "Örnsköldsvikissä. Se oli North Sweden Cleantechin yhteistyöhanke Vaasan "
                    "seudun kanssa.",
                    "Behind the project stood business-support organisations in Umeå, Vaasa and "
                    "Örnsköldsvik. It was North Sweden Cleantech's cooperation project with the "
                    "Vaasa region.",
                ),
            ),
        ),
        "gallery": [
            (
                "Cleantech Kvarken: matchmaking",
                draw_matchmaking,
                T(
                    "Illustration av runda bord där företagare sitter två och två och samtalar.",
                    "Piirros pyöreistä pöydistä, joiden ääressä yrittäjät keskustelevat "
                    "kahden kesken.",
                    "Illustration of round tables where business people talk in pairs.",
                ),
                T("Matchmaking mellan företag", "Yritysten matchmaking", "Company matchmaking"),
            ),
            (
                "Cleantech Kvarken: företagskatalog",
                draw_catalogue,
                T(
                    "Illustration av en uppslagen katalog med ett kort för varje företag.",
                    "Piirros avatusta luettelosta, jossa on kortti jokaisesta yrityksestä.",
                    "Illustration of an open catalogue with a card for each company.",
                ),
                T(
                    "Den gemensamma företagskatalogen",
                    "Yhteinen yritysluettelo",
                    "The shared company catalogue",
                ),
            ),
        ],
    },
    {
        "key": "future-cleantech-solutions",
        "slug": same("future-cleantech-solutions"),
        "title": same("Future Cleantech Solutions"),
        "predecessor": "cleantech-kvarken",
        "summary": T(
            "Uppföljaren till Cleantech Kvarken: samarbetet fortsätter och breddas med partner "
            "i Skellefteå och Karleby.",
            "Cleantech Kvarkenin jatkohanke: yhteistyö jatkuu ja laajenee kumppaneilla "
            "Skellefteåsta ja Kokkolasta.",
            "The follow-up to Cleantech Kvarken: the cooperation continues and widens with "
            "partners in Skellefteå and Kokkola.",
        ),
        "image": (
            "Future Cleantech Solutions: orter över Kvarken",
            draw_network,
            T(
                "Illustration av två kuster med fem orter som förbinds av linjer över vattnet.",
                "Piirros kahdesta rannikosta ja viidestä paikkakunnasta, joita yhdistävät "
                "viivat veden yli.",
                "Illustration of two coasts with five towns joined by lines across the water.",
            ),
        ),
        "region": KVARKEN_REGION,
        "focus": ["energy"],
        "partners": [("nsc", "partner")],
        "body": (
            T("Mål", "Tavoite", "Aim"),
            (
                T(
                    "Nya etableringar och stora investeringar på båda sidor om Kvarken skapar "
                    "affärer och samarbeten. Projektet vill att små och medelstora företag ska "
                    "kunna ta vara på dem.",
                    "Uudet sijoittumiset ja suuret investoinnit Merenkurkun molemmin puolin "
                    "luovat liiketoimintaa ja yhteistyötä. Hanke haluaa, että pienet ja "
                    "keskisuuret yritykset pääsevät hyödyntämään niitä.",
                    "New establishments and large investments on both sides of Kvarken create "
                    "business and cooperation. The project wants small and medium-sized "
                    "companies to be able to make the most of them.",
                ),
                T(
                    "Samarbetet från Cleantech Kvarken lever vidare, nu med partner även i "
                    "Skellefteå i Sverige och Karleby i Finland.",
                    "Cleantech Kvarkenin yhteistyö jatkuu, nyt myös kumppanien kanssa "
                    "Skellefteåssa Ruotsissa ja Kokkolassa Suomessa.",
                    "The cooperation from Cleantech Kvarken lives on, now also with partners in "
                    "Skellefteå in Sweden and Kokkola in Finland.",
                ),
            ),
        ),
    },
    {
        "key": "innovation-for-green-transition",
        "slug": same("innovation-for-green-transition"),
        "title": same("Innovation for Green Transition"),
        "summary": T(
            "Hjälper små och medelstora företag att förnya sig och konkurrera i norra Sveriges "
            "gröna industriella omställning.",
            "Auttaa pieniä ja keskisuuria yrityksiä uudistumaan ja kilpailemaan "
            "Pohjois-Ruotsin vihreässä teollisessa murroksessa.",
            "Helps small and medium-sized companies innovate and compete in northern Sweden's "
            "green industrial transition.",
        ),
        "image": (
            "Innovation for Green Transition: testbädd",
            draw_test_bed,
            T(
                "Illustration av en fabrikshall med solpaneler på taket och en liten testrigg "
                "framför.",
                "Piirros tehdashallista, jonka katolla on aurinkopaneeleja ja edessä pieni "
                "testilaitteisto.",
                "Illustration of a factory hall with solar panels on the roof and a small test "
                "rig in front.",
            ),
        ),
        "start": datetime.date(2023, 1, 7),
        "end": datetime.date(2026, 10, 31),
        "precision": "day",
        "fund": "ERDF",
        "currency": "SEK",
        "total": Decimal(27_000_000),
        "region": T("Norra Sverige", "Pohjois-Ruotsi", "Northern Sweden"),
        "focus": ["energy", "circular-economy"],
        "partners": [
            ("skelleftea-science-city", "lead"),
            ("arctic-business", "partner"),
            ("bizmaker", "partner"),
            ("pitea-science-park", "partner"),
            ("rise-processum", "partner"),
            ("umea-kommun", "partner"),
            ("uminova", "partner"),
        ],
        "co_financiers": [
            "region-vasterbotten",
            "pitea-kommun",
            "skelleftea-kommun",
            "umea-kommun",
            "ornskoldsviks-kommun",
            "rise",
            "arctic-business",
            "bizmaker",
            "uminova",
            "pitea-science-park",
            "skelleftea-science-city",
            "pite-energi",
            "ovik-energi",
            "skelleftea-kraft",
            "umea-energi",
            "umea-kommunforetag",
            "vakin",
        ],
        "body": (
            T("Så arbetar projektet", "Näin hanke toimii", "How the project works"),
            (
                T(
                    "Projektet öppnar innovationsmiljöer och testbäddar för små och medelstora "
                    "företag och kopplar ihop dem med storföretag, nya industrietableringar, "
                    "akademi och forskningsinstitut.",
                    "Hanke avaa innovaatioympäristöjä ja testialustoja pienille ja keskisuurille "
                    "yrityksille ja yhdistää ne suuryrityksiin, uusiin teollisuuslaitoksiin, "
                    "korkeakouluihin ja tutkimuslaitoksiin.",
                    "The project opens up innovation environments and test beds to small and "
                    "medium-sized companies and links them with large companies, new industrial "
                    "establishments, academia and research institutes.",
                ),
                T(
                    "Budgeten är 27 miljoner kronor, med stöd från Europeiska regionala "
                    "utvecklingsfonden och från regionen, fyra kommuner och ett stort antal "
                    "företag och organisationer i norr.",
                    "Budjetti on 27 miljoonaa kruunua, ja rahoitusta tulee Euroopan "
                    "aluekehitysrahastosta sekä alueelta, neljältä kunnalta ja monilta pohjoisen "
                    "yrityksiltä ja organisaatioilta.",
                    "The budget is SEK 27 million, with support from the European Regional "
                    "Development Fund and from the region, four municipalities and many "
                    "companies and organisations in the north.",
                ),
            ),
        ),
    },
    {
        "key": "bothnia-green-energy",
        "slug": same("bothnia-green-energy"),
        "title": same("Bothnia Green Energy"),
        "summary": T(
            "Sex energibolag från båda sidor om Kvarken samarbetar för att snabba på "
            "innovationen inom hållbar energi.",
            "Kuusi energiayhtiötä Merenkurkun molemmin puolin tekee yhteistyötä "
            "nopeuttaakseen kestävän energian innovaatioita.",
            "Six energy companies from both sides of Kvarken work together to speed up "
            "innovation in sustainable energy.",
        ),
        "image": (
            "Bothnia Green Energy: kraftledningar",
            draw_grid,
            T(
                "Illustration av kraftledningar över en kust med vindkraftverk mellan stolparna.",
                "Piirros voimalinjoista rannikon yllä ja tuulivoimaloista pylväiden välissä.",
                "Illustration of power lines over a coast with wind turbines between the masts.",
            ),
        ),
        # A three-year project that ended in 2025: its exact start is not known.
        "end": datetime.date(2025, 12, 31),
        "precision": "year",
        "programme": "interreg-aurora",
        "region": KVARKEN_REGION,
        "focus": ["energy"],
        "partners": [
            ("kvarkenradet", "coordinator"),
            ("ovik-energi", "partner"),
            ("umea-energi", "partner"),
            ("skelleftea-kraft", "partner"),
            ("karleby-energi", "partner"),
            ("herrfors", "partner"),
            ("vasa-elektriska", "partner"),
        ],
        "contact": (same("Sofia Törmä"), PROJECT_MANAGER),
        "key_figures": [
            (
                6,
                T("energibolag", "energiayhtiötä", "energy companies"),
                T(
                    "från Sverige och Finland i samarbetet",
                    "Ruotsista ja Suomesta mukana yhteistyössä",
                    "from Sweden and Finland in the cooperation",
                ),
            ),
            (
                3,
                T("arbetspaket", "työpakettia", "work packages"),
                T(
                    "för plattform, innovationsförmåga och internationella kontakter",
                    "alustaa, innovaatiokykyä ja kansainvälisiä yhteyksiä varten",
                    "for a platform, innovation capacity and international contacts",
                ),
            ),
        ],
        "body": (
            T("Tre arbetspaket", "Kolme työpakettia", "Three work packages"),
            (
                T(
                    "Under tre år, fram till 2025, byggde projektet en gemensam plattform för "
                    "offentlig sektor, näringsliv och akademi, stärkte små och medelstora "
                    "företags innovationsförmåga tillsammans med energibolag, universitet och "
                    "offentliga aktörer, och tog fram en plan för internationella kontakter.",
                    "Kolmen vuoden aikana, vuoteen 2025 asti, hanke rakensi julkisen sektorin, "
                    "elinkeinoelämän ja korkeakoulujen yhteisen alustan, vahvisti pienten ja "
                    "keskisuurten yritysten innovaatiokykyä yhdessä energiayhtiöiden, "
                    "yliopistojen ja julkisten toimijoiden kanssa ja laati suunnitelman "
                    "kansainvälisistä yhteyksistä.",
                    "Over three years, up to 2025, the project built a joint platform for "
                    "government, industry and academia, strengthened the innovation capacity of "
                    "small and medium-sized companies together with energy companies, "
                    "universities and public bodies, and drew up a plan for international "
                    "contacts.",
                ),
                T(
                    "Kvarkenrådet samordnade arbetet. Våren 2024 bildade de sex bolagens vd:ar "
                    "ett energiutskott under Kvarkenrådet, och projektets slutkonferens, Beyond "
                    "Borders, hölls i Örnsköldsvik den 23 oktober 2025.",
                    "Merenkurkun neuvosto koordinoi työtä. Keväällä 2024 kuuden yhtiön "
                    "toimitusjohtajat perustivat energiavaliokunnan Merenkurkun neuvoston "
                    "alaisuuteen, ja hankkeen loppukonferenssi Beyond Borders pidettiin "
                    "Örnsköldsvikissä 23. lokakuuta 2025.",
                    "The Kvarken Council coordinated the work. In spring 2024 the six companies' "
                    "chief executives formed an energy committee under the Kvarken Council, and "
                    "the project's final conference, Beyond Borders, was held in Örnsköldsvik "
                    "on 23 October 2025.",
                ),
            ),
        ),
    },
    {
        "key": "innovation-site",
        "slug": T(
            "framtidens-klimatsmarta-innovationsplats",
            "tulevaisuuden-ilmastoviisas-innovaatioymparisto",
            "climate-smart-innovation-site",
        ),
        "title": T(
            "North Sweden Cleantech – framtidens klimatsmarta innovationsplats",
            "North Sweden Cleantech – tulevaisuuden ilmastoviisas innovaatioympäristö",
            "North Sweden Cleantech – the climate-smart innovation site of the future",
        ),
        "summary": T(
            "Skulle ge mer innovation i små och medelstora cleantechföretag i Västerbotten och "
            "Örnsköldsvik.",
            "Tavoitteena oli lisätä innovaatioita pienissä ja keskisuurissa "
            "cleantech-yrityksissä Västerbottenissa ja Örnsköldsvikissä.",
            "Set out to bring more innovation to small and medium-sized cleantech companies in "
            "Västerbotten and Örnsköldsvik.",
        ),
        "image": (
            "Framtidens klimatsmarta innovationsplats",
            draw_innovation_site,
            T(
                "Illustration av låga hus med gröna tak runt en ljus mötesplats.",
                "Piirros matalista taloista, joissa on viherkatot, valoisan kohtaamispaikan "
                "ympärillä.",
                "Illustration of low houses with green roofs around a bright meeting place.",
            ),
        ),
        "start": datetime.date(2019, 1, 1),
        "end": datetime.date(2022, 12, 31),
        "precision": "year",
        "fund": "ERDF",
        "region": T(
            "Västerbotten och Örnsköldsvik",
            "Västerbotten ja Örnsköldsvik",
            "Västerbotten and Örnsköldsvik",
        ),
        "focus": ["energy", "circular-economy"],
        "partners": [
            ("kompetensspridning", "owner"),
            ("skelleftea-science-city", "partner"),
            ("uminova", "partner"),
            ("arctic-business", "partner"),
            ("rise-processum", "partner"),
        ],
        "co_financiers": [
            "skelleftea-kommun",
            "umea-kommun",
            "ornskoldsviks-kommun",
            "skelleftea-kraft",
            "umea-energi",
            "vakin",
            "bostaden",
            "umea-kommunforetag",
            "region-vasterbotten",
        ],
        "key_figures": [
            (
                5,
                T("organisationer", "organisaatiota", "organisations"),
                T(
                    "genomförde projektet tillsammans",
                    "toteutti hankkeen yhdessä",
                    "carried out the project together",
                ),
            ),
        ],
        "body": (
            T("Om projektet", "Hankkeesta", "About the project"),
            (
                T(
                    "Projektet pågick 2019–2022 och delfinansierades av Europeiska regionala "
                    "utvecklingsfonden. Kompetensspridning i Umeå ägde projektet, som "
                    "genomfördes av fem organisationer tillsammans.",
                    "Hanke kesti vuodet 2019–2022, ja sitä osarahoitti Euroopan "
                    "aluekehitysrahasto. Hankkeen omisti Kompetensspridning i Umeå, ja sen "
                    "toteutti viisi organisaatiota yhdessä.",
                    "The project ran from 2019 to 2022 and was part-financed by the European "
                    "Regional Development Fund. Kompetensspridning i Umeå owned the project, "
                    "which five organisations carried out together.",
                ),
                T(
                    "Kommunerna Skellefteå, Umeå och Örnsköldsvik, deras kommunala bolag och "
                    "Region Västerbotten stödde arbetet.",
                    "Skellefteån, Uumajan ja Örnsköldsvikin kunnat, niiden kunnalliset yhtiöt "
                    "ja Region Västerbotten tukivat työtä.",
                    "The municipalities of Skellefteå, Umeå and Örnsköldsvik, their municipal "
                    "companies and Region Västerbotten supported the work.",
                ),
            ),
        ),
    },
]


def _focus_areas(sv):
    from .models import FocusArea

    areas = {}
    for slug, name in FOCUS_AREAS:
        area = FocusArea.objects.filter(locale=sv, slug=slug).first()
        if area is None:
            area = FocusArea.objects.create(locale=sv, slug=slug, name=name.sv)
        glossary = Glossary()
        glossary(name)
        translate(area, glossary)
        areas[slug] = area
    return areas


def _programmes(sv):
    from .models import FundingProgramme

    programmes = {}
    for spec in PROGRAMMES:
        programme = FundingProgramme.objects.filter(locale=sv, slug=spec["slug"]).first()
        if programme is None:
            programme = FundingProgramme.objects.create(
                locale=sv,
                slug=spec["slug"],
                name=spec["name"].sv,
                fund=spec["fund"],
                period_start=spec["period"][0],
                period_end=spec["period"][1],
                website=spec["website"],
            )
        glossary = Glossary()
        glossary(spec["name"])
        translate(programme, glossary)
        programmes[spec["slug"]] = programme
    return programmes


def _organisations(sv):
    from .models import Organisation

    organisations = {}
    for key, (name, short_name, kind, city, country, nuts_code) in ORGANISATIONS.items():
        # A fixed translation key finds the organisation again even if an editor renamed it.
        translation_key = uuid.uuid5(DEMO_NAMESPACE, f"organisation/{key}")
        organisation = Organisation.objects.filter(
            locale=sv, translation_key=translation_key
        ).first()
        if organisation is None:
            organisation = Organisation.objects.create(
                locale=sv,
                translation_key=translation_key,
                name=name.sv,
                short_name=short_name,
                kind=kind,
                city=city.sv if city else "",
                country=country,
                nuts_code=nuts_code,
            )
        glossary = Glossary()
        glossary(name)
        if short_name:
            glossary(same(short_name))
        if city:
            glossary(city)
        translate(organisation, glossary)
        organisations[key] = organisation
    return organisations


def _body(glossary, spec):
    heading, paragraphs = spec
    return [
        ("heading", {"text": glossary(heading), "level": "h2"}),
        ("paragraph", glossary.paragraphs(*paragraphs)),
    ]


def _build_project(spec, glossary, refs):
    from .models import (
        ProjectCoFinancier,
        ProjectFocusArea,
        ProjectGalleryImage,
        ProjectKeyFigure,
        ProjectPage,
        ProjectPartner,
    )

    title, draw, alt = spec["image"]
    page = ProjectPage(
        title=glossary(spec["title"]),
        summary=glossary(spec["summary"]),
        hero_image=demo_image(title, alt.sv, draw),
        hero_image_alt=glossary(alt),
        start_date=spec.get("start"),
        end_date=spec.get("end"),
        date_precision=spec.get("precision", "day"),
        programme=refs["programmes"].get(spec.get("programme")),
        eu_fund=spec.get("fund", ""),
        currency=spec.get("currency", "EUR"),
        total_budget=spec.get("total"),
        cofinancing_rate=spec.get("rate"),
        region=glossary(spec["region"]),
        body=_body(glossary, spec["body"]),
        predecessor=refs["projects"].get(spec.get("predecessor")),
    )
    if "results" in spec:
        page.results = glossary.paragraphs(*spec["results"])
    if "showcase" in spec:
        distinction, reason = spec["showcase"]
        page.showcase_distinction = glossary(distinction)
        page.showcase_reason = glossary(reason)
    if "contact" in spec:
        name, role = spec["contact"]
        page.contact_name = name.sv
        page.contact_role = glossary(role)
    organisations = refs["organisations"]
    page.partners = [
        ProjectPartner(organisation=organisations[key], role=role) for key, role in spec["partners"]
    ]
    page.co_financiers = [
        ProjectCoFinancier(organisation=organisations[key]) for key in spec.get("co_financiers", [])
    ]
    page.focus_area_links = [
        ProjectFocusArea(focus_area=refs["focus_areas"][slug]) for slug in spec["focus"]
    ]
    page.key_figures = [
        ProjectKeyFigure(number=Decimal(number), unit=glossary(unit), label=glossary(label))
        for number, unit, label in spec.get("key_figures", [])
    ]
    page.gallery_images = [
        ProjectGalleryImage(
            image=demo_image(image_title, alt_text.sv, image_draw),
            alt_text=glossary(alt_text),
            caption=glossary(caption),
        )
        for image_title, image_draw, alt_text, caption in spec.get("gallery", [])
    ]
    return page


def _index(home):
    from .models import ProjectIndexPage

    glossary = Glossary()
    glossary(INDEX["slug"])

    def build():
        return ProjectIndexPage(
            title=glossary(INDEX["title"]), intro=glossary(INDEX["intro"]), show_in_menus=True
        )

    index, created = get_or_create_child(home, ProjectIndexPage, INDEX["slug"].sv, build)
    if created:
        translate(index, glossary)
    return index, created


def load(stdout, pages):
    """Build the snippets, the project index and the five projects, in three languages.

    Adds `projects` (the Swedish index) and each project by its key to `pages`.
    """
    from .models import ProjectPage

    sv = Locale.objects.get(language_code="sv")
    refs = {
        "focus_areas": _focus_areas(sv),
        "programmes": _programmes(sv),
        "organisations": _organisations(sv),
        "projects": {},
    }
    index, created = _index(pages["home"])
    if created:
        stdout.write("  created the project index in sv, fi and en")
    pages["projects"] = index
    for spec in PROJECTS:
        glossary = Glossary()
        glossary(spec["slug"])
        page, created = get_or_create_child(
            index,
            ProjectPage,
            spec["slug"].sv,
            lambda spec=spec, glossary=glossary: _build_project(spec, glossary, refs),
        )
        if created:
            translate(page, glossary)
            stdout.write(f"  created project {page.title!r} in sv, fi and en")
        refs["projects"][spec["key"]] = page
        pages[spec["key"]] = page
