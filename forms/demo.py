"""Demo content: the visit booking page, in Swedish with Finnish and English translations.

The form's questions follow what the organisation asks delegations today: the aim of the
visit, focus areas, companies to meet, dates, group size and the participants, and then
the organiser's own contact details.
"""

from home.demo import Glossary, T, get_or_create_child, translate

PAGE = {
    "slug": T("boka-besok", "varaa-vierailu", "book-a-visit"),
    "title": T("Boka ett besök", "Varaa vierailu", "Book a visit"),
    "intro": T(
        "Vill ni se norra Sveriges cleantech på plats? Berätta om er grupp, så återkommer "
        "vi med ett förslag på program.",
        "Haluatteko nähdä Pohjois-Ruotsin cleantech-osaamisen paikan päällä? Kertokaa "
        "ryhmästänne, niin palaamme asiaan ohjelmaehdotuksen kanssa.",
        "Would you like to see northern Sweden's cleantech for yourselves? Tell us about "
        "your group and we will come back with a suggested programme.",
    ),
    "costs_notice": T(
        "Ni är varmt välkomna hit. Observera att besökare själva står för alla sina "
        "kostnader, till exempel resor, boende, måltider och tolkning.",
        "Olette lämpimästi tervetulleita. Huomatkaa, että vierailijat maksavat itse kaikki "
        "kulunsa, kuten matkat, majoituksen, ateriat ja tulkkauksen.",
        "You are very welcome to visit. Please note that visitors pay all their own costs, "
        "such as travel, accommodation, meals and interpreting.",
    ),
    "privacy_text": T(
        "Vi använder uppgifterna bara för att planera besöket och svara er, och raderar "
        "dem ett år efter att bokningen skickades.",
        "Käytämme tietoja vain vierailun suunnitteluun ja teille vastaamiseen, ja "
        "poistamme ne vuoden kuluttua varauksen lähettämisestä.",
        "We use these details only to plan the visit and reply to you, and delete them "
        "one year after the booking was sent.",
    ),
    "thank_you": T(
        "Vi har tagit emot er förfrågan och skickat en bekräftelse till den e-postadress "
        "ni angav. Vi hör av oss inom några arbetsdagar.",
        "Olemme vastaanottaneet pyyntönne ja lähettäneet vahvistuksen antamaanne "
        "sähköpostiosoitteeseen. Otamme yhteyttä muutaman työpäivän kuluessa.",
        "We have received your request and sent a confirmation to the e-mail address you "
        "gave. We will be in touch within a few working days.",
    ),
}

