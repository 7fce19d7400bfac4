"""Demo news: the news index and two articles, in Swedish with Finnish and English
translations made through wagtail-localize (see home/demo.py for the helpers). Each article
links the project it is about (projects.demo runs first)."""

import datetime
import math

from wagtail_localize.models import TranslationSource

from home.demo import (
    Glossary,
    T,
    demo_image,
    get_or_create_child,
    publish,
    save_and_publish,
    translate,
)

INDEX = {
    "slug": T("nyheter", "uutiset", "news"),
    "title": T("Nyheter", "Uutiset", "News"),
    "intro": T(
        "Nyheter om våra projekt, vad de har åstadkommit och vad som händer inom cleantech "
        "på båda sidor om Kvarken.",
        "Uutisia hankkeistamme, niiden tuloksista ja cleantech-alan tapahtumista Merenkurkun "
        "molemmin puolin.",
        "News about our projects, what they have achieved and what is happening in cleantech "
        "on both sides of Kvarken.",
    ),
}


def _star(draw, centre, radius, fill):
    """A five-pointed star."""
    points = []
    for corner in range(10):
        angle = math.radians(-90 + corner * 36)
        length = radius if corner % 2 == 0 else radius * 0.4
        points.append((centre[0] + length * math.cos(angle), centre[1] + length * math.sin(angle)))
    draw.polygon(points, fill=fill)


def draw_showcase(draw, size):
    """Two shores of Kvarken joined across the water, under a ring of twelve stars."""
    width, height = size
    draw.rectangle([0, 0, width, height], fill="#1f4e8c")
    draw.rectangle([0, height * 0.58, width, height], fill="#2f6f8f")
    for band in range(5):
        y = height * (0.66 + band * 0.07)
        draw.line([(width * 0.15, y), (width * 0.85, y)], fill="#4b8aa8", width=3)
    draw.polygon(
        [
            (0, height * 0.55),
            (width * 0.3, height * 0.52),
            (width * 0.36, height * 0.66),
            (0, height * 0.7),
        ],
        fill="#3f7d4e",
    )
    draw.polygon(
        [
            (width, height * 0.53),
            (width * 0.68, height * 0.55),
            (width * 0.62, height * 0.67),
            (width, height * 0.72),
        ],
        fill="#2f6b40",
    )
    # the dashed line of cooperation across the strait
    y = height * 0.62
    for start in range(int(width * 0.34), int(width * 0.64), 30):
        draw.line([(start, y), (start + 16, y)], fill="#f6d47a", width=6)
    centre = (width / 2, height * 0.28)
    for star in range(12):
        angle = math.radians(star * 30)
        point = (
            centre[0] + height * 0.2 * math.cos(angle),
            centre[1] + height * 0.2 * math.sin(angle),
        )
        _star(draw, point, height * 0.03, "#ffcc00")


def draw_conference(draw, size):
    """A conference hall: a stage, a screen with two shores and a power line, an audience."""
    width, height = size
    draw.rectangle([0, 0, width, height], fill="#2b2f3a")
    draw.rectangle([0, height * 0.62, width, height], fill="#3a3f4c")
    draw.rectangle([width * 0.2, height * 0.08, width * 0.8, height * 0.5], fill="#cfe6f1")
    draw.rectangle([width * 0.2, height * 0.32, width * 0.8, height * 0.5], fill="#2f6f8f")
    draw.polygon(
        [
            (width * 0.2, height * 0.3),
            (width * 0.38, height * 0.28),
            (width * 0.42, height * 0.36),
            (width * 0.2, height * 0.4),
        ],
        fill="#3f7d4e",
    )
    draw.polygon(
        [
            (width * 0.8, height * 0.29),
            (width * 0.6, height * 0.28),
            (width * 0.57, height * 0.36),
            (width * 0.8, height * 0.41),
        ],
        fill="#2f6b40",
    )
    for x in (0.3, 0.5, 0.7):
        base = (width * x, height * 0.34)
        draw.line([base, (width * x, height * 0.16)], fill="#5a6470", width=5)
        draw.line(
            [(width * (x - 0.03), height * 0.19), (width * (x + 0.03), height * 0.19)],
            fill="#5a6470",
            width=4,
        )
    draw.line(
        [(width * 0.3, height * 0.19), (width * 0.5, height * 0.21), (width * 0.7, height * 0.19)],
        fill="#f6d47a",
        width=4,
    )
    draw.rectangle([width * 0.1, height * 0.55, width * 0.9, height * 0.62], fill="#0b6b4f")
    draw.rectangle([width * 0.47, height * 0.47, width * 0.53, height * 0.6], fill="#07503b")
    for row in range(3):
        for seat in range(12):
            x = width * (0.06 + seat * 0.08 + (row % 2) * 0.04)
            y = height * (0.72 + row * 0.09)
            draw.ellipse([x - 18, y - 18, x + 18, y + 18], fill="#8a94a6")
            draw.rectangle([x - 26, y + 14, x + 26, y + 40], fill="#5f6878")


ARTICLES = [
    {
        "key": "showcase",
        "projects": ["cleantech-kvarken"],
        "image_title": "Cleantech Kvarken EU-exempel",
        "draw": draw_showcase,
        "date": datetime.date(2019, 2, 12),
        "author": "Maria Klintenäs",
        "photographer": "Maria Klintenäs",
        "slug": T(
            "cleantech-kvarken-blir-eu-exempel",
            "cleantech-kvarken-eu-esimerkki",
            "cleantech-kvarken-eu-showcase",
        ),
        "title": T(
            "Samarbetet över Kvarken blir ett EU-exempel",
            "Merenkurkun yli tehty yhteistyö nostetaan EU:n esimerkiksi",
            "Cooperation across Kvarken becomes an EU showcase",
        ),
        "lead": T(
            "Cleantech Kvarken, vårt gränsöverskridande projekt med Vasaregionen, har valts ut "
            "som ett av tre exempelprojekt i Interreg Botnia-Atlantica. Projektet visas nu upp i "
            "Europeiska kommissionens projektdatabas.",
            "Cleantech Kvarken, Vaasan seudun kanssa toteuttamamme rajat ylittävä hanke, on "
            "valittu yhdeksi Interreg Botnia-Atlantican kolmesta esimerkkihankkeesta. Hanke "
            "esitellään nyt Euroopan komission hanketietokannassa.",
            "Cleantech Kvarken, our cross-border project with the Vaasa region, has been chosen "
            "as one of three showcase projects of Interreg Botnia-Atlantica. It is now presented "
            "in the European Commission's project database.",
        ),
        "image_alt": T(
            "Illustration: Kvarkens två kuster förenade av en streckad linje över vattnet, under "
            "en ring av tolv gula stjärnor på blå botten.",
            "Piirros: Merenkurkun kaksi rannikkoa, joita yhdistää katkoviiva veden yli, ja niiden "
            "yllä kahdentoista keltaisen tähden kehä sinisellä pohjalla.",
            "Illustration: the two shores of Kvarken joined by a dashed line across the water, "
            "under a ring of twelve yellow stars on blue.",
        ),
        "image_caption": T(
            "Cleantech Kvarken förde samman företag på båda sidor om Kvarken.",
            "Cleantech Kvarken toi yhteen yrityksiä Merenkurkun molemmin puolin.",
            "Cleantech Kvarken brought together companies on both sides of Kvarken.",
        ),
        "body": [
            (
                "paragraph",
                T(
                    "Under tre år, från 2015 till 2018, byggde Cleantech Kvarken mötesplatser och "
                    "plattformar för samarbete mellan företag, energibolag, vatten- och "
                    "avloppsbolag, städer och kommuner på båda sidor om Kvarken. Parterna var "
                    "företagsfrämjande aktörer i Umeå, Vasa och Örnsköldsvik.",
                    "Kolmen vuoden ajan, vuodesta 2015 vuoteen 2018, Cleantech Kvarken rakensi "
                    "kohtaamispaikkoja ja yhteistyöalustoja yrityksille, energiayhtiöille, "
                    "vesihuoltoyhtiöille, kaupungeille ja kunnille Merenkurkun molemmin puolin. "
                    "Kumppaneina olivat yrityspalveluja tarjoavat toimijat Uumajassa, Vaasassa ja "
                    "Örnsköldsvikissä.",
                    "For three years, from 2015 to 2018, Cleantech Kvarken built meeting places "
                    "and platforms for cooperation between companies, energy utilities, water "
                    "and wastewater utilities, cities and municipalities on both sides of "
                    "Kvarken. The partners were business-support organisations in Umeå, Vaasa "
                    "and Örnsköldsvik.",
                ),
                T(
                    "Omkring 200 företag deltog genom en gemensam företagskatalog, mässor, "
                    "matchmaking och affärsmöten. Hela 97 procent av dem vill fortsätta "
                    "samarbetet.",
                    "Noin 200 yritystä osallistui yhteisen yritysluettelon, messujen, "
                    "matchmaking-tilaisuuksien ja liiketapaamisten kautta. Peräti 97 prosenttia "
                    "niistä haluaa jatkaa yhteistyötä.",
                    "Some 200 companies took part through a shared company catalogue, trade "
                    "fairs, matchmaking and business meetings. No less than 97 per cent of them "
                    "want to keep working together.",
                ),
            ),
            (
                "heading",
                T(
                    "Utvalt för kommissionen",
                    "Valittu komission esittelyyn",
                    "Chosen for the Commission",
                ),
            ),
            (
                "paragraph",
                T(
                    "Programmet Interreg Botnia-Atlantica, som förenar Sverige, Finland och Norge, "
                    "valde ut Cleantech Kvarken som ett av tre projekt att lyfta fram i "
                    "kommissionens projektdatabas Inforegio.",
                    "Ruotsin, Suomen ja Norjan yhteinen Interreg Botnia-Atlantica -ohjelma valitsi "
                    "Cleantech Kvarkenin yhdeksi kolmesta hankkeesta, jotka nostetaan esiin "
                    "komission Inforegio-hanketietokannassa.",
                    "Interreg Botnia-Atlantica, the programme that joins Sweden, Finland and "
                    "Norway, picked Cleantech Kvarken as one of three projects to feature in the "
                    "Commission's Inforegio project database.",
                ),
            ),
            (
                "quote",
                T(
                    "Programsekretariatet ser projektet som en förebild att visa upp för "
                    "kommissionen. Men det viktigaste är att företagen har fått verklig "
                    "affärsnytta, och att 97 procent vill fortsätta säger det mesta.",
                    "Ohjelman sihteeristö pitää hanketta mallina, jota kannattaa esitellä "
                    "komissiolle. Tärkeintä on kuitenkin se, että yritykset ovat saaneet "
                    "todellista liiketoiminnallista hyötyä, ja se, että 97 prosenttia haluaa "
                    "jatkaa, kertoo paljon.",
                    "The programme secretariat sees the project as a model worth showing the "
                    "Commission. But what matters most is that the companies got real business "
                    "value, and 97 per cent wanting to continue says a lot.",
                ),
                T(
                    "Peter Hedman, projektledare för Cleantech Kvarken",
                    "Peter Hedman, Cleantech Kvarkenin projektipäällikkö",
                    "Peter Hedman, project manager of Cleantech Kvarken",
                ),
            ),
            (
                "heading",
                T(
                    "Handel och samarbete över gränsen",
                    "Kauppaa ja yhteistyötä yli rajan",
                    "Trade and cooperation across the border",
                ),
            ),
            (
                "paragraph",
                T(
                    "Projektet har gett mer handel mellan länderna i programområdet och hjälpt "
                    "företagen över gemensamma hinder för affärer över gränsen. Europeiska "
                    "regionala utvecklingsfonden finansierade 60 procent av projektet. Resten kom "
                    "från Region Västerbotten, Umeå kommun, Umeå Energi, Örnsköldsviks kommun, "
                    "Österbottens förbund, Vasaregionens Utveckling AB (VASEK) och Vasa stad.",
                    "Hanke on lisännyt kauppaa ohjelma-alueen maiden välillä ja auttanut "
                    "yrityksiä selviytymään rajat ylittävän liiketoiminnan yhteisistä esteistä. "
                    "Euroopan aluekehitysrahasto rahoitti hankkeesta 60 prosenttia. Muu rahoitus "
                    "tuli "
                    "Region Västerbottenilta, Uumajan kunnalta, Umeå Energiltä, Örnsköldsvikin "
                    "kunnalta, Pohjanmaan liitolta, Vaasanseudun Kehitys Oy:ltä (VASEK) ja Vaasan "
                    "kaupungilta.",
                    "The project has brought more trade between the countries of the programme "
                    "area and helped companies past the shared obstacles of doing business "
                    "across the border. The European Regional Development Fund paid for 60 per "
                    "cent of the project; the rest came from Region Västerbotten, Umeå "
                    "Municipality, Umeå Energi, Örnsköldsvik Municipality, the Regional Council "
                    "of Ostrobothnia, Vaasa Region Development Company (VASEK) and the City of "
                    "Vaasa.",
                ),
                T(
                    "Samarbetet lever vidare i uppföljaren Future Cleantech Solutions, där "
                    "partnerskapet har vidgats till Skellefteå och Karleby. Målet är att små och "
                    "medelstora företag ska kunna ta vara på de affärsmöjligheter som nya "
                    "etableringar och investeringar för med sig på båda sidor om Kvarken.",
                    "Yhteistyö jatkuu Future Cleantech Solutions -jatkohankkeessa, jonka "
                    "kumppanuus on laajentunut Skellefteåhon ja Kokkolaan. Tavoitteena on, että "
                    "pienet ja keskisuuret yritykset voivat hyödyntää niitä "
                    "liiketoimintamahdollisuuksia, joita uudet sijoittumiset ja investoinnit "
                    "tuovat Merenkurkun molemmin puolin.",
                    "The cooperation carries on in the follow-up project Future Cleantech "
                    "Solutions, whose partnership now reaches Skellefteå and Kokkola. Its aim is "
                    "to let small and medium-sized companies seize the business opportunities "
                    "that new establishments and investments bring to both sides of Kvarken.",
                ),
            ),
        ],
    },
    {
        "key": "conference",
        "projects": ["bothnia-green-energy"],
        "image_title": "Beyond Borders slutkonferens",
        "draw": draw_conference,
        "date": datetime.date(2025, 10, 23),
        "author": "",
        "photographer": "",
        "slug": T(
            "bothnia-green-energy-beyond-borders",
            "bothnia-green-energy-beyond-borders-konferenssi",
            "bothnia-green-energy-closes-with-beyond-borders",
        ),
        "title": T(
            "Bothnia Green Energy avslutades med konferensen Beyond Borders",
            "Bothnia Green Energy päättyi Beyond Borders -konferenssiin",
            "Bothnia Green Energy closes with the Beyond Borders conference",
        ),
        "lead": T(
            "Sex energibolag från båda sidor om Kvarken har i tre år arbetat tillsammans för att "
            "snabba på innovationen inom hållbar energi. Den 23 oktober 2025 samlades projektet "
            "till sin slutkonferens, Beyond Borders, i Örnsköldsvik.",
            "Kuusi energiayhtiötä Merenkurkun molemmin puolin on kolmen vuoden ajan tehnyt "
            "yhteistyötä kestävän energian innovaatioiden vauhdittamiseksi. Hankkeen "
            "loppukonferenssi Beyond Borders pidettiin Örnsköldsvikissä 23. lokakuuta 2025.",
            "For three years, six energy companies from both sides of Kvarken have worked "
            "together to speed up innovation in sustainable energy. On 23 October 2025 the "
            "project met in Örnsköldsvik for its final conference, Beyond Borders.",
        ),
        "image_alt": T(
            "Illustration: en konferenssal där publiken ser mot en scen, och på skärmen en "
            "kraftledning som förbinder två kuster över havet.",
            "Piirros: konferenssisali, jossa yleisö katsoo lavalle; valkokankaalla voimalinja "
            "yhdistää kaksi rannikkoa meren yli.",
            "Illustration: a conference hall with the audience facing a stage, and on the screen "
            "a power line linking two shores across the sea.",
        ),
        "image_caption": T(
            "Slutkonferensen hölls i Örnsköldsvik.",
            "Loppukonferenssi pidettiin Örnsköldsvikissä.",
            "The final conference was held in Örnsköldsvik.",
        ),
        "body": [
            (
                "paragraph",
                T(
                    "Bakom Bothnia Green Energy, ett projekt inom Interreg Aurora, står Övik "
                    "Energi, Umeå Energi och Skellefteå Kraft i Sverige samt Karleby Energi, "
                    "Herrfors och Vasa Elektriska i Finland. Kvarkenrådet samordnar projektet och "
                    "projektledare är Sofia Törmä.",
                    "Interreg Aurora -ohjelmaan kuuluvan Bothnia Green Energy -hankkeen takana "
                    "ovat Ruotsista Övik Energi, Umeå Energi ja Skellefteå Kraft sekä Suomesta "
                    "Kokkolan Energia, Herrfors ja Vaasan Sähkö. Hanketta koordinoi Merenkurkun "
                    "neuvosto, ja projektipäällikkönä toimii Sofia Törmä.",
                    "Bothnia Green Energy, an Interreg Aurora project, brings together Övik "
                    "Energi, Umeå Energi and Skellefteå Kraft in Sweden and Kokkolan Energia, "
                    "Herrfors and Vaasan Sähkö in Finland. The Kvarken Council coordinates the "
                    "project, and Sofia Törmä is its project manager.",
                ),
            ),
            ("heading", T("Tre arbetspaket", "Kolme työpakettia", "Three work packages")),
            (
                "paragraph",
                T(
                    "Arbetet har bedrivits i tre delar: en gemensam plattform för offentlig "
                    "sektor, näringsliv och akademi; en satsning på små och medelstora företags "
                    "innovationsförmåga tillsammans med energibolag, universitet och offentliga "
                    "aktörer; och en plan för internationella kontakter.",
                    "Työ on tehty kolmessa osassa: julkisen sektorin, elinkeinoelämän ja "
                    "korkeakoulujen yhteinen alusta; pienten ja keskisuurten yritysten "
                    "innovaatiokyvyn vahvistaminen yhdessä energiayhtiöiden, yliopistojen ja "
                    "julkisten toimijoiden kanssa; sekä suunnitelma kansainvälisiä yhteyksiä "
                    "varten.",
                    "The work was done in three parts: a joint platform for government, industry "
                    "and academia; stronger innovation capacity in small and medium-sized "
                    "companies, together with energy companies, universities and public bodies; "
                    "and a plan for international contacts.",
                ),
                T(
                    "Samarbetet har redan satt spår: våren 2024 bildade de sex bolagens vd:ar ett "
                    "energiutskott inom Kvarkenrådet.",
                    "Yhteistyö on jo jättänyt jälkensä: keväällä 2024 kuuden yhtiön "
                    "toimitusjohtajat perustivat Merenkurkun neuvoston alaisuuteen "
                    "energiavaliokunnan.",
                    "The cooperation has already left its mark: in spring 2024 the chief "
                    "executives of the six companies formed an energy committee under the "
                    "Kvarken Council.",
                ),
                T(
                    "Slutkonferensen Beyond Borders i Örnsköldsvik den 23 oktober 2025 avslutade "
                    "projektets tre år. Namnet sammanfattar idén bakom det: energiomställningen "
                    "går fortare när grannar på båda sidor om Kvarken arbetar tillsammans.",
                    "Loppukonferenssi Beyond Borders Örnsköldsvikissä 23. lokakuuta 2025 päätti "
                    "hankkeen kolme vuotta. Nimi kiteyttää hankkeen ajatuksen: energiamurros "
                    "etenee nopeammin, kun naapurit Merenkurkun molemmin puolin tekevät työtä "
                    "yhdessä.",
                    "The final conference, Beyond Borders, in Örnsköldsvik on 23 October 2025 "
                    "closed the project's three years. Its name sums up the idea behind it: the "
                    "energy transition moves faster when neighbours on both sides of Kvarken "
                    "work together.",
                ),
            ),
        ],
    },
]