# (label, field type, required, help text or None, choices or None, extra options)
FIELDS = [
    (
        T("Besökets huvudsyfte", "Vierailun päätarkoitus", "Main aim of the visit"),
        "radio",
        True,
        None,
        T(
            "Affärer och investeringar\nStudiebesök\nPolitisk eller officiell delegation\n"
            "Forskning och utbildning\nMedia\nAnnat",
            "Liiketoiminta ja investoinnit\nOpintomatka\nPoliittinen tai virallinen "
            "valtuuskunta\nTutkimus ja koulutus\nMedia\nMuu",
            "Business and investment\nStudy visit\nPolitical or official delegation\n"
            "Research and education\nMedia\nOther",
        ),
        {},
    ),
    (
        T("Beskriv syftet närmare", "Kuvailkaa tarkoitusta tarkemmin", "Describe the aim further"),
        "multiline",
        True,
        T(
            "Vad vill ni få ut av besöket?",
            "Mitä haluatte saada vierailusta irti?",
            "What do you want to get out of the visit?",
        ),
        None,
        {},
    ),
    (
        T("Fokusområden", "Painopistealueet", "Focus areas"),
        "checkboxes",
        False,
        T("Välj ett eller flera.", "Valitkaa yksi tai useampi.", "Choose one or more."),
        T(
            "Energi\nVatten och avlopp\nCirkulär ekonomi och material\nMobilitet och "
            "transporter\nByggnader\nBatterier och elektrifiering\nSkoglig bioekonomi",
            "Energia\nVesi ja jätevesi\nKiertotalous ja materiaalit\nLiikkuminen ja "
            "kuljetus\nRakennukset\nAkut ja sähköistäminen\nMetsäbiotalous",
            "Energy\nWater and wastewater\nCircular economy and materials\nMobility and "
            "transport\nBuildings\nBatteries and electrification\nForest bioeconomy",
        ),
        {},
    ),
    (
        T(
            "Berätta mer om era fokusområden",
            "Kertokaa lisää painopistealueistanne",
            "Tell us more about your focus areas",
        ),
        "multiline",
        False,
        None,
        None,
        {},
    ),
    (
        T(
            "Vill ni träffa företag? Vilka slags företag i så fall?",
            "Haluatteko tavata yrityksiä? Millaisia yrityksiä?",
            "Would you like to meet companies? If so, which kind?",
        ),
        "multiline",
        False,
        None,
        None,
        {},
    ),
    (
        T("Särskilda önskemål", "Erityistoiveet", "Special requests"),
        "multiline",
        False,
        T(
            "Till exempel kost, tillgänglighet eller tolkning.",
            "Esimerkiksi ruokavalio, esteettömyys tai tulkkaus.",
            "For example diet, accessibility or interpreting.",
        ),
        None,
        {},
    ),
    (
        T("Önskade datum", "Toivotut päivät", "Preferred dates"),
        "preferred_dates",
        True,
        T(
            "Ange upp till tre datum, i den ordning ni föredrar dem.",
            "Antakaa enintään kolme päivää toivomassanne järjestyksessä.",
            "Give up to three dates, in the order you prefer them.",
        ),
        None,
        {},
    ),
    (
        T(
            "Förväntat antal deltagare",
            "Osallistujien arvioitu määrä",
            "Expected number of participants",
        ),
        "group_size",
        True,
        None,
        None,
        {},
    ),
    (
        T("Deltagare", "Osallistujat", "Participants"),
        "participants",
        False,
        T(
            "En rad per deltagare. Listan kan kompletteras senare.",
            "Yksi rivi kutakin osallistujaa kohden. Listaa voi täydentää myöhemmin.",
            "One row per participant. The list can be completed later.",
        ),
        None,
        {"min_rows": 0, "max_rows": 50},
    ),
    (
        T("Ditt namn", "Nimesi", "Your name"),
        "singleline",
        True,
        T(
            "Du som bokar för gruppens räkning.",
            "Sinä, joka varaat ryhmän puolesta.",
            "You, booking on the group's behalf.",
        ),
        None,
        {},
    ),
    (
        T("Din e-postadress", "Sähköpostiosoitteesi", "Your e-mail address"),
        "email",
        True,
        T(
            "Hit skickar vi en bekräftelse.",
            "Lähetämme vahvistuksen tähän osoitteeseen.",
            "We send a confirmation here.",
        ),
        None,
        {},
    ),
    (
        T("Meddelande", "Viesti", "Message"),
        "multiline",
        False,
        None,
        None,
        {},
    ),
]


def load(stdout, pages):
    """The booking page under the Swedish home page, linked to the privacy policy."""
    from .models import FormField, FormPage

    glossary = Glossary()
    glossary(PAGE["slug"])

    def build():
        form_fields = []
        for position, (label, field_type, required, help_text, choices, extra) in enumerate(FIELDS):
            form_fields.append(
                FormField(
                    sort_order=position,
                    label=glossary(label),
                    field_type=field_type,
                    required=required,
                    help_text=glossary(help_text) if help_text else "",
                    choices=glossary(choices) if choices else "",
                    **extra,
                )
            )
        return FormPage(
            title=glossary(PAGE["title"]),
            intro=glossary(PAGE["intro"]),
            costs_notice=glossary(PAGE["costs_notice"]),
            privacy_text=glossary(PAGE["privacy_text"]),
            privacy_page=pages.get("privacy"),
            thank_you_text=glossary.paragraphs(PAGE["thank_you"]),
            to_address="info@example.com",
            subject="Ny besöksbokning",
            show_in_menus=True,
            form_fields=form_fields,
        )

    page, created = get_or_create_child(pages["home"], FormPage, PAGE["slug"].sv, build)
    if created:
        translate(page, glossary)
        stdout.write(f"  created the booking page {page.title!r} in sv, fi and en")
    pages["booking"] = page