def _body(glossary, spec):
    blocks = []
    for kind, *texts in spec:
        if kind == "heading":
            blocks.append(("heading", {"text": glossary(texts[0]), "level": "h2"}))
        elif kind == "quote":
            quote, attribution = texts
            blocks.append(
                ("quote", {"quote": glossary(quote), "attribution": glossary(attribution)})
            )
        else:
            blocks.append(("paragraph", glossary.paragraphs(*texts)))
    return blocks


def link_projects(article, projects):
    """Add the related-project rows the Swedish `article` lacks, publish it and carry the
    rows over to its translations (they are synchronised). Returns the projects added."""
    from .models import ArticleRelatedProject

    linked = set(article.project_links.values_list("project__translation_key", flat=True))
    missing = [project for project in projects if project.translation_key not in linked]
    if not missing:
        return []
    start = len(linked)
    for order, project in enumerate(missing, start=start):
        ArticleRelatedProject.objects.create(article=article, project=project, sort_order=order)
    publish(article)
    source = TranslationSource.objects.get(
        object_id=article.translation_key, locale_id=article.locale_id
    )
    source.update_from_db()
    for translation in source.translations.all():
        save_and_publish(translation)
    return missing


def load(stdout, pages):
    """Build the news index under the home page and the two articles under it.

    Adds "news" and one key per article ("showcase", "conference") to `pages`. An
    article that exists already gets the project links it lacks.
    """
    from .models import ArticlePage, ArticleRelatedProject, NewsIndexPage

    glossary = Glossary()
    glossary(INDEX["slug"])

    def build_index():
        return NewsIndexPage(
            title=glossary(INDEX["title"]), intro=glossary(INDEX["intro"]), show_in_menus=True
        )

    index, created = get_or_create_child(
        pages["home"], NewsIndexPage, INDEX["slug"].sv, build_index
    )
    if created:
        translate(index, glossary)
        stdout.write("  created the news index in sv, fi and en")
    pages["news"] = index

    for spec in ARTICLES:
        glossary = Glossary()
        glossary(spec["slug"])

        def build(spec=spec, glossary=glossary):
            image = demo_image(spec["image_title"], spec["image_alt"].sv, spec["draw"])
            return ArticlePage(
                title=glossary(spec["title"]),
                date=spec["date"],
                lead=glossary(spec["lead"]),
                author=spec["author"],
                photographer=spec["photographer"],
                hero_image=image,
                hero_image_alt=glossary(spec["image_alt"]),
                hero_image_caption=glossary(spec["image_caption"]),
                body=_body(glossary, spec["body"]),
                project_links=[
                    ArticleRelatedProject(project=pages[key], sort_order=order)
                    for order, key in enumerate(spec["projects"])
                ],
            )

        article, created = get_or_create_child(index, ArticlePage, spec["slug"].sv, build)
        if created:
            translate(article, glossary)
            stdout.write(f"  created the article {article.title!r} in sv, fi and en")
        else:
            for project in link_projects(article, [pages[key] for key in spec["projects"]]):
                stdout.write(f"  linked the article {article.title!r} to {project.title!r}")
        pages[spec["key"]] = article
